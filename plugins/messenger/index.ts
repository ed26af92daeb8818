/**
 * Facebook Messenger through the Messenger Platform (Graph API).
 *
 * Receiving: the page's webhook at `/api/channels/messenger/webhook`. Facebook first checks
 * it with a GET handshake (`hub.mode=subscribe`, `hub.verify_token` = our verify token,
 * answered with `hub.challenge`); then each POST carries `X-Hub-Signature-256:
 * sha256=<HMAC-SHA256 of the raw body with the app secret>`, checked in constant time on the
 * raw bytes before anything is stored (401 otherwise). Each `messaging[].message` becomes an
 * inbound message keyed by its `mid` (a redelivery stores nothing new), with the sender's
 * page-scoped id kept as a string.
 *
 * Sending: the Send API (`POST /me/messages?access_token=…`, `messaging_type: RESPONSE`) to
 * the page-scoped id in `to`. Outside the 24-hour standard messaging window Facebook refuses
 * (error code 10 / subcode 2018278): that refusal is permanent and says so.
 *
 * Settings: MESSENGER_PAGE_TOKEN, MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN (secrets),
 * MESSENGER_GRAPH_URL (default https://graph.facebook.com/v21.0).
 */
import { createHmac } from 'node:crypto';
import { ChannelError, sameSecret, type ChannelDefinition, type InboundMessage, type Plugin } from '../../engine/plugins/index.js';

interface MessengerConfig {
  pageToken: string;
  appSecret: string;
  verifyToken: string;
  graphUrl: string;
}

interface WebhookBody {
  object?: string;
  entry?: { messaging?: { sender?: { id?: string | number }; timestamp?: number; message?: { mid?: string; text?: string; is_echo?: boolean } }[] }[];
}

/** `sha256=<hex>` of the raw body with the app secret, as Facebook signs webhooks. */
export function hubSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}


const messenger: ChannelDefinition<MessengerConfig> = {
  labels: { vi: 'Facebook Messenger', en: 'Facebook Messenger' },
  description: "Conversations with your Facebook page's visitors through the Messenger Platform.",
  address: 'external',
  configSchema: {
    type: 'object',
    required: ['pageToken', 'appSecret', 'verifyToken'],
    additionalProperties: false,
    properties: {
      pageToken: { type: 'string', minLength: 10 },
      appSecret: { type: 'string', minLength: 8 },
      verifyToken: { type: 'string', minLength: 8 },
      graphUrl: { type: 'string', pattern: '^https?://', default: 'https://graph.facebook.com/v21.0' },
    },
  },
  env: { pageToken: 'MESSENGER_PAGE_TOKEN', appSecret: 'MESSENGER_APP_SECRET', verifyToken: 'MESSENGER_VERIFY_TOKEN', graphUrl: 'MESSENGER_GRAPH_URL' },
  secrets: ['pageToken', 'appSecret', 'verifyToken'],
  // Messenger's standard messaging window; Facebook refuses later replies (there is no fallback).
  replyWindow: () => ({ hours: 24 }),
  open(config, host) {
    return {
      async send(message, signal) {
        let response: Response;
        try {
          response = await fetch(`${config.graphUrl.replace(/\/+$/, '')}/me/messages?access_token=${encodeURIComponent(config.pageToken)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ recipient: { id: message.to }, messaging_type: 'RESPONSE', message: { text: message.text } }),
            signal,
          });
        } catch (error) {
          throw new ChannelError(`Facebook cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
        }
        const body = (await response.json().catch(() => ({}))) as { message_id?: string; error?: { message?: string; code?: number; error_subcode?: number } };
        if (response.ok && body.message_id) return { providerId: body.message_id };
        const error = body.error ?? {};
        if (error.code === 10 && error.error_subcode === 2018278) {
          throw new ChannelError('Outside the 24-hour window: Messenger takes a reply only within 24 hours of the customer’s last message', { permanent: true, providerCode: '10/2018278' });
        }
        throw new ChannelError(`Facebook refused the message: ${error.message ?? `HTTP ${response.status}`}`, { permanent: response.status >= 400 && response.status < 500 && response.status !== 429, ...(error.code === undefined ? {} : { providerCode: String(error.code) }) });
      },
      routes: {
        async webhook(request) {
          if (request.method === 'GET') {
            if (request.query['hub.mode'] === 'subscribe' && sameSecret(request.query['hub.verify_token'], config.verifyToken)) return { status: 200, text: request.query['hub.challenge'] ?? '' };
            return { status: 403, body: { error: 'verify token does not match' } };
          }
          if (!sameSecret(request.headers['x-hub-signature-256'], hubSignature(config.appSecret, request.rawBody))) return { status: 401 };
          let body: WebhookBody;
          try {
            body = JSON.parse(request.rawBody.toString('utf8')) as WebhookBody;
          } catch {
            return { status: 400, body: { error: 'not JSON' } };
          }
          const messages: InboundMessage[] = [];
          for (const entry of body.entry ?? []) {
            for (const event of entry.messaging ?? []) {
              const m = event.message;
              if (!m?.mid || m.is_echo || event.sender?.id === undefined) continue;
              messages.push({ providerId: m.mid, from: { externalId: String(event.sender.id) }, text: m.text ?? '', at: new Date(event.timestamp ?? Date.now()).toISOString() });
            }
          }
          await host.receive(messages);
          return { status: 200, text: 'EVENT_RECEIVED' };
        },
      },
    };
  },
};

export default { name: 'messenger', version: 1, channels: { messenger } } satisfies Plugin;
