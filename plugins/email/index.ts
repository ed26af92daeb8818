/**
 * Email over SMTP with nodemailer (DESIGN.md decision 10). The idempotency key becomes the
 * Message-ID, so a message sent again after a crash carries the same id and is recognised
 * as the same message by the receiving side. A 5xx answer is permanent (the address is
 * marked undeliverable), anything else is retried by the engine.
 *
 * Receiving: the mail host hands each message that reaches the agency's inbox address to
 * `POST /api/channels/email/inbound?secret=…` as the raw message (RFC 5322, what a mail
 * provider's "forward raw MIME" or an email worker posts). The secret (EMAIL_INBOUND_SECRET)
 * is checked in constant time before anything is read; the message is parsed with mailparser,
 * its quoted history cut off, and stored once per Message-ID for the pack's inbox. Automatic
 * replies (Auto-Submitted, out-of-office) and messages from our own address are taken and
 * dropped, so two robots never answer each other. A reply in an email conversation answers
 * its subject ("Re: …") and carries In-Reply-To and References, so the customer's mail
 * program threads it.
 *
 * Settings come from the environment: SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER,
 * SMTP_PASSWORD (secret), SMTP_FROM, SMTP_MAX_CONNECTIONS, EMAIL_INBOUND_SECRET (secret).
 */
import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { ChannelError, sameSecret, type ChannelDefinition, type Plugin } from '../../engine/plugins/index.js';

interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  maxConnections: number;
  inboundSecret?: string;
}

/** A header's value as text (mailparser gives structured values for some headers). */
function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The address in a From header ("Du lịch Sen Vàng <info@senvang.vn>" → info@senvang.vn), lower-cased. */
function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/** What the person wrote, without the history their mail program quoted under it. */
export function withoutQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  // "On Tue, 1 Dec 2026 … wrote:", "Vào … đã viết:", Outlook's "-----Original Message-----" / "From: …" block.
  const cut = lines.findIndex((line) => /^(On .+ wrote:|Vào .+ đã viết:|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Thư gốc\s*-{2,}|From: .+)$/i.test(line.trim()));
  const kept = (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !line.startsWith('>'));
  return kept.join('\n').trim();
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
      inboundSecret: { type: 'string', minLength: 16 },
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
    inboundSecret: 'EMAIL_INBOUND_SECRET',
  },
  secrets: ['password', 'inboundSecret'],
  // A customer's email with its attachments.
  maxInboundBytes: 10 * 1024 * 1024,
  open(config, host) {
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
        // A reply in an email conversation answers the customer's subject, threaded under their message.
        const asked = message.conversation?.subject;
        const subject = message.subject ?? (asked ? (/^re:/i.test(asked) ? asked : `Re: ${asked}`) : '');
        const inReplyTo = message.conversation?.inReplyTo;
        try {
          await transport.sendMail({
            from: config.from,
            to: message.to,
            subject,
            ...(inReplyTo ? { inReplyTo, references: inReplyTo } : {}),
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
      ...(config.inboundSecret
        ? {
            routes: {
              async inbound(request) {
                const given = request.query.secret ?? request.headers['x-tourflow-secret'];
                if (!sameSecret(given, config.inboundSecret ?? '')) return { status: 401 };
                if (request.method !== 'POST') return { status: 405, body: { error: 'post the raw message' } };
                let mail;
                try {
                  mail = await simpleParser(request.rawBody, { skipHtmlToText: false, skipImageLinks: true, skipTextLinks: true });
                } catch {
                  return { status: 400, body: { error: 'not an email message (RFC 5322)' } };
                }
                const sender = mail.from?.value[0];
                const address = sender?.address?.toLowerCase();
                if (!address) return { status: 400, body: { error: 'the message has no From address' } };
                const automatic = (headerText(mail.headers.get('auto-submitted')) || 'no') !== 'no' || /^(auto_reply|bulk|junk|list)$/i.test(headerText(mail.headers.get('precedence')));
                if (automatic || address === addressOf(config.from)) return { status: 200, body: { stored: 0 } };
                const body = withoutQuotedHistory(mail.text ?? '');
                const id = mail.messageId ?? `<${createHash('sha256').update(request.rawBody).digest('hex').slice(0, 40)}@inbound>`;
                await host.receive([
                  {
                    providerId: id,
                    from: { externalId: address, email: address, ...(sender?.name ? { name: sender.name } : {}) },
                    text: body || (mail.subject ?? ''),
                    ...(mail.subject ? { subject: mail.subject } : {}),
                    at: (mail.date ?? new Date()).toISOString(),
                  },
                ]);
                return { status: 200, body: { stored: 1 } };
              },
            },
          }
        : {}),
      close() {
        transport.close();
        return Promise.resolve();
      },
    };
  },
};

export default { name: 'email', version: 1, channels: { email } } satisfies Plugin;
