/**
 * Channels for people with a session (DESIGN.md decision 10):
 * - admins: `GET /channels` (state and settings, never a secret), `POST /channels/:channel/test`;
 * - templates: `GET /message-templates`, `PUT /message-templates/:id` (admins),
 *   `POST /message-templates/:id/preview` on a record the reader may see;
 * - a record's bulk send: `GET /records/:entity/:id/bulk-send` (progress and funnel) and
 *   `POST …/bulk-send/pause|resume|cancel` for whoever may send the event that started it.
 */
import { Router, type Response } from 'express';
import { UserError } from '../errors.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { assertVisible, type RecordPolicy } from './authorize.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { ENTITY_NAME, RECORD_ID } from './validate-request.js';
import { BULK_PROGRESS_SCHEMA, type ChannelsPort } from '../runtime/services/index.js';
import { maySend, sendersOf } from '../runtime/core/index.js';

const NAME = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,79}$', description: 'a name of letters, digits, _ or -' } as const;
const TEXT = { type: 'string', maxLength: 20_000 } as const;
const LABELS = { type: 'object', additionalProperties: false, required: ['vi', 'en'], properties: { vi: TEXT, en: TEXT } } as const;
const TEMPLATE_TEXT = { subject: LABELS, body: LABELS, stripDiacritics: { type: 'boolean' } } as const;
const RECORD = { entity: ENTITY_NAME, id: RECORD_ID } as const;

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

const FUNNEL_STEP = {
  type: 'object',
  required: ['id', 'labels', 'entity', 'count', 'filter'],
  properties: { id: { type: 'string' }, labels: ref('Labels'), entity: { type: 'string' }, count: { type: 'integer' }, filter: { type: 'object', description: 'the records behind the count, for a link to their list' } },
};

/** The channels, templates and bulk sends the routes below answer with. */
export const channelSchemas: Record<string, unknown> = { Channel: CHANNEL, MessageTemplate: TEMPLATE, TemplatePreview: PREVIEW, BulkProgress: BULK_PROGRESS_SCHEMA, FunnelStep: FUNNEL_STEP };

const listChannels = contract({
  method: 'get',
  path: '/channels',
  operationId: 'listChannels',
  tags: ['channels'],
  summary: 'The channels plugins add, their state and settings',
  description: 'Secrets are never shown: only whether they are set.',
  roles: ['admin'],
  responses: { 200: { description: 'The channels', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Channel') } } } } },
  problems: { 404: 'not-found (no channels on this server)' },
});

const testChannel = contract({
  method: 'post',
  path: '/channels/:channel/test',
  operationId: 'testChannel',
  tags: ['channels'],
  summary: 'Send a test message straight through a channel',
  roles: ['admin'],
  params: { channel: NAME },
  body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: 'string', minLength: 3, maxLength: 254 } } },
  responses: { 200: { description: 'Sent; the provider’s id of the message', schema: { type: 'object', required: ['providerId'], properties: { providerId: { type: 'string' } } } } },
  problems: { 400: 'invalid-request (the channel is not ready, or the provider refused)', 404: 'not-found' },
});

const listMessageTemplates = contract({
  method: 'get',
  path: '/message-templates',
  operationId: 'listMessageTemplates',
  tags: ['channels'],
  summary: 'The messages the packs’ automations send, as admins edited them',
  roles: ['admin', 'marketing', 'manager'],
  responses: { 200: { description: 'The templates', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('MessageTemplate') } } } } },
  problems: { 404: 'not-found' },
});

const saveMessageTemplate = contract({
  method: 'put',
  path: '/message-templates/:template',
  operationId: 'saveMessageTemplate',
  tags: ['channels'],
  summary: 'Change a template’s text',
  description: 'Liquid, in both languages; `version` is the one read (0 for the pack’s own text), so that two admins do not overwrite each other.',
  roles: ['admin'],
  params: { template: NAME },
  body: { type: 'object', additionalProperties: false, required: ['body', 'version'], properties: { ...TEMPLATE_TEXT, version: { type: 'integer', minimum: 0 } } },
  responses: { 200: { description: 'The template saved', schema: ref('MessageTemplate') } },
  problems: { 400: 'invalid-request (a template that does not parse says where)', 404: 'not-found', 409: 'version-conflict' },
});

