/**
 * Automations that failed for good, for admins (issue 11.6): `GET /automations/failed`,
 * and `POST /automations/:id/retry` or `/dismiss` for each.
 */
import { Router, type Request } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { requireRole } from './authorize.js';
import { assertNoBody, invalidRequest, queryReader } from './validate-request.js';

/** An automation's id: its record id, version and index (`<uuid>:3:0`) or what queued it. */
export const AUTOMATION_ID = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,300}$' };
export const FAILED_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, skip: { type: 'integer', minimum: 0 } },
};
const readFailedQuery = queryReader<{ limit?: number; skip?: number }>(FAILED_QUERY);

function automationId(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !new RegExp(AUTOMATION_ID.pattern).test(id))
    throw invalidRequest([{ pointer: '/params/id', message: 'must be an automation id: 1–300 letters, digits or _ . : -' }]);
  return id;
}

/** @example api.use(automationRoutes(engine)); */
export function automationRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/automations/failed', async (req, res) => {
    requireRole(res, 'admin');
    const { limit = 50, skip = 0 } = readFailedQuery(req);
    res.json({ ...(await engine.failedAutomations({ limit, skip })), limit, skip });
  });
  router.post('/automations/:id/retry', async (req, res) => {
    requireRole(res, 'admin');
    assertNoBody(req);
    await engine.retryAutomation(automationId(req));
    res.status(204).end();
  });
  router.post('/automations/:id/dismiss', async (req, res) => {
    requireRole(res, 'admin');
    assertNoBody(req);
    await engine.dismissAutomation(automationId(req));
    res.status(204).end();
  });
  return router;
}
