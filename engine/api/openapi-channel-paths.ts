/**
 * OpenAPI paths of the website forms (./routes-forms.ts) and the links messages carry
 * (./routes-tracking.ts): DESIGN.md decision 10.
 */
import { jsonResponse, problems } from './openapi-common.js';

const NAME = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,79}$' };
const TOKEN = { type: 'string', description: 'the signed token the message carried' };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const redirect = (description: string) => ({ description, headers: { Location: { schema: { type: 'string', format: 'uri' } } } });






/** Paths that exist whatever the definitions are. */
export const channelPaths: Record<string, unknown> = {
  '/forms/{id}': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', description: 'the form’s id; with `.js`, the snippet a website pastes' } }],
    get: {
      operationId: 'getWebForm',
      tags: ['forms'],
      security: [],
      summary: 'A website form: the page an iframe shows, or (`<id>.js`) the script that embeds it',
      parameters: [{ name: 'lang', in: 'query', required: false, schema: { enum: ['vi', 'en'] } }],
      responses: { 200: { description: 'The form’s page (only its allowed origins may frame it) or its script', content: { 'text/html': { schema: { type: 'string' } }, 'text/javascript': { schema: { type: 'string' } } } }, ...problems({ 404: 'not-found' }) },
    },
  },
  '/api/forms/{id}': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: NAME }],
    post: {
      operationId: 'submitWebForm',
      tags: ['forms'],
      security: [],
      summary: 'A website form’s submission, as JSON or as an HTML form post (at most 16 KB)',
      description: 'From the form’s page, or (CORS) from an allowed origin’s own page. An `Idempotency-Key` header (or `_key`) makes a repeat answer the same. Limited per address.',
      requestBody: {
        content: {
          'application/json': { schema: { type: 'object', properties: { fields: { type: 'object' }, website_url: { type: 'string', description: 'a honeypot: people leave it empty' }, page: { type: 'string' }, referrer: { type: 'string' }, lang: { enum: ['vi', 'en'] }, _key: { type: 'string' } } } },
          'application/x-www-form-urlencoded': { schema: { type: 'object' } },
        },
      },
      responses: {
        201: jsonResponse('Created a record', { type: 'object', required: ['outcome', 'message'], properties: { outcome: { const: 'created' }, message: { type: 'string', description: 'the form’s thank-you, in its language' } } }),
        200: jsonResponse('A repeat, or a submission kept without a new record', { type: 'object', required: ['outcome', 'message'], properties: { outcome: { enum: ['created', 'matched'] }, message: { type: 'string' } } }),
        ...problems({ 400: 'invalid-request (`detailLocalized` in the form’s language)', 403: 'forbidden (an origin the form does not allow)', 404: 'not-found', 429: 'too-many-attempts' }),
      },
    },
  },
  '/t/o/{token}': {
    parameters: [{ name: 'token', in: 'path', required: true, schema: TOKEN }],
    get: { operationId: 'trackOpen', tags: ['tracking'], security: [], summary: 'An email’s open pixel: always the same 1×1 GIF', responses: { 200: { description: 'The pixel', content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } } } } },
  },
  '/t/c/{token}': {
    parameters: [{ name: 'token', in: 'path', required: true, schema: TOKEN }],
    get: { operationId: 'trackClick', tags: ['tracking'], security: [], summary: 'A tracked link: redirected only to the URL its signed token holds', responses: { 302: redirect('To the link’s URL'), 404: html('Not a valid link') } },
  },
  '/l/{code}': {
    parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
    get: { operationId: 'followShortLink', tags: ['tracking'], security: [], summary: 'A tracked SMS’s short link', responses: { 302: redirect('To the URL stored when the message was sent'), 404: html('Not a valid link') } },
  },
  '/t/u/{token}': {
    parameters: [{ name: 'token', in: 'path', required: true, schema: TOKEN }],
    get: { operationId: 'unsubscribePage', tags: ['tracking'], security: [], summary: 'Unsubscribe: the confirmation page', responses: { 200: html('The page, with its button'), 404: html('Not a valid link') } },
    post: { operationId: 'unsubscribe', tags: ['tracking'], security: [], summary: 'Unsubscribe in one click (RFC 8058), also the page’s button', responses: { 200: html('Done'), 404: html('Not a valid link') } },
  },
};
