/**
 * How admins change a pipeline while people work in it (DESIGN.md decision 12): drafts
 * kept without staff seeing them, and migrations of live records to a newer version,
 * previewed first. Admins only.
 */
import { Router } from 'express';
import type { EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { DRAFT_INPUT, MIGRATION_INPUT } from './request-schemas.js';
import { ENTITY_NAME, RECORD_ID } from './validate-request.js';

const DRAFT_SUMMARY = {
  type: 'object',
  description: "An admin's unpublished work on a definition, without its body: staff never see it.",
  required: ['entity', 'baseVersion', 'version', 'savedAt', 'savedBy'],
  properties: {
    entity: { type: 'string' },
    baseVersion: { type: 'integer', description: 'the published version the draft was started from (0: a new entity)' },
    version: { type: 'integer', description: 'bumped by every save of the draft' },
    savedAt: { type: 'string', format: 'date-time' },
    savedBy: { type: 'string' },
  },
};

const DRAFT = {
  ...DRAFT_SUMMARY,
  description: "An admin's unpublished work on a definition: its schema and machine as the pack format declares them (checked when published).",
  required: [...DRAFT_SUMMARY.required, 'schema', 'machine'],
  properties: { ...DRAFT_SUMMARY.properties, schema: { type: 'object' }, machine: { type: 'object' } },
};

const CODES = ['unmapped-stage', 'unknown-stage', 'invalid-data'];
const PROBLEM = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { enum: CODES }, message: { type: 'string' }, stage: { type: 'string' }, issues: { type: 'array', items: ref('Issue') } },
};
const TIMER_BRIEF = {
  type: 'object',
  required: ['kind', 'stage', 'id', 'dueAt'],
  properties: { kind: { enum: ['delay', 'reminder'] }, stage: { type: 'string' }, id: { type: 'string', description: 'the reminder’s id, or the delayed event’s type' }, dueAt: { type: 'string', format: 'date-time' } },
};

const JOB = {
  type: 'object',
  description: 'A migration job: how far it is, and the records it could not move with why.',
  required: ['_id', 'entity', 'toVersion', 'mapping', 'status', 'total', 'processed', 'moved', 'skipped', 'problems', 'startedAt', 'startedBy'],
  properties: {
    _id: { type: 'string' },
    entity: { type: 'string' },
    toVersion: { type: 'integer' },
    mapping: { type: 'object', additionalProperties: { type: 'string' } },
    status: { enum: ['running', 'done'] },
    total: { type: 'integer' },
    processed: { type: 'integer' },
    moved: { type: 'integer' },
    skipped: { type: 'integer' },
    problems: {
      type: 'array',
      items: { type: 'object', required: ['id', 'fromStage', 'code', 'message'], properties: { id: { type: 'string' }, title: { type: 'string' }, fromStage: { type: 'string' }, code: { enum: [...CODES, 'changed-meanwhile'] }, message: { type: 'string' } } },
    },
    startedAt: { type: 'string', format: 'date-time' },
    startedBy: { type: 'string' },
    finishedAt: { type: 'string', format: 'date-time' },
  },
};

const PREVIEW = {
  type: 'object',
  description: 'What migrating would do: records per old version and stage and where they go, then record by record (those that cannot move first).',
  required: ['entity', 'toVersion', 'total', 'movable', 'blocked', 'groups', 'records'],
  properties: {
    entity: { type: 'string' },
    toVersion: { type: 'integer' },
    total: { type: 'integer' },
    movable: { type: 'integer' },
    blocked: { type: 'integer' },
    groups: {
      type: 'array',
      items: { type: 'object', required: ['fromVersion', 'fromStage', 'count', 'movable'], properties: { fromVersion: { type: 'integer' }, fromStage: { type: 'string' }, toStage: { type: 'string' }, count: { type: 'integer' }, movable: { type: 'integer' } } },
    },
    records: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'fromVersion', 'fromStage', 'missingFields', 'filled', 'problems', 'cancelled', 'planned'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          fromVersion: { type: 'integer' },
          fromStage: { type: 'string' },
          toStage: { type: 'string' },
          missingFields: { type: 'array', items: { type: 'string' }, description: 'the stage’s fields (new version) the record lacks: people are asked for them at its next step' },
          filled: { type: 'array', items: { type: 'string' }, description: 'fields given a value from `fill`' },
          problems: { type: 'array', items: PROBLEM },
          cancelled: { type: 'array', items: TIMER_BRIEF },
          planned: { type: 'array', items: TIMER_BRIEF },
        },
      },
    },
  },
};

/** The schemas of the answers below (drafts, migrations). */
export const migrationSchemas: Record<string, unknown> = { MigrationJob: JOB, MigrationPreview: PREVIEW, DefinitionDraft: DRAFT, DefinitionDraftSummary: DRAFT_SUMMARY };