const previewMessageTemplate = contract({
  method: 'post',
  path: '/message-templates/:template/preview',
  operationId: 'previewMessageTemplate',
  tags: ['channels'],
  summary: 'A template (or an unsaved edit of it) rendered on a record the reader sees',
  roles: ['admin', 'marketing', 'manager'],
  params: { template: NAME },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['record', 'lang'],
    properties: {
      record: { type: 'object', additionalProperties: false, required: ['entity', 'id'], properties: RECORD },
      lang: { enum: ['vi', 'en'] },
      edit: { type: 'object', additionalProperties: false, required: ['body'], properties: TEMPLATE_TEXT },
    },
  },
  responses: { 200: { description: 'The message as it would go', schema: ref('TemplatePreview') } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

const getBulkSend = contract({
  method: 'get',
  path: '/records/:entity/:id/bulk-send',
  operationId: 'getBulkSend',
  tags: ['channels'],
  summary: 'How a record’s bulk send goes (its messages to a segment), and what they led to',
  params: RECORD,
  responses: { 200: { description: 'Progress (null before any send) and the funnel', schema: { type: 'object', required: ['progress', 'funnel'], properties: { progress: { anyOf: [ref('BulkProgress'), { type: 'null' }] }, funnel: { type: 'array', items: ref('FunnelStep') } } } } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

const commandBulkSend = contract({
  method: 'post',
  path: '/records/:entity/:id/bulk-send/:command',
  operationId: 'commandBulkSend',
  tags: ['channels'],
  summary: 'Pause, resume or cancel a record’s bulk send',
  description: 'Whoever may send the event that started it may.',
  params: { ...RECORD, command: { enum: ['pause', 'resume', 'cancel'], description: 'pause, resume or cancel' } },
  responses: { 200: { description: 'The progress now', schema: { type: 'object', required: ['progress'], properties: { progress: ref('BulkProgress') } } } },
  problems: { 400: 'invalid-request', 403: 'forbidden', 404: 'not-found' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const channelContracts = [listChannels, testChannel, listMessageTemplates, saveMessageTemplate, previewMessageTemplate, getBulkSend, commandBulkSend];

function channelsOf(engine: Engine): ChannelsPort {
  if (!engine.channels) throw new UserError('not-found', 'This server has no channels');
  return engine.channels;
}

/** @example api.use(channelRoutes(engine, policy)); */
export function channelRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();

  serve(router, listChannels, (_input, _req, res) => {
    res.json({ items: channelsOf(engine).list() });
  });

  serve(router, testChannel, async ({ params, body }, _req, res) => {
    res.json(await channelsOf(engine).sendTest(params.channel, body.to.trim(), actorOf(res)));
  });

  serve(router, listMessageTemplates, async (_input, _req, res) => {
    res.json({ items: await channelsOf(engine).templates() });
  });

  serve(router, saveMessageTemplate, async ({ params, body }, _req, res) => {
    res.json(await channelsOf(engine).saveTemplate(params.template, body, actorOf(res)));
  });

  serve(router, previewMessageTemplate, async ({ params, body }, _req, res) => {
    await assertVisible(engine, policy, res, body.record.entity, body.record.id);
    res.json(await channelsOf(engine).preview({ template: params.template, ...body }));
  });

  serve(router, getBulkSend, async ({ params: { entity, id } }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    const port = channelsOf(engine);
    const [progress, funnel] = await Promise.all([port.bulkProgress(id), port.funnel(entity, id)]);
    res.json({ progress: progress ?? null, funnel });
  });

  serve(router, commandBulkSend, async ({ params: { entity, id, command } }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    await assertMayCommand(engine, res, entity, id);
    res.json({ progress: await channelsOf(engine).bulkCommand(id, command) });
  });

  return router;
}

/** Whoever may send the event that started a bulk send may pause, resume or cancel it. */
async function assertMayCommand(engine: Engine, res: Response, entity: string, id: string): Promise<void> {
  const progress = await channelsOf(engine).bulkProgress(id);
  if (!progress) throw new UserError('not-found', 'Nothing has been sent for this record');
  if (!progress.event) return;
  const { machine } = await engine.getDefinition(entity);
  if (!maySend(sendersOf(machine, progress.event), userOf(res).roles)) {
    throw new UserError('forbidden', `Only those who may send ${progress.event} may pause, resume or cancel its sending`);
  }
}
