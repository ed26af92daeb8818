/** OpenAPI paths of the designer's extra routes: versions, stage counts, simulation. */
import { jsonBody, jsonResponse, paramRef, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { SIMULATION_INPUT } from './routes-definition-simulation.js';

const STEP_RESULT = {
  type: 'object',
  description:
    'One simulated step: guard verdicts (with reasons), effects and timers planned, reminders of the stage entered, the record after.',
  properties: {
    step: { type: 'object' },
    ok: { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    guards: { type: 'array', items: { type: 'object' } },
    effects: { type: 'array', items: { type: 'object' } },
    timers: { type: 'array', items: { type: 'object' } },
    reminders: { type: 'array', items: { type: 'object' } },
    changed: { type: 'array', items: { type: 'string' } },
    error: { type: 'object' },
    record: { type: 'object' },
  },
};

/** Paths served by routes-definition-history.ts and routes-definition-simulation.ts. */
export const designerPaths: Record<string, unknown> = {
  '/api/definitions/{entity}/history': {
    parameters: [paramRef('Entity')],
    get: {
      operationId: 'definitionHistory',
      tags: ['definitions'],
      responses: {
        200: jsonResponse('Every version, newest first, without schema and machine', {
          type: 'array',
          items: ref('DefinitionSummary'),
        }),
        ...problems({ 400: 'invalid-request', 404: 'unknown-entity' }),
      },
    },
  },
  '/api/definitions/{entity}/stage-counts': {
    parameters: [paramRef('Entity')],
    get: {
      operationId: 'stageCounts',
      tags: ['definitions'],
      responses: {
        200: jsonResponse('Records per stage and definition version', {
          type: 'object',
          properties: {
            entity: { type: 'string' },
            total: { type: 'integer' },
            counts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  stage: { type: 'string' },
                  version: { type: 'integer' },
                  count: { type: 'integer' },
                  live: { type: 'integer', description: 'of them, records still under way (not in an end stage)' },
                },
              },
            },
          },
        }),
        ...problems({ 400: 'invalid-request', 404: 'unknown-entity' }),
      },
    },
  },
  '/api/definitions/{entity}/simulate': {
    parameters: [paramRef('Entity')],
    post: {
      operationId: 'simulateDefinition',
      tags: ['definitions'],
      security: WRITE_SECURITY,
      requestBody: jsonBody(SIMULATION_INPUT),
      responses: {
        200: jsonResponse('The simulated run; nothing is stored', {
          type: 'object',
          properties: { start: STEP_RESULT, steps: { type: 'array', items: STEP_RESULT } },
        }),
        ...problems({
          400: 'invalid-request, malformed-json',
          401: 'unauthenticated',
          422: 'invalid-definition',
        }),
      },
    },
  },
};
