/**
 * The assignment rules admins edit (../runtime/assignment-rules.ts): `GET`, `PUT` (the
 * whole list, naming the version it was based on) and `DELETE` (back to the packs' rules).
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { requireRole } from './authorize.js';
import { bodyReader, queryReader } from './validate-request.js';

/** The list is checked rule by rule by the rule book; here only its envelope. */
export const SAVE_RULES = {
  type: 'object',
  additionalProperties: false,
  required: ['rules', 'version'],
  properties: {
    rules: { type: 'array', maxItems: 200, items: { type: 'object' } },
    version: { type: 'integer', minimum: 0, description: 'the version the edit was based on' },
  },
};
export const RESET_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: { version: { type: 'integer', minimum: 0 } },
};
const readSave = bodyReader<{ rules: unknown[]; version: number }>(SAVE_RULES);
const readReset = queryReader<{ version: number }>(RESET_QUERY);

/** @example api.use(assignmentRuleRoutes(engine)); */
export function assignmentRuleRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/assignment-rules', async (_req, res) => {
    requireRole(res, 'admin');
    res.json(await engine.assignmentRules.current());
  });
  router.put('/assignment-rules', async (req, res) => {
    requireRole(res, 'admin');
    const { rules, version } = readSave(req);
    res.json(await engine.assignmentRules.save(rules, version, actorOf(res)));
  });
  router.delete('/assignment-rules', async (req, res) => {
    requireRole(res, 'admin');
    const { version } = readReset(req);
    res.json(await engine.assignmentRules.reset(version));
  });
  return router;
}
