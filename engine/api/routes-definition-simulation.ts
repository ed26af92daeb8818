/** Dry runs of a candidate definition for the designer's simulation panel. */
import { requireRole } from './authorize.js';
import { Router } from 'express';
import type { EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { EVENT_TYPE } from './request-schemas.js';
import { bodyReader, routeParams } from './validate-request.js';
import type { SimulationInput } from '../runtime/core/index.js';

const DATA = { type: 'object' };

/** The request body; also documented in ./openapi-designer-paths.ts. */
export const SIMULATION_INPUT = {
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

const readSimulation = bodyReader<{ schema: EntitySchema; machine: MachineConfig } & SimulationInput>(
  SIMULATION_INPUT,
);

/**
 * `POST /definitions/:entity/simulate`: run events against the candidate `{schema,
 * machine}` from sample `data` (and `stateValue`), storing nothing. An invalid candidate
 * is a 422 `invalid-definition` with its issues.
 * @example api.use(definitionSimulationRoutes(engine));
 */
export function definitionSimulationRoutes(engine: Engine): Router {
  const router = Router();
  router.post('/definitions/:entity/simulate', async (req, res) => {
    requireRole(res, 'admin');
    const { entity } = routeParams(req, 'entity');
    res.json(await engine.simulate(entity, readSimulation(req)));
  });
  return router;
}
