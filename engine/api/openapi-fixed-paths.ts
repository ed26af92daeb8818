/** The OpenAPI paths that exist whatever the definitions are: meta, registry, definitions. */
import { jsonBody, jsonResponse, paramRef, problems, ref, WRITE_SECURITY } from './openapi-common.js';

const badRequest = { 400: 'invalid-request, malformed-json' };

/** Paths that exist whatever the definitions are. */
export const fixedPaths: Record<string, unknown> = {
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
