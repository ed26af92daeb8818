/** OpenAPI paths of routes-definition-changes.ts: drafts and migrations of live records (admins). */
import { jsonBody, jsonResponse, paramRef, problems, WRITE_SECURITY } from './openapi-common.js';
import { DRAFT_INPUT, MIGRATION_INPUT } from './request-schemas.js';

const DRAFT = {
  type: 'object',
  description: "An admin's unpublished work on a definition: staff never see it.",
  properties: {
    entity: { type: 'string' },
    schema: { type: 'object' },
    machine: { type: 'object' },
    baseVersion: { type: 'integer' },
    version: { type: 'integer' },
    savedAt: { type: 'string', format: 'date-time' },
    savedBy: { type: 'string' },
  },
};

const JOB = {
  type: 'object',
  description: 'A migration job: how far it is, and the records it could not move with why.',
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
    problems: { type: 'array', items: { type: 'object' } },
    startedAt: { type: 'string', format: 'date-time' },
    startedBy: { type: 'string' },
    finishedAt: { type: 'string', format: 'date-time' },
  },
};

const PREVIEW = {
  type: 'object',
  description: 'What migrating would do: records per old version and stage and where they go, then record by record (those that cannot move first).',
  properties: {
    entity: { type: 'string' },
    toVersion: { type: 'integer' },
    total: { type: 'integer' },
    movable: { type: 'integer' },
    blocked: { type: 'integer' },
    groups: { type: 'array', items: { type: 'object' } },
    records: { type: 'array', items: { type: 'object' } },
  },
};

const admin = { security: WRITE_SECURITY };
const denied = { 401: 'unauthenticated', 403: 'forbidden' };

export const definitionChangePaths: Record<string, unknown> = {
  '/api/definition-drafts': {
    get: { ...admin, operationId: 'listDrafts', tags: ['definitions'], responses: { 200: jsonResponse('Every draft, without bodies', { type: 'array', items: DRAFT }), ...problems(denied) } },
  },
  '/api/definitions/{entity}/draft': {
    parameters: [paramRef('Entity')],
    get: { ...admin, operationId: 'getDraft', tags: ['definitions'], responses: { 200: jsonResponse('The draft', DRAFT), 204: { description: 'There is no draft' }, ...problems(denied) } },
    put: {
      ...admin,
      operationId: 'saveDraft',
      tags: ['definitions'],
      requestBody: jsonBody(DRAFT_INPUT),
      responses: { 200: jsonResponse('The draft as kept', DRAFT), ...problems({ 400: 'invalid-request', ...denied, 409: 'version-conflict' }) },
    },
    delete: {
      ...admin,
      operationId: 'discardDraft',
      tags: ['definitions'],
      parameters: [{ name: 'version', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { 204: { description: 'Discarded' }, ...problems({ 400: 'invalid-request', ...denied, 409: 'version-conflict' }) },
    },
  },
  '/api/definitions/{entity}/migrations/preview': {
    parameters: [paramRef('Entity')],
    post: {
      ...admin,
      operationId: 'previewMigration',
      tags: ['definitions'],
      requestBody: jsonBody(MIGRATION_INPUT),
      responses: { 200: jsonResponse('What the migration would do', PREVIEW), ...problems({ 400: 'invalid-request', ...denied, 404: 'unknown-entity' }) },
    },
  },
  '/api/definitions/{entity}/migrations': {
    parameters: [paramRef('Entity')],
    post: {
      ...admin,
      operationId: 'startMigration',
      tags: ['definitions'],
      requestBody: jsonBody(MIGRATION_INPUT),
      responses: { 202: jsonResponse('The job, started in the background', JOB), ...problems({ 400: 'invalid-request', ...denied, 404: 'unknown-entity' }) },
    },
    get: { ...admin, operationId: 'listMigrations', tags: ['definitions'], responses: { 200: jsonResponse('The last 20 jobs, newest first', { type: 'array', items: JOB }), ...problems(denied) } },
  },
  '/api/definitions/{entity}/migrations/{id}': {
    parameters: [paramRef('Entity'), { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    get: { ...admin, operationId: 'getMigration', tags: ['definitions'], responses: { 200: jsonResponse('The job as it stands', JOB), ...problems({ ...denied, 404: 'not-found' }) } },
  },
};
