/**
 * Zalo Official Account (OA) conversations, through Zalo's OA Open API v3 and ZNS.
 *
 * Receiving: the OA's webhook at `/api/channels/zalo/webhook`. Zalo signs each event with
 * `X-ZEvent-Signature: mac=<hex SHA-256 of app_id + raw body + timestamp + OA secret key>`
 * (`app_id` and `timestamp` read from the body); the digest is checked in constant time on
 * the raw bytes, and the app id must be ours, before anything is stored (401 otherwise). Each
 * `user_send_*` event becomes an inbound message keyed by its `msg_id` (a redelivery stores
 * nothing new), with the sender's id kept as a string: long numeric ids are quoted before
 * parsing, so none loses digits. The webhook only stores and answers, well within Zalo's 2 s.
 *
 * Sending (`POST …/v3.0/oa/message/<type>` with the `access_token` header): a reply in a
 * conversation is a consultation message (`cs`), a transactional message a `transaction`
 * template, a marketing one a `promotion` template. Zalo answers most failures with HTTP 200
 * and `error` ≠ 0: only `error: 0` is success. Consultation messages are free only within
 * Zalo's interaction window after the person's last message (7 days by default,
 * ZALO_CS_WINDOW_HOURS): outside it nothing is attempted blindly. The reply goes as the ZNS
 * template ZALO_ZNS_TEMPLATE_ID to the conversation's phone number when one is set, and is
 * refused with the reason otherwise.
 *
 * Tokens: an access token lives about 25 hours; the refresh token that gets the next pair is
 * single-use. The pair is kept in the channel's durable memory and refreshed an hour before
 * expiry (or when Zalo says -216, "access token invalid") under a lock every process on the
 * store respects, re-reading the pair once the lock is held, so no two processes ever spend
 * the same refresh token. The first refresh token comes from ZALO_REFRESH_TOKEN (after the
 * OA admin authorizes the app); setting a new one there (after a re-authorization) replaces
 * the kept pair.
 */
import { createHash } from 'node:crypto';
import { ChannelError, sameSecret, type ChannelDefinition, type ChannelMemory, type InboundMessage, type OutgoingMessage, type Plugin } from '../../engine/plugins/index.js';

interface ZaloConfig {
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  refreshToken: string;
  apiUrl: string;
  oauthUrl: string;
  znsUrl: string;
  znsTemplateId?: string;
  znsTextParam: string;
  znsNameParam: string;
  windowHours: number;
}

/** The kept token pair. `seed`: which ZALO_REFRESH_TOKEN it descends from. */
interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  seed: string;
}

interface ZaloAnswer {
  error?: number;
  message?: string;
  data?: { message_id?: string; msg_id?: string };
}

interface ZaloEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string;
  sender?: { id?: string };
  message?: { msg_id?: string; text?: string };
}

/** The hex digest Zalo puts in `X-ZEvent-Signature` (after `mac=`). */
export function zaloSignature(appId: string, rawBody: Buffer | string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest('hex');
}

/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60 * 60_000;
/** Zalo: the access token is invalid or expired. */
const TOKEN_INVALID = -216;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with ids of 16+ digits quoted, so that parsing keeps every digit. */
function parseKeepingIds(raw: string): unknown {
  return JSON.parse(raw.replace(/("(?:id|user_id|msg_id|app_id|oa_id|user_id_by_app|timestamp)"\s*:\s*)(\d{16,})/g, '$1"$2"'));
}

/** The number as ZNS takes it: 84xxxxxxxxx. */
function znsPhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s.()+-]/g, '');
  if (/^0\d{9}$/.test(digits)) return `84${digits.slice(1)}`;
  if (/^84\d{9}$/.test(digits)) return digits;
  return undefined;
}

class ZaloClient {
  private readonly seed: string;

  constructor(
    private readonly config: ZaloConfig,
    private readonly memory: ChannelMemory,
  ) {
    this.seed = hash(config.refreshToken);
  }

  /** A valid access token; `stale`: the one Zalo just refused, to be replaced. */
  async accessToken(signal: AbortSignal, stale?: string): Promise<string> {
    const usable = (tokens: Tokens | undefined): boolean =>
      tokens !== undefined && tokens.seed === this.seed && tokens.accessToken !== stale && tokens.expiresAt - Date.now() > REFRESH_AHEAD_MS;
    const kept = await this.memory.get<Tokens>('tokens');
    if (kept && usable(kept)) return kept.accessToken;
    return this.memory.withLock('tokens', async () => {
      // Another process may have refreshed while this one waited for the lock.
      const current = await this.memory.get<Tokens>('tokens');
      if (current && usable(current)) return current.accessToken;
      const refreshToken = current?.seed === this.seed ? current.refreshToken : this.config.refreshToken;
      const fresh = await this.refresh(refreshToken, signal);
      await this.memory.set('tokens', fresh);
      return fresh.accessToken;
    });
  }

