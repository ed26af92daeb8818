/**
 * Automations that failed for good, for admins (issue 11.6): `GET /automations/failed`,
 * and `POST /automations/:id/retry` or `/dismiss` for each.
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { DEAD_LETTER_SCHEMA } from '../runtime/services/index.js';

/** An automation's id: its record id, version and index (`<uuid>:3:0`) or what queued it. */
const AUTOMATION_ID = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,300}$', description: 'an automation id: 1–300 letters, digits or _ . : -' } as const;


/** The failed automations the routes below answer with. */
export const automationSchemas: Record<string, unknown> = { DeadLetter: DEAD_LETTER_SCHEMA };

const listFailedAutomations = contract({
  method: 'get',
  path: '/automations/failed',
  operationId: 'listFailedAutomations',
  tags: ['automations'],
  description: 'Automations (effects) the outbox gave up on, the latest first.',
  roles: ['admin'],
  query: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, skip: { type: 'integer', minimum: 0 } } },
  responses: { 200: { description: 'Failed automations', schema: { type: 'object', required: ['items', 'total', 'limit', 'skip'], properties: { items: { type: 'array', items: ref('DeadLetter') }, total: { type: 'integer' }, limit: { type: 'integer' }, skip: { type: 'integer' } } } } },
  problems: { 400: 'invalid-request' },
});

const retryAutomation = contract({
  method: 'post',
  path: '/automations/:id/retry',
  operationId: 'retryAutomation',
  tags: ['automations'],
  description: 'Run a failed automation again now (its attempts start over).',
  roles: ['admin'],
  params: { id: AUTOMATION_ID },
  responses: { 204: { description: 'Queued again' } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

const dismissAutomation = contract({
  method: 'post',
  path: '/automations/:id/dismiss',
  operationId: 'dismissAutomation',
  tags: ['automations'],
  description: 'Put a failed automation aside for good.',
  roles: ['admin'],
  params: { id: AUTOMATION_ID },
  responses: { 204: { description: 'Dismissed' } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const automationContracts = [listFailedAutomations, retryAutomation, dismissAutomation];

/** @example api.use(automationRoutes(engine)); */
export function automationRoutes(engine: Engine): Router {
  const router = Router();
  serve(router, listFailedAutomations, async ({ query: { limit = 50, skip = 0 } }, _req, res) => {
    res.json({ ...(await engine.failedAutomations({ limit, skip })), limit, skip });
  });
  serve(router, retryAutomation, async ({ params }, _req, res) => {
    await engine.retryAutomation(params.id);
    res.status(204).end();
  });
  serve(router, dismissAutomation, async ({ params }, _req, res) => {
    await engine.dismissAutomation(params.id);
    res.status(204).end();
  });
  return router;
}
