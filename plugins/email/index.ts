/**
 * Email over SMTP with nodemailer (DESIGN.md decision 10). The idempotency key becomes the
 * Message-ID, so a message sent again after a crash carries the same id and is recognised
 * as the same message by the receiving side. A 5xx answer is permanent (the address is
 * marked undeliverable), anything else is retried by the engine.
 *
 * Settings come from the environment: SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER,
 * SMTP_PASSWORD (secret), SMTP_FROM, SMTP_MAX_CONNECTIONS.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ChannelError, type ChannelDefinition, type Plugin } from '../../engine/plugins/index.js';

interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  maxConnections: number;
}

/** The Message-ID of a key: the same key always gives the same id, at the sender's domain. */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'tourflow.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

const email: ChannelDefinition<EmailConfig> = {
  labels: { vi: 'Email', en: 'Email' },
  description: 'Email through an SMTP server (your mail provider, Amazon SES, SendGrid, Mailgun…).',
  address: 'email',
  configSchema: {
    type: 'object',
    required: ['host', 'from'],
    additionalProperties: false,
    properties: {
      host: { type: 'string', minLength: 1 },
      port: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
      secure: { type: 'boolean', default: false },
      user: { type: 'string' },
      password: { type: 'string' },
      from: { type: 'string', minLength: 3, pattern: '@' },
      maxConnections: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
    },
  },
  env: {
    host: 'SMTP_HOST',
    port: 'SMTP_PORT',
    secure: 'SMTP_SECURE',
    user: 'SMTP_USER',
    password: 'SMTP_PASSWORD',
    from: 'SMTP_FROM',
    maxConnections: 'SMTP_MAX_CONNECTIONS',
  },
  secrets: ['password'],
  open(config) {
    const transport = nodemailer.createTransport({
      pool: true,
      host: config.host,
      port: config.port,
      secure: config.secure,
      maxConnections: config.maxConnections,
      ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    });
    return {
      async send(message) {
        const messageId = messageIdOf(message.idempotencyKey, config.from);
        try {
          await transport.sendMail({
            from: config.from,
            to: message.to,
            subject: message.subject ?? '',
            text: message.text,
            ...(message.html ? { html: message.html } : {}),
            messageId,
            headers: { ...message.headers, 'X-Tourflow-Key': message.idempotencyKey },
          });
        } catch (error) {
          const { responseCode: code, command } = error as { responseCode?: number; command?: string };
          const text = error instanceof Error ? error.message : String(error);
          const permanent = code !== undefined && code >= 500 && code < 600;
          // A 5xx to RCPT TO names the address; one to DATA refuses the content.
          throw new ChannelError(text, { permanent, undeliverable: permanent && command === 'RCPT TO', ...(code === undefined ? {} : { providerCode: String(code) }) });
        }
        return { providerId: messageId };
      },
      close() {
        transport.close();
        return Promise.resolve();
      },
    };
  },
};

export default { name: 'email', version: 1, channels: { email } } satisfies Plugin;
