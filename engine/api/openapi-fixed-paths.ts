/** The OpenAPI paths that exist whatever the definitions are: meta, registry, definitions. */
import { jsonBody, jsonResponse, paramRef, problems, ref, WRITE_SECURITY } from './openapi-common.js';

const badRequest = { 400: 'invalid-request, malformed-json' };

/** Paths that exist whatever the definitions are. */
export const fixedPaths: Record<string, unknown> = {
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
