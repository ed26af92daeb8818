/** The OpenAPI paths that exist whatever the definitions are: meta, registry, definitions. */
import { jsonBody, jsonResponse, paramRef, problems, ref, WRITE_SECURITY } from './openapi-common.js';

const badRequest = { 400: 'invalid-request, malformed-json' };

const backupStatus = {
  type: 'object',
  required: ['dir', 'retention', 'backups'],
  properties: {
    dir: { type: 'string', description: 'The folder backups are written to, on the server' },
    schedule: { type: 'object', required: ['cron', 'timeZone', 'nextRunAt'], properties: { cron: { type: 'string' }, timeZone: { type: 'string' }, nextRunAt: { type: ['string', 'null'], format: 'date-time' } } },
    retention: { type: 'object', required: ['daily', 'weekly'], properties: { daily: { type: 'integer' }, weekly: { type: 'integer' } } },
    running: { type: 'object', required: ['startedAt', 'by', 'step'], properties: { startedAt: { type: 'string', format: 'date-time' }, by: { type: 'string' }, step: { enum: ['copying', 'checking', 'compressing', 'done'] } } },
    last: {
      type: 'object',
      required: ['ok', 'at', 'by', 'seconds'],
      properties: { ok: { type: 'boolean' }, at: { type: 'string', format: 'date-time' }, by: { type: 'string' }, file: { type: 'string' }, bytes: { type: 'integer' }, seconds: { type: 'number' }, records: { type: 'integer' }, error: { type: 'string' } },
    },
    backups: { type: 'array', items: { type: 'object', required: ['name', 'takenAt', 'bytes'], properties: { name: { type: 'string' }, takenAt: { type: 'string', format: 'date-time' }, bytes: { type: 'integer' } } } },
  },
};

/** Paths that exist whatever the definitions are. */
export const fixedPaths: Record<string, unknown> = {
  '/api/admin/backups': {
    get: {
      operationId: 'backupStatus',
      tags: ['admin'],
      summary: 'Backups of the embedded store (admins)',
      description: 'The schedule, the backup under way and its step, the last result and the backups kept, newest first (docs/operations.md). 404 on MongoDB.',
      responses: { 200: jsonResponse('The backups', backupStatus), ...problems({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found' }) },
    },
    post: {
      operationId: 'startBackup',
      tags: ['admin'],
      summary: 'Back up now (admins)',
      description: 'Starts a backup of the running store; answers at once with the status (`running`). One at a time.',
      security: WRITE_SECURITY,
      responses: { 202: jsonResponse('Started', backupStatus), ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 409: 'already-running' }) },
    },
  },
  '/api/health': {
    get: {
      operationId: 'health',
      tags: ['meta'],
      security: [],
      responses: {
        200: jsonResponse('The server is up', { type: 'object', properties: { status: { const: 'ok' } } }),
      },
    },
  },
  '/api/openapi.json': {
    get: {
      operationId: 'openapi',
      tags: ['meta'],
      security: [],
      responses: { 200: jsonResponse('This document', { type: 'object' }) },
    },
  },
  '/api/navigation': {
    get: {
      operationId: 'navigation',
      tags: ['meta'],
      summary: "The workspace's groups of entities",
      description: 'The packs’ groups (pack.json `navigation`) in the order of the business, each entity with its labels; entities in no group come last under "other".',
      responses: {
        200: jsonResponse('The groups', {
          type: 'object',
          required: ['groups'],
          properties: {
            groups: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'labels', 'entities'],
                properties: {
                  id: { type: 'string' },
                  labels: ref('Labels'),
                  entities: { type: 'array', items: { type: 'object', required: ['entity'], properties: { entity: { type: 'string' }, labels: ref('Labels') } } },
                },
              },
            },
          },
        }),
        ...problems({ 401: 'unauthenticated' }),
      },
    },
  },
  '/api/guards': {
    get: {
      operationId: 'listGuards',
      tags: ['registry'],
      responses: { 200: jsonResponse('Registered guards', { type: 'array', items: ref('RegistryEntry') }) },
    },
  },
  '/api/actions': {
    get: {
      operationId: 'listActions',
      tags: ['registry'],
      responses: { 200: jsonResponse('Registered actions', { type: 'array', items: ref('RegistryEntry') }) },
    },
  },
  '/api/definitions': {
    get: {
      operationId: 'listDefinitions',
      tags: ['definitions'],
      responses: {
        200: jsonResponse('Latest version of every entity', {
          type: 'array',
          items: ref('DefinitionSummary'),
        }),
      },
    },
  },
  '/api/definitions/{entity}': {
    parameters: [paramRef('Entity')],
    get: {
      operationId: 'getDefinition',
      tags: ['definitions'],
      parameters: [paramRef('Version')],
      responses: {
        200: jsonResponse('The definition', ref('Definition')),
        ...problems({ ...badRequest, 404: 'unknown-entity' }),
      },
    },
    put: {
      operationId: 'saveDefinition',
      tags: ['definitions'],
      security: WRITE_SECURITY,
      requestBody: jsonBody(ref('DefinitionInput')),
      responses: {
        200: jsonResponse('The new version', ref('Definition')),
        ...problems({ ...badRequest, 401: 'unauthenticated', 409: 'version-conflict', 422: 'invalid-definition' }),
      },
    },
  },
  '/api/definitions/{entity}/validate': {
    parameters: [paramRef('Entity')],
    post: {
      operationId: 'validateDefinition',
      tags: ['definitions'],
      security: WRITE_SECURITY,
      requestBody: jsonBody(ref('DefinitionInput')),
      responses: {
        200: jsonResponse('Whether the candidate is valid, and its issues', {
          type: 'object',
          properties: { valid: { type: 'boolean' }, issues: { type: 'array', items: ref('Issue') } },
        }),
        ...problems({ ...badRequest, 401: 'unauthenticated' }),
      },
    },
  },
};