const byEntity = { entity: ENTITY_NAME } as const;
const admin = { tags: ['definitions'], roles: ['admin'] } as const;

const listDrafts = contract({ ...admin, method: 'get', path: '/definition-drafts', operationId: 'listDrafts', responses: { 200: { description: 'Every draft, without bodies', schema: { type: 'array', items: ref('DefinitionDraftSummary') } } } });

const getDraft = contract({
  ...admin,
  method: 'get',
  path: '/definitions/:entity/draft',
  operationId: 'getDraft',
  description: 'No draft is an answer, not an error: the editor asks every time it opens.',
  params: byEntity,
  responses: { 200: { description: 'The draft', schema: ref('DefinitionDraft') }, 204: { description: 'There is no draft' } },
  problems: { 400: 'invalid-request' },
});

const saveDraft = contract({
  ...admin,
  method: 'put',
  path: '/definitions/:entity/draft',
  operationId: 'saveDraft',
  params: byEntity,
  body: DRAFT_INPUT,
  responses: { 200: { description: 'The draft as kept', schema: ref('DefinitionDraft') } },
  problems: { 400: 'invalid-request', 409: 'version-conflict' },
});

const discardDraft = contract({
  ...admin,
  method: 'delete',
  path: '/definitions/:entity/draft',
  operationId: 'discardDraft',
  params: byEntity,
  query: { type: 'object', additionalProperties: false, required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } },
  responses: { 204: { description: 'Discarded' } },
  problems: { 400: 'invalid-request', 409: 'version-conflict' },
});

const previewMigration = contract({
  ...admin,
  method: 'post',
  path: '/definitions/:entity/migrations/preview',
  operationId: 'previewMigration',
  params: byEntity,
  body: MIGRATION_INPUT,
  responses: { 200: { description: 'What the migration would do', schema: ref('MigrationPreview') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
});

const startMigration = contract({
  ...admin,
  method: 'post',
  path: '/definitions/:entity/migrations',
  operationId: 'startMigration',
  params: byEntity,
  body: MIGRATION_INPUT,
  responses: { 202: { description: 'The job, started in the background', schema: ref('MigrationJob') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
});

const listMigrations = contract({
  ...admin,
  method: 'get',
  path: '/definitions/:entity/migrations',
  operationId: 'listMigrations',
  params: byEntity,
  responses: { 200: { description: 'The last 20 jobs, newest first', schema: { type: 'array', items: ref('MigrationJob') } } },
  problems: { 400: 'invalid-request' },
});

const getMigration = contract({
  ...admin,
  method: 'get',
  path: '/definitions/:entity/migrations/:id',
  operationId: 'getMigration',
  params: { ...byEntity, id: RECORD_ID },
  responses: { 200: { description: 'The job as it stands', schema: ref('MigrationJob') } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const definitionChangeContracts = [listDrafts, getDraft, saveDraft, discardDraft, previewMigration, startMigration, listMigrations, getMigration];

/**
 * `GET /definition-drafts`, `GET|PUT|DELETE /definitions/:entity/draft`,
 * `POST /definitions/:entity/migrations/preview`, `POST|GET /definitions/:entity/migrations`
 * and `GET /definitions/:entity/migrations/:id`.
 * @example api.use(definitionChangeRoutes(engine));
 */
export function definitionChangeRoutes(engine: Engine): Router {
  const router = Router();

  serve(router, listDrafts, async (_input, _req, res) => {
    res.json(await engine.drafts.list());
  });

  serve(router, getDraft, async ({ params: { entity } }, _req, res) => {
    const draft = await engine.drafts.get(entity);
    if (!draft) res.status(204).end();
    else res.json(draft);
  });

  serve(router, saveDraft, async ({ params: { entity }, body }, _req, res) => {
    // The draft's schema and machine are checked when it is published, not here.
    res.json(await engine.drafts.save(entity, body as typeof body & { schema: EntitySchema; machine: MachineConfig }, actorOf(res)));
  });

  serve(router, discardDraft, async ({ params: { entity }, query: { version } }, _req, res) => {
    await engine.drafts.discard(entity, version);
    res.status(204).end();
  });

  serve(router, previewMigration, async ({ params: { entity }, body }, _req, res) => {
    res.json(await engine.migrations.preview(entity, body));
  });

  serve(router, startMigration, async ({ params: { entity }, body }, req, res) => {
    const job = await engine.migrations.start(entity, body, actorOf(res));
    res.location(`${req.baseUrl}/definitions/${encodeURIComponent(entity)}/migrations/${job._id}`).status(202).json(job);
  });

  serve(router, listMigrations, async ({ params: { entity } }, _req, res) => {
    res.json(await engine.migrations.list(entity));
  });

  serve(router, getMigration, async ({ params: { entity, id } }, _req, res) => {
    res.json(await engine.migrations.get(entity, id));
  });

  return router;
}
