/**
 * Brandname SMS through eSMS.vn's REST API (developers.esms.vn): one JSON POST per message
 * to `SendMultipleMessage_V4_post_json` with the API key and secret, the brandname, the SMS
 * type (2: customer care, 1: advertising), `IsUnicode` when the text keeps its Vietnamese
 * marks, and `RequestId` = the effect's idempotency key, which eSMS uses to refuse a
 * duplicate, so a retry after a crash never sends twice. `CodeResult` "100" is success.
 *
 * Delivery reports: eSMS calls the callback URL with GET and the query `SMSID`,
 * `SendStatus` (5 sent, 4 refused), `RequestId`. eSMS does not sign its callbacks, so the
 * URL we give it carries a secret (`SMS_CALLBACK_SECRET`), checked in constant time before
 * anything is stored; without that secret no callback URL is given.
 *
 * Settings: SMS_API_URL (default https://rest.esms.vn), SMS_API_KEY, SMS_SECRET_KEY
 * (secret), SMS_BRANDNAME, SMS_CALLBACK_SECRET (secret), SMS_SANDBOX; the advertising rules
 * (on by default) SMS_AD_WINDOW ("07:00-22:00" or "off"), SMS_AD_PER_DAY (3; 0: no cap),
 * SMS_AD_PREFIX ("[QC] ").
 */
import { createHash } from 'node:crypto';
import { ChannelError, sameSecret, type ChannelDefinition, type Plugin } from '../../engine/plugins/index.js';

interface EsmsConfig {
  apiUrl: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  callbackSecret?: string;
  sandbox: boolean;
}

interface EsmsResult {
  CodeResult?: string;
  SMSID?: string;
  ErrorMessage?: string;
}

/** Vietnamese mobile numbers, national or +84 form. */
const MOBILE = /^(?:\+84|84|0)(3|5|7|8|9)\d{8}$/;

/** The number as eSMS takes it: 0xxxxxxxxx. */
export function nationalNumber(phone: string): string | undefined {
  const digits = phone.replace(/[\s.()-]/g, '');
  if (!MOBILE.test(digits)) return undefined;
  return `0${digits.replace(/^(\+84|84|0)/, '')}`;
}

/** eSMS's answers that retrying the same request cannot change (keys, account, brandname, type). */
const PERMANENT = new Set(['101', '102', '104', '118', '119', '131', '132']);

/** A RequestId eSMS accepts (≤ 50 characters), the same for the same key. */
export function requestIdOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}


const sms: ChannelDefinition<EsmsConfig> = {
  labels: { vi: 'SMS thương hiệu', en: 'Brandname SMS' },
  description: 'SMS under your registered brandname through eSMS.vn.',
  address: 'phone',
  segments: true,
  // Decree 91/2020/ND-CP: advertising SMS carry [QC], go out between 07:00 and 22:00, at most 3 a day to a number.
  advertising: { prefix: '[QC] ', window: { from: '07:00', to: '22:00' }, perDay: 3 },
  configSchema: {
    type: 'object',
    required: ['apiKey', 'secretKey', 'brandname'],
    additionalProperties: false,
    properties: {
      apiUrl: { type: 'string', pattern: '^https?://', default: 'https://rest.esms.vn' },
      apiKey: { type: 'string', minLength: 1 },
      secretKey: { type: 'string', minLength: 1 },
      brandname: { type: 'string', minLength: 1, maxLength: 11 },
      callbackSecret: { type: 'string', minLength: 16 },
      sandbox: { type: 'boolean', default: false },
      adWindow: { type: 'string', pattern: '^(off|([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d)$' },
      adPerDay: { type: 'integer', minimum: 0, maximum: 100 },
      adPrefix: { type: 'string', maxLength: 10 },
    },
  },
  env: {
    apiUrl: 'SMS_API_URL',
    apiKey: 'SMS_API_KEY',
    secretKey: 'SMS_SECRET_KEY',
    brandname: 'SMS_BRANDNAME',
    callbackSecret: 'SMS_CALLBACK_SECRET',
    sandbox: 'SMS_SANDBOX',
    adWindow: 'SMS_AD_WINDOW',
    adPerDay: 'SMS_AD_PER_DAY',
    adPrefix: 'SMS_AD_PREFIX',
  },
  secrets: ['secretKey', 'callbackSecret'],
  open(config, host) {
    const endpoint = `${config.apiUrl.replace(/\/+$/, '')}/MainService.svc/json/SendMultipleMessage_V4_post_json/`;
    // Where the server is reached is known once it listens: asked at each send.
    const callbackUrl = () => (config.callbackSecret ? `${host.routeUrl('delivery')}?secret=${encodeURIComponent(config.callbackSecret)}` : undefined);
    return {
      async send(message, signal) {
        const phone = nationalNumber(message.to);
        if (!phone) throw new ChannelError(`${message.to} is not a Vietnamese mobile number`, { undeliverable: true });
        // GSM text is one byte a character; anything else (Vietnamese marks) goes as Unicode.
        const unicode = /[^\x20-\x7e\n\r]/.test(message.text);
        const callback = callbackUrl();
        let response: Response;
        try {
          response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ApiKey: config.apiKey,
              SecretKey: config.secretKey,
              Brandname: config.brandname,
              SmsType: message.purpose === 'marketing' ? '1' : '2',
              Phone: phone,
              Content: message.text,
              IsUnicode: unicode ? '1' : '0',
              Sandbox: config.sandbox ? '1' : '0',
              RequestId: requestIdOf(message.idempotencyKey),
              ...(callback ? { CallbackUrl: callback } : {}),
            }),
            signal,
          });
        } catch (error) {
          throw new ChannelError(`eSMS cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (!response.ok) throw new ChannelError(`eSMS answered HTTP ${response.status}`, { permanent: response.status >= 400 && response.status < 500 && response.status !== 429 });
        const result = (await response.json().catch(() => ({}))) as EsmsResult;
        if (result.CodeResult !== '100' || !result.SMSID) {
          const code = result.CodeResult ?? 'none';
          throw new ChannelError(`eSMS refused the message (code ${code}${result.ErrorMessage ? `: ${result.ErrorMessage}` : ''})`, { permanent: PERMANENT.has(code), providerCode: code });
        }
        return { providerId: result.SMSID };
      },
      routes: {
        async delivery(request) {
          if (!config.callbackSecret || !sameSecret(request.query.secret, config.callbackSecret)) return { status: 401, body: { error: 'unknown caller' } };
          const smsId = request.query.SMSID;
          const status = request.query.SendStatus;
          if (!smsId || !status) return { status: 400, body: { error: 'SMSID and SendStatus are required' } };
          if (status === '5') await host.report([{ providerId: smsId, status: 'delivered' }]);
          else if (status === '4') await host.report([{ providerId: smsId, status: 'failed', detail: `eSMS refused it (SendStatus 4)` }]);
          return { status: 200, body: { ok: true } };
        },
      },
    };
  },
};

export default { name: 'sms-esms', version: 1, channels: { sms } } satisfies Plugin;