  private async refresh(refreshToken: string, signal: AbortSignal): Promise<Tokens> {
    let response: Response;
    try {
      response = await fetch(`${this.config.oauthUrl.replace(/\/+$/, '')}/v4/oa/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.config.appSecret },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: this.config.appId, grant_type: 'refresh_token' }).toString(),
        signal,
      });
    } catch (error) {
      throw new ChannelError(`Zalo cannot be reached to refresh the access token: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string; error_description?: string };
    if (response.ok && body.access_token && body.refresh_token) {
      const seconds = Number(body.expires_in);
      return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 90_000) * 1000, seed: this.seed };
    }
    const why = body.error_description ?? body.error_name ?? `HTTP ${response.status}`;
    // A used or expired refresh token does not come back: an OA admin must authorize the app again.
    throw new ChannelError(`Zalo refused to refresh the access token (${why}): authorize the app on the OA again and set ZALO_REFRESH_TOKEN`, {
      permanent: response.status < 500,
      ...(body.error === undefined ? {} : { providerCode: String(body.error) }),
    });
  }

  /** POST to Zalo with the access token; a refused token is refreshed once and the call made again. */
  async post(url: string, payload: unknown, signal: AbortSignal): Promise<ZaloAnswer> {
    let token = await this.accessToken(signal);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', access_token: token }, body: JSON.stringify(payload), signal });
      } catch (error) {
        throw new ChannelError(`Zalo cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
      }
      const answer = (await response.json().catch(() => undefined)) as ZaloAnswer | undefined;
      if ((response.status === 401 || answer?.error === TOKEN_INVALID) && attempt === 0) {
        token = await this.accessToken(signal, token);
        continue;
      }
      if (!answer) throw new ChannelError(`Zalo answered HTTP ${response.status} without JSON`, { permanent: response.status >= 400 && response.status < 500 && response.status !== 429 });
      if (response.status >= 500) throw new ChannelError(`Zalo failed: HTTP ${response.status}`);
      return answer;
    }
  }
}

/** A refusal in Zalo's words; its codes are request problems that retrying the same request does not change. */
function refused(what: string, answer: ZaloAnswer): ChannelError {
  return new ChannelError(`Zalo refused the ${what}: ${answer.message ?? 'no reason given'} (error ${answer.error})`, { permanent: true, providerCode: String(answer.error) });
}

const zalo: ChannelDefinition<ZaloConfig> = {
  labels: { vi: 'Zalo OA', en: 'Zalo Official Account' },
  description: "Conversations with your Zalo Official Account's followers (OA API v3), with ZNS by phone once the reply window has closed.",
  address: 'external',
  configSchema: {
    type: 'object',
    required: ['appId', 'appSecret', 'oaSecretKey', 'refreshToken'],
    additionalProperties: false,
    properties: {
      appId: { type: 'string', pattern: '^[0-9]{5,25}$' },
      appSecret: { type: 'string', minLength: 8 },
      oaSecretKey: { type: 'string', minLength: 8 },
      refreshToken: { type: 'string', minLength: 10 },
      apiUrl: { type: 'string', pattern: '^https?://', default: 'https://openapi.zalo.me' },
      oauthUrl: { type: 'string', pattern: '^https?://', default: 'https://oauth.zaloapp.com' },
      znsUrl: { type: 'string', pattern: '^https?://', default: 'https://business.openapi.zalo.me' },
      znsTemplateId: { type: 'string', pattern: '^[0-9]{1,20}$' },
      znsTextParam: { type: 'string', minLength: 1, default: 'content' },
      znsNameParam: { type: 'string', minLength: 1, default: 'customer_name' },
      windowHours: { type: 'number', exclusiveMinimum: 0, maximum: 720, default: 168 },
    },
  },
  env: {
    appId: 'ZALO_APP_ID',
    appSecret: 'ZALO_APP_SECRET',
    oaSecretKey: 'ZALO_OA_SECRET_KEY',
    refreshToken: 'ZALO_REFRESH_TOKEN',
    apiUrl: 'ZALO_API_URL',
    oauthUrl: 'ZALO_OAUTH_URL',
    znsUrl: 'ZALO_ZNS_URL',
    znsTemplateId: 'ZALO_ZNS_TEMPLATE_ID',
    znsTextParam: 'ZALO_ZNS_TEXT_PARAM',
    znsNameParam: 'ZALO_ZNS_NAME_PARAM',
    windowHours: 'ZALO_CS_WINDOW_HOURS',
  },
  secrets: ['appSecret', 'oaSecretKey', 'refreshToken'],
  replyWindow: (config) => ({ hours: config.windowHours, ...(config.znsTemplateId ? { fallback: 'ZNS' } : {}) }),
  open(config, host) {
    const client = new ZaloClient(config, host.memory);
    const api = (type: string) => `${config.apiUrl.replace(/\/+$/, '')}/v3.0/oa/message/${type}`;

    async function zns(message: OutgoingMessage, signal: AbortSignal) {
      const phone = znsPhone(message.conversation?.phone ?? '');
      if (!config.znsTemplateId || !phone) return undefined;
      const answer = await client.post(
        `${config.znsUrl.replace(/\/+$/, '')}/message/template`,
        {
          phone,
          template_id: config.znsTemplateId,
          template_data: { [config.znsNameParam]: message.conversation?.name ?? '', [config.znsTextParam]: message.text },
          tracking_id: hash(message.idempotencyKey).slice(0, 40),
        },
        signal,
      );
      if (answer.error !== 0 || !answer.data?.msg_id) throw refused('ZNS message', answer);
      return { providerId: `zns:${answer.data.msg_id}` };
    }

    return {
      async send(message, signal) {
        const reply = message.conversation !== undefined;
        if (reply && message.purpose === 'transactional') {
          const last = Date.parse(message.conversation?.lastInboundAt ?? '');
          if (!Number.isFinite(last) || Date.now() - last > config.windowHours * 3_600_000) {
            const sent = await zns(message, signal);
            if (sent) return sent;
            throw new ChannelError(
              `Outside Zalo's ${config.windowHours}-hour window after the customer's last message: ${config.znsTemplateId ? 'the conversation has no phone number to send a ZNS message to' : 'set a ZNS template (ZALO_ZNS_TEMPLATE_ID) to reach them by phone, or wait for them to write'}`,
              { permanent: true },
            );
          }
        }
        const recipient = { user_id: message.to };
        const template = (type: string) => ({
          attachment: {
            type: 'template',
            payload: {
              template_type: type,
              language: 'VI',
              elements: [
                { type: 'header', content: (message.subject ?? message.text).slice(0, 100) },
                { type: 'text', align: 'left', content: message.text.slice(0, 2000) },
              ],
            },
          },
        });
        const [type, body] = reply
          ? ['cs', { recipient, message: { text: message.text } }]
          : message.purpose === 'marketing'
            ? ['promotion', { recipient, message: template('promotion') }]
            : ['transaction', { recipient, message: template('transaction_order') }];
        const answer = await client.post(api(type), body, signal);
        if (answer.error !== 0 || !answer.data?.message_id) throw refused('message', answer);
        return { providerId: answer.data.message_id };
      },
      routes: {
        async webhook(request) {
          if (request.method !== 'POST') return { status: 405, body: { error: 'Zalo posts its events' } };
          let event: ZaloEvent;
          try {
            event = parseKeepingIds(request.rawBody.toString('utf8')) as ZaloEvent;
          } catch {
            return { status: 401 };
          }
          const given = request.headers['x-zevent-signature']?.replace(/^mac=/, '');
          const appId = String(event.app_id ?? '');
          const timestamp = String(event.timestamp ?? '');
          if (!sameSecret(appId, config.appId) || !sameSecret(given, zaloSignature(appId, request.rawBody, timestamp, config.oaSecretKey))) return { status: 401 };
          const messages: InboundMessage[] = [];
          const id = event.message?.msg_id;
          const sender = event.sender?.id;
          if (event.event_name?.startsWith('user_send_') && id && sender) {
            const at = Number(timestamp);
            const kind = event.event_name.slice('user_send_'.length);
            messages.push({
              providerId: String(id),
              from: { externalId: String(sender) },
              text: event.message?.text ?? `[${kind}]`,
              at: new Date(Number.isFinite(at) && at > 0 ? at : Date.now()).toISOString(),
            });
          }
          await host.receive(messages);
          return { status: 200, body: { error: 0, message: 'Success' } };
        },
      },
    };
  },
};

export default { name: 'zalo', version: 1, channels: { zalo } } satisfies Plugin;
