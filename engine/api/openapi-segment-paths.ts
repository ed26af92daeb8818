/** OpenAPI paths of the acting user's saved segments (./routes-segments.ts). */
import { jsonBody, jsonResponse, paramRef, problems, WRITE_SECURITY } from './openapi-common.js';
import { SEGMENT_BODY, SEGMENT_NAME } from './routes-segments.js';

/** Schemas the segment paths refer to. */
export const segmentSchemas: Record<string, unknown> = {
  Segment: {
    type: 'object',
    description: "A named list filter of the acting user: the list's controls, not the records they select.",
    required: ['name', 'entity', 'controls', 'createdAt', 'updatedAt'],
    properties: {
      name: { type: 'string' },
      entity: { type: 'string' },
      controls: { type: 'object' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
};

const SEGMENT = { $ref: '#/components/schemas/Segment' };

/** Paths served by routes-segments.ts; every one needs the actor. */
export const segmentPaths: Record<string, unknown> = {
  '/api/segments/{entity}': {
    parameters: [paramRef('Entity')],
    get: {
      operationId: 'listSegments',
      tags: ['segments'],
      security: WRITE_SECURITY,
      description: "The actor's segments of an entity, by name. Other users' segments are never listed.",
      responses: {
        200: jsonResponse('The segments', {
          type: 'object',
          required: ['items'],
          properties: { items: { type: 'array', items: SEGMENT } },
        }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'unknown-entity' }),
      },
    },
  },
  '/api/segments/{entity}/{name}': {
    parameters: [paramRef('Entity'), { name: 'name', in: 'path', required: true, schema: SEGMENT_NAME }],
    put: {
      operationId: 'saveSegment',
      tags: ['segments'],
      security: WRITE_SECURITY,
      description:
        'Save the controls under this name (trimmed), replacing a segment of the same name. One durable write.',
      requestBody: jsonBody(SEGMENT_BODY),
      responses: {
        200: jsonResponse('The segment, replaced', SEGMENT),
        201: jsonResponse('The segment, created', SEGMENT),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'unknown-entity' }),
      },
    },
    delete: {
      operationId: 'deleteSegment',
      tags: ['segments'],
      security: WRITE_SECURITY,
      responses: {
        204: { description: 'Deleted' },
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'not-found or unknown-entity' }),
      },
    },
  },
};
