/**
 * Routes reached without a session, from outside:
 * - `/t/o/<token>.gif`: an email's open pixel (always the same 1×1 GIF, whatever the token);
 * - `/t/c/<token>`: a tracked link, redirected only to the URL its signed token holds;
 * - `/l/<code>`: a tracked SMS's short link (the code stands for a message and a URL stored
 *   when it was sent: only those redirect);
 * - `/t/u/<token>`: unsubscribe, a confirmation page (GET) and the one-click POST of
 *   RFC 8058 (`List-Unsubscribe=One-Click`), which also serves the page's button;
 * - `/api/channels/<channel>/<route>`: providers' callbacks (delivery reports), handed the
 *   raw bytes so that the channel verifies their signature before anything is stored.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { contract, serve } from './contract.js';
import { escapeHtml, type ChannelsPort, type MessageDoc } from '../runtime/services/index.js';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const TOKEN = /^[A-Za-z0-9_-]{1,3000}\.[A-Za-z0-9_-]{43}$/;

const WORDS = {
  vi: {
    title: 'Hủy đăng ký nhận email',
    ask: (to: string) => `Bạn sẽ không nhận email tiếp thị gửi tới ${to} nữa. Email về đơn hàng và thanh toán của bạn vẫn được gửi.`,
    button: 'Hủy đăng ký',
    done: (to: string) => `Đã hủy đăng ký: ${to} sẽ không nhận email tiếp thị nữa.`,
    bad: 'Liên kết này không hợp lệ hoặc đã hết hạn.',
  },
  en: {
    title: 'Unsubscribe from our emails',
    ask: (to: string) => `You will no longer get marketing emails at ${to}. Emails about your bookings and payments still come.`,
    button: 'Unsubscribe',
    done: (to: string) => `Unsubscribed: ${to} will get no more marketing emails.`,
    bad: 'This link is not valid or has expired.',
  },
};

function page(res: Response, status: number, lang: 'vi' | 'en', body: string): void {
  res
    .status(status)
    .type('html')
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(WORDS[lang].title)}</title>` +
        `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #b91c1c;background:#b91c1c;color:#fff;cursor:pointer}</style></head>` +
        `<body><h1>${escapeHtml(WORDS[lang].title)}</h1>${body}</body></html>`,
    );
}

function token(req: Request): string | undefined {
  const raw = String(req.params.token ?? '').replace(/\.gif$/, '');
  return TOKEN.test(raw) ? raw : undefined;
}

const langOf = (message: MessageDoc | undefined): 'vi' | 'en' => (message?.lang === 'en' ? 'en' : 'vi');

const tokenParam = { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'the signed token the message carried' };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const redirect = (description: string) => ({ description, headers: { Location: { schema: { type: 'string', format: 'uri' } } } });
const NOT_VALID = html('Not a valid link (a page in both languages)');
const tracked = { root: true, tags: ['tracking'], roles: 'public' } as const;

const trackOpen = contract({ ...tracked, method: 'get', path: '/t/o/:token', operationId: 'trackOpen', summary: 'An email’s open pixel: always the same 1×1 GIF', otherParameters: [tokenParam], responses: { 200: { description: 'The pixel', content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } } } } });
const trackClick = contract({ ...tracked, method: 'get', path: '/t/c/:token', operationId: 'trackClick', summary: 'A tracked link: redirected only to the URL its signed token holds', otherParameters: [tokenParam], responses: { 302: redirect('To the link’s URL'), 404: NOT_VALID } });
const followShortLink = contract({ ...tracked, method: 'get', path: '/l/:code', operationId: 'followShortLink', summary: 'A tracked SMS’s short link', otherParameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }], responses: { 302: redirect('To the URL stored when the message was sent'), 404: NOT_VALID } });
const unsubscribePage = contract({ ...tracked, method: 'get', path: '/t/u/:token', operationId: 'unsubscribePage', summary: 'Unsubscribe: the confirmation page', otherParameters: [tokenParam], responses: { 200: html('The page, with its button'), 404: NOT_VALID } });
const unsubscribe = contract({
  ...tracked,
  method: 'post',
  path: '/t/u/:token',
  operationId: 'unsubscribe',
  summary: 'Unsubscribe in one click (RFC 8058), also the page’s button',
  otherParameters: [tokenParam],
  rawBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', description: '`List-Unsubscribe=One-Click`, or the page’s empty form' } } } },
  responses: { 200: html('Done'), 404: NOT_VALID },
});
/** Served by `router.all` below, which hands the raw bytes to the channel whatever the method. */
const providerCallback = {
  ...tracked,
  path: '/api/channels/:channel/:route',
  tags: ['channels'],
  summary: 'A provider’s callback (delivery reports, incoming messages, a webhook’s check)',
  description: 'Only the routes a ready channel declares; the raw bytes go to the channel, which checks the provider’s signature before anything is stored (401 otherwise).',
  otherParameters: [
    { name: 'channel', in: 'path', required: true, schema: { type: 'string' } },
    { name: 'route', in: 'path', required: true, schema: { type: 'string' } },
  ],
  rawBody: { content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
  responses: { 200: { description: 'What the provider expects back', content: { 'application/json': { schema: {} }, 'text/plain': { schema: { type: 'string' } } } } },
  problems: { 401: 'unauthenticated (not signed with the channel’s secret)' },
} as const;
const providerCallbackGet = contract({ ...providerCallback, method: 'get', operationId: 'providerCallbackCheck', rawBody: undefined });
const providerCallbackPost = contract({ ...providerCallback, method: 'post', operationId: 'providerCallback' });

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const trackingContracts = [trackOpen, trackClick, followShortLink, unsubscribePage, unsubscribe, providerCallbackGet, providerCallbackPost];

/** @example app.use(trackingRoutes(engine)); // before the session middleware */
export function trackingRoutes(engine: Engine): Router {
  const router = Router();
  const port = (): ChannelsPort | undefined => engine.channels;

  serve(router, trackOpen, async (_input, req, res) => {
    const t = token(req);
    if (t) await port()?.tracking.open(t, req.get('user-agent')).catch(() => undefined);
    res.status(200).type('gif').set('Cache-Control', 'no-store, max-age=0').send(PIXEL);
  });

  serve(router, trackClick, async (_input, req, res) => {
    const t = token(req);
    const url = t ? await port()?.tracking.click(t, req.get('user-agent')) : undefined;
    if (!url) {
      page(res, 404, 'vi', `<p>${escapeHtml(WORDS.vi.bad)}</p><p lang="en">${escapeHtml(WORDS.en.bad)}</p>`);
      return;
    }
    res.set('Cache-Control', 'no-store').redirect(302, url);
  });

  serve(router, followShortLink, async (_input, req, res) => {
    const url = await port()?.tracking.shortClick(String(req.params.code), req.get('user-agent'));
    if (!url) {
      page(res, 404, 'vi', `<p>${escapeHtml(WORDS.vi.bad)}</p><p lang="en">${escapeHtml(WORDS.en.bad)}</p>`);
      return;
    }
    res.set('Cache-Control', 'no-store').redirect(302, url);
  });

  serve(router, unsubscribePage, async (_input, req, res) => {
    const t = token(req);
    const message = t ? await port()?.tracking.unsubscribeTarget(t) : undefined;
    if (!t || !message) {
      page(res, 404, 'vi', `<p>${escapeHtml(WORDS.vi.bad)}</p><p lang="en">${escapeHtml(WORDS.en.bad)}</p>`);
      return;
    }
    const words = WORDS[langOf(message)];
    page(res, 200, langOf(message), `<p>${escapeHtml(words.ask(message.to))}</p><form method="post"><button type="submit">${escapeHtml(words.button)}</button></form>`);
  });

  serve(router, unsubscribe, async (_input, req, res) => {
    const t = token(req);
    const channels = port();
    const message = t && channels ? await channels.tracking.unsubscribe(t, 'email') : undefined;
    if (!message) {
      page(res, 404, 'vi', `<p>${escapeHtml(WORDS.vi.bad)}</p><p lang="en">${escapeHtml(WORDS.en.bad)}</p>`);
      return;
    }
    const words = WORDS[langOf(message)];
    page(res, 200, langOf(message), `<p>${escapeHtml(words.done(message.to))}</p>`);
  }, [express.urlencoded({ extended: false, limit: '2kb' })]);

  // A channel's own routes only: anything else under /api/channels (the admins' routes) goes on to the API.
  const inbound = (req: Request) => {
    const channels = port();
    const channel = String(req.params.channel);
    const route = String(req.params.route);
    return channels?.hasRoute(channel, route) ? { channels, channel, route } : undefined;
  };
  // Each channel's routes take up to its own size (an email with attachments is larger than a webhook).
  const rawBody = (req: Request, res: Response, next: NextFunction) => {
    const found = inbound(req);
    if (!found) return next('route');
    express.raw({ type: () => true, limit: found.channels.maxInboundBytes(found.channel) })(req, res, next);
  };
  router.all('/api/channels/:channel/:route', rawBody, async (req, res) => {
    const found = inbound(req);
    if (!found) return;
    const { channels, channel, route } = found;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.query)) if (typeof value === 'string') query[name] = value;
    const answer = await channels.inbound(channel, route, { method: req.method, rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), headers, query });
    if (answer.text !== undefined) res.status(answer.status).type('text/plain').send(answer.text);
    else if (answer.status === 401 && answer.body === undefined)
      res.status(401).type('application/problem+json').json({ type: 'urn:tourflow:problem:unauthenticated', title: 'Not signed by the provider', status: 401, detail: 'The request is not signed with this channel’s secret: nothing was stored' });
    else if (answer.body === undefined) res.status(answer.status).end();
    else res.status(answer.status).json(answer.body);
  });

  return router;
}
