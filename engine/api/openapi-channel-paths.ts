/**
 * OpenAPI paths of the channels (./routes-channels.ts), the website forms (./routes-forms.ts)
 * and the links messages carry (./routes-tracking.ts): DESIGN.md decision 10.
 */
import { jsonBody, jsonResponse, paramRef, problems, ref, WRITE_SECURITY } from './openapi-common.js';

const NAME = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,79}$' };
const TOKEN = { type: 'string', description: 'the signed token the message carried' };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const redirect = (description: string) => ({ description, headers: { Location: { schema: { type: 'string', format: 'uri' } } } });
const LABELS_EDIT = { type: 'object', additionalProperties: false, required: ['vi', 'en'], properties: { vi: { type: 'string', maxLength: 20_000 }, en: { type: 'string', maxLength: 20_000 } } };
const TEMPLATE_TEXT = { subject: LABELS_EDIT, body: LABELS_EDIT, stripDiacritics: { type: 'boolean' } };

const CHANNEL = {
  type: 'object',
  required: ['name', 'labels', 'description', 'plugin', 'address', 'state', 'settings', 'issues', 'segments'],
  properties: {
    name: { type: 'string' },
    labels: ref('Labels'),
    description: { type: 'string' },
    plugin: { type: 'string', description: 'the plugin that adds it' },
    address: { enum: ['email', 'phone', 'external'], description: 'what it sends to: an email address, a phone number, or an id the provider gave' },
    state: { enum: ['ready', 'off', 'invalid'], description: 'off: not configured; invalid: configured with mistakes (issues)' },
    settings: {
      type: 'array',
      description: 'Every setting, its environment variable, whether it is set, and its value unless it is a secret',
      items: { type: 'object', required: ['key', 'variable', 'secret', 'set'], properties: { key: { type: 'string' }, variable: { type: 'string' }, secret: { type: 'boolean' }, set: { type: 'boolean' }, value: {} } },
    },
    issues: { type: 'array', items: ref('Issue') },
    advertising: { type: 'object', properties: { prefix: { type: 'string' }, window: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string' }, to: { type: 'string' } } }, perDay: { type: 'integer' } } },
    segments: { type: 'boolean', description: 'it can send to a segment at once (a bulk send)' },
  },
};

const TEMPLATE = {
  type: 'object',
  required: ['id', 'labels', 'channel', 'purpose', 'body', 'version'],
  properties: {
    id: { type: 'string' },
    labels: ref('Labels'),
    channel: { type: 'string' },
    purpose: { enum: ['marketing', 'transactional'] },
    entity: { type: 'string', description: 'the record type whose data the template reads as `record`' },
    subject: ref('Labels'),
    body: ref('Labels'),
    stripDiacritics: { type: 'boolean' },
    version: { type: 'integer', description: '0 for the pack’s own text; each admin save adds one' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
};

const PREVIEW = {
  type: 'object',
  required: ['lang', 'text'],
  properties: {
    lang: { enum: ['vi', 'en'] },
    subject: { type: 'string' },
    text: { type: 'string' },
    html: { type: 'string' },
    sms: { type: 'object', required: ['encoding', 'length', 'segments', 'perSegment'], properties: { encoding: { enum: ['gsm', 'unicode'] }, length: { type: 'integer' }, segments: { type: 'integer' }, perSegment: { type: 'integer' } } },
  },
};

const BULK_PROGRESS = {
  type: 'object',
  required: ['id', 'status', 'channel', 'total', 'sent', 'failed', 'skipped', 'remaining', 'rate', 'delivered', 'opened', 'clicked', 'createdAt'],
  properties: {
    id: { type: 'string' },
    status: { enum: ['running', 'paused', 'cancelled', 'done'] },
    channel: { type: 'string' },
    event: { type: 'string', description: 'the event that started it: whoever may send it may pause, resume or cancel' },
    segment: { type: 'string' },
    total: { type: 'integer' },
    sent: { type: 'integer' },
    failed: { type: 'integer' },
    skipped: { type: 'integer' },
    remaining: { type: 'integer' },
    rate: { type: 'number', description: 'messages a minute lately' },
    delivered: { type: 'integer' },
    opened: { type: 'integer' },
    clicked: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    waitUntil: { type: 'string', format: 'date-time' },
    waitReason: { type: 'string', description: '`channel-off` (its channel is not configured), or advertising hours' },
  },
};

const FUNNEL_STEP = {
  type: 'object',
  required: ['id', 'labels', 'entity', 'count', 'filter'],
  properties: { id: { type: 'string' }, labels: ref('Labels'), entity: { type: 'string' }, count: { type: 'integer' }, filter: { type: 'object', description: 'the records behind the count, for a link to their list' } },
};

/** The channels, templates and bulk sends the paths below answer with. */
export const channelSchemas: Record<string, unknown> = { Channel: CHANNEL, MessageTemplate: TEMPLATE, TemplatePreview: PREVIEW, BulkProgress: BULK_PROGRESS, FunnelStep: FUNNEL_STEP };

const templateParam = { name: 'template', in: 'path', required: true, schema: NAME };
const denied = { 401: 'unauthenticated', 403: 'forbidden' };

/** Paths that exist whatever the definitions are. */
export const channelPaths: Record<string, unknown> = {
  '/api/channels': {
    get: {
      operationId: 'listChannels',
      tags: ['channels'],
      summary: 'The channels plugins add, their state and settings (admins)',
      description: 'Secrets are never shown: only whether they are set.',
      responses: { 200: jsonResponse('The channels', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Channel') } } }), ...problems({ ...denied, 404: 'not-found (no channels on this server)' }) },
    },
  },
  '/api/channels/{channel}/test': {
    parameters: [{ name: 'channel', in: 'path', required: true, schema: NAME }],
    post: {
      operationId: 'testChannel',
      tags: ['channels'],
      summary: 'Send a test message straight through a channel (admins)',
      security: WRITE_SECURITY,
      requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: 'string', minLength: 3, maxLength: 254 } } }),
      responses: { 200: jsonResponse('Sent; the provider’s id of the message', { type: 'object', required: ['providerId'], properties: { providerId: { type: 'string' } } }), ...problems({ 400: 'invalid-request (the channel is not ready, or the provider refused)', ...denied, 404: 'not-found' }) },
    },
  },
  '/api/message-templates': {
    get: {
      operationId: 'listMessageTemplates',
      tags: ['channels'],
      summary: 'The messages the packs’ automations send, as admins edited them (admins, marketing, managers)',
      responses: { 200: jsonResponse('The templates', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('MessageTemplate') } } }), ...problems({ ...denied, 404: 'not-found' }) },
    },
  },
  '/api/message-templates/{template}': {
    parameters: [templateParam],
    put: {
      operationId: 'saveMessageTemplate',
      tags: ['channels'],
      summary: 'Change a template’s text (admins)',
      description: 'Liquid, in both languages; `version` is the one read (0 for the pack’s own text), so that two admins do not overwrite each other.',
      security: WRITE_SECURITY,
      requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['body', 'version'], properties: { ...TEMPLATE_TEXT, version: { type: 'integer', minimum: 0 } } }),
      responses: { 200: jsonResponse('The template saved', ref('MessageTemplate')), ...problems({ 400: 'invalid-request (a template that does not parse says where)', ...denied, 404: 'not-found', 409: 'version-conflict' }) },
    },
  },
  '/api/message-templates/{template}/preview': {
    parameters: [templateParam],
    post: {
      operationId: 'previewMessageTemplate',
      tags: ['channels'],
      summary: 'A template (or an unsaved edit of it) rendered on a record the reader sees',
      security: WRITE_SECURITY,
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        required: ['record', 'lang'],
        properties: {
          record: { type: 'object', additionalProperties: false, required: ['entity', 'id'], properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' }, id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } } },
          lang: { enum: ['vi', 'en'] },
          edit: { type: 'object', additionalProperties: false, required: ['body'], properties: TEMPLATE_TEXT },
        },
      }),
      responses: { 200: jsonResponse('The message as it would go', ref('TemplatePreview')), ...problems({ 400: 'invalid-request', ...denied, 404: 'not-found' }) },
    },
  },
  '/api/records/{entity}/{id}/bulk-send': {
    parameters: [paramRef('Entity'), paramRef('Id')],
    get: {
      operationId: 'getBulkSend',
      tags: ['channels'],
      summary: 'How a record’s bulk send goes (a campaign’s messages), and what they led to',
      responses: { 200: jsonResponse('Progress (null before any send) and the funnel', { type: 'object', required: ['progress', 'funnel'], properties: { progress: { anyOf: [ref('BulkProgress'), { type: 'null' }] }, funnel: { type: 'array', items: ref('FunnelStep') } } }), ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'not-found' }) },
    },
  },
  '/api/records/{entity}/{id}/bulk-send/{command}': {
    parameters: [paramRef('Entity'), paramRef('Id'), { name: 'command', in: 'path', required: true, schema: { enum: ['pause', 'resume', 'cancel'] } }],
    post: {
      operationId: 'commandBulkSend',
      tags: ['channels'],
      summary: 'Pause, resume or cancel a record’s bulk send (whoever may send the event that started it)',
      security: WRITE_SECURITY,
      responses: { 200: jsonResponse('The progress now', { type: 'object', required: ['progress'], properties: { progress: ref('BulkProgress') } }), ...problems({ 400: 'invalid-request', ...denied, 404: 'not-found' }) },
    },
  },
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
