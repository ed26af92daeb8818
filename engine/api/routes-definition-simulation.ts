/** Dry runs of a candidate definition for the designer's simulation panel. */
import { Router } from 'express';
import type { EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { EVENT_TYPE } from './request-schemas.js';
import { contract, serve } from './contract.js';
import { ENTITY_NAME } from './validate-request.js';
import { ref, STATE_VALUE } from './openapi-common.js';
import { packDef } from './pack-schemas.js';
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

/** One step of a run: an event with its data, or an activity of the stage marked done or not. */
const SIMULATION_STEP = SIMULATION_INPUT.properties.events.items;

const LABELS = ref('Labels');

const STEP_PARTS = {
  ok: { type: 'boolean', description: 'false: the step was refused (see error); the record did not change' },
  to: { type: 'string', description: 'the stage after the step' },
  guards: {
    type: 'array',
    description: 'each guard the step evaluated, with its verdict and, when it failed, why',
    items: { type: 'object', required: ['guard', 'ok'], properties: { guard: { type: 'string' }, params: {}, ok: { type: 'boolean' }, reason: LABELS } },
  },
  effects: { type: 'array', description: 'the actions that would be queued', items: { type: 'object', required: ['action'], properties: { action: { type: 'string' }, params: {} } } },
  timers: {
    type: 'array',
    description: 'delayed transitions that would be scheduled or cancelled (delay in ms)',
    items: {
      oneOf: [
        { type: 'object', required: ['op', 'id', 'event', 'delay'], properties: { op: { const: 'schedule' }, id: { type: 'string' }, event: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } }, delay: { type: 'number' } } },
        { type: 'object', required: ['op', 'id'], properties: { op: { const: 'cancel' }, id: { type: 'string' } } },
      ],
    },
  },
  reminders: { type: 'array', description: 'the reminders of the stage entered (none when the stage did not change)', items: packDef('reminder') },
  changed: { type: 'array', items: { type: 'string' }, description: 'fields whose value differs after the step' },
  error: {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string' }, message: { type: 'string' }, reasons: { type: 'array', items: LABELS }, missingFields: { type: 'array', items: { type: 'string' } }, issues: { type: 'array', items: ref('Issue') } },
  },
  record: ref('SimulatedRecord'),
};

/** The schemas of a simulated run's answer. */
export const simulationSchemas: Record<string, unknown> = {
  SimulationStep: SIMULATION_STEP,
  SimulatedRecord: {
    type: 'object',
    description: 'Where the simulated record is between steps.',
    required: ['stage', 'stateValue', 'status', 'data', 'activitiesDone', 'allowedEvents'],
    properties: {
      stage: { type: 'string' },
      stateValue: STATE_VALUE,
      status: { enum: ['active', 'done'] },
      data: { type: 'object' },
      activitiesDone: { type: 'array', items: { type: 'string' } },
      allowedEvents: { type: 'array', items: ref('AllowedEvent') },
    },
  },
  SimulatedOutcome: {
    type: 'object',
    description: 'What a step (or the start) led to: guard verdicts (with reasons), effects and timers planned, reminders of the stage entered, the record after.',
    required: ['ok', 'to', 'guards', 'effects', 'timers', 'reminders', 'changed', 'record'],
    properties: STEP_PARTS,
  },
  SimulatedStep: {
    description: 'One simulated step and what it led to.',
    allOf: [ref('SimulatedOutcome'), { type: 'object', required: ['step', 'from'], properties: { step: ref('SimulationStep'), from: { type: 'string', description: 'the stage before the step' } } }],
  },
  SimulationResult: {
    type: 'object',
    required: ['start', 'steps'],
    properties: {
      start: {
        description: 'The record after creation (or as given by stateValue); error when it cannot start.',
        allOf: [ref('SimulatedOutcome'), { type: 'object', required: ['created'], properties: { created: { type: 'boolean' } } }],
      },
      steps: { type: 'array', items: ref('SimulatedStep') },
    },
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
  responses: { 200: { description: 'The simulated run; nothing is stored', schema: ref('SimulationResult') } },
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
