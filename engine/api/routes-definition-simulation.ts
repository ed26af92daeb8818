/** Dry runs of a candidate definition for the designer's simulation panel. */
import { Router } from 'express';
import type { EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { EVENT_TYPE } from './request-schemas.js';
import { contract, serve } from './contract.js';
import { ENTITY_NAME } from './validate-request.js';
import type { SimulationInput } from '../runtime/core/index.js';

const DATA = { type: 'object' } as const;

/** The request body. */
const SIMULATION_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'machine', 'data', 'events'],
  properties: {
    schema: { type: 'object' },
    machine: { type: 'object' },
    data: DATA,
    stateValue: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] },
    activitiesDone: { type: 'array', maxItems: 100, items: { type: 'string' } },
    events: {
      type: 'array',
      maxItems: 200,
      items: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: { type: EVENT_TYPE, data: DATA },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['activity', 'done'],
            properties: { activity: { type: 'string', minLength: 1 }, done: { type: 'boolean' } },
          },
        ],
      },
    },
  },
} as const;

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

const simulateDefinition = contract({
  method: 'post',
  path: '/definitions/:entity/simulate',
  operationId: 'simulateDefinition',
  tags: ['definitions'],
  roles: ['admin'],
  params: { entity: ENTITY_NAME },
  body: SIMULATION_INPUT,
  responses: { 200: { description: 'The simulated run; nothing is stored', schema: { type: 'object', properties: { start: STEP_RESULT, steps: { type: 'array', items: STEP_RESULT } } } } },
  problems: { 400: 'invalid-request, malformed-json', 422: 'invalid-definition' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const simulationContracts = [simulateDefinition];

/**
 * `POST /definitions/:entity/simulate`: run events against the candidate `{schema,
 * machine}` from sample `data` (and `stateValue`), storing nothing. An invalid candidate
 * is a 422 `invalid-definition` with its issues.
 * @example api.use(definitionSimulationRoutes(engine));
 */
export function definitionSimulationRoutes(engine: Engine): Router {
  const router = Router();
  serve(router, simulateDefinition, async ({ params: { entity }, body }, _req, res) => {
    // The candidate's schema and machine are checked by the engine (422), not by the route.
    res.json(await engine.simulate(entity, body as unknown as { schema: EntitySchema; machine: MachineConfig } & SimulationInput));
  });
  return router;
}
