/**
 * Channels for people with a session (DESIGN.md decision 10):
 * - admins: `GET /channels` (state and settings, never a secret), `POST /channels/:channel/test`;
 * - templates: `GET /message-templates`, `PUT /message-templates/:id` (admins),
 *   `POST /message-templates/:id/preview` on a record the reader may see;
 * - a record's bulk send: `GET /records/:entity/:id/bulk-send` (progress and funnel) and
 *   `POST …/bulk-send/pause|resume|cancel` for whoever may send the event that started it.
 */
import { Router, type Request, type Response } from 'express';
import type { Labels } from '../definitions/definition.js';
import { UserError } from '../errors.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { assertVisible, requireRole, type RecordPolicy } from './authorize.js';
import { assertNoBody, bodyReader, invalidRequest, routeParams } from './validate-request.js';
import type { ChannelsPort } from '../runtime/services/index.js';
import { maySend, sendersOf } from '../runtime/core/index.js';

const NAME = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,79}$' };
const TEXT = { type: 'string', maxLength: 20_000 };
const LABELS = { type: 'object', additionalProperties: false, required: ['vi', 'en'], properties: { vi: TEXT, en: TEXT } };

const readTest = bodyReader<{ to: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['to'],
  properties: { to: { type: 'string', minLength: 3, maxLength: 254 } },
});

const readTemplateEdit = bodyReader<{ subject?: Labels; body: Labels; stripDiacritics?: boolean; version: number }>({
  type: 'object',
  additionalProperties: false,
  required: ['body', 'version'],
  properties: { subject: LABELS, body: LABELS, stripDiacritics: { type: 'boolean' }, version: { type: 'integer', minimum: 0 } },
});

const readPreview = bodyReader<{ record: { entity: string; id: string }; lang: 'vi' | 'en'; edit?: { subject?: Labels; body: Labels; stripDiacritics?: boolean } }>({
  type: 'object',
  additionalProperties: false,
  required: ['record', 'lang'],
  properties: {
    record: {
      type: 'object',
      additionalProperties: false,
      required: ['entity', 'id'],
      properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' }, id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } },
    },
    lang: { enum: ['vi', 'en'] },
    edit: { type: 'object', additionalProperties: false, required: ['body'], properties: { subject: LABELS, body: LABELS, stripDiacritics: { type: 'boolean' } } },
  },
});

function nameParam(req: Request, param: 'channel' | 'template'): string {
  const value = req.params[param];
  if (typeof value !== 'string' || !new RegExp(NAME.pattern).test(value)) throw invalidRequest([{ pointer: `/params/${param}`, message: 'must be a name of letters, digits, _ or -' }]);
  return value;
}

function channelsOf(engine: Engine): ChannelsPort {
  if (!engine.channels) throw new UserError('not-found', 'This server has no channels');
  return engine.channels;
}

const COMMANDS = new Set(['pause', 'resume', 'cancel']);

/** @example api.use(channelRoutes(engine, policy)); */
export function channelRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();

  router.get('/channels', (_req, res) => {
    requireRole(res, 'admin');
    res.json({ items: channelsOf(engine).list() });
  });

  router.post('/channels/:channel/test', async (req, res) => {
    requireRole(res, 'admin');
    const channel = nameParam(req, 'channel');
    const { to } = readTest(req);
    res.json(await channelsOf(engine).sendTest(channel, to.trim(), actorOf(res)));
  });

  router.get('/message-templates', async (_req, res) => {
    requireRole(res, 'admin', 'marketing', 'manager');
    res.json({ items: await channelsOf(engine).templates() });
  });

  router.put('/message-templates/:template', async (req, res) => {
    requireRole(res, 'admin');
    const id = nameParam(req, 'template');
    res.json(await channelsOf(engine).saveTemplate(id, readTemplateEdit(req), actorOf(res)));
  });

  router.post('/message-templates/:template/preview', async (req, res) => {
    requireRole(res, 'admin', 'marketing', 'manager');
    const id = nameParam(req, 'template');
    const input = readPreview(req);
    await assertVisible(engine, policy, res, input.record.entity, input.record.id);
    res.json(await channelsOf(engine).preview({ template: id, ...input }));
  });

  router.get('/records/:entity/:id/bulk-send', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    await assertVisible(engine, policy, res, entity, id);
    const port = channelsOf(engine);
    const [progress, funnel] = await Promise.all([port.bulkProgress(id), port.funnel(entity, id)]);
    res.json({ progress: progress ?? null, funnel });
  });

  router.post('/records/:entity/:id/bulk-send/:command', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const command = req.params.command;
    if (typeof command !== 'string' || !COMMANDS.has(command)) throw invalidRequest([{ pointer: '/params/command', message: 'must be pause, resume or cancel' }]);
    assertNoBody(req);
    await assertVisible(engine, policy, res, entity, id);
    await assertMayCommand(engine, res, entity, id);
    res.json({ progress: await channelsOf(engine).bulkCommand(id, command as 'pause' | 'resume' | 'cancel') });
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
