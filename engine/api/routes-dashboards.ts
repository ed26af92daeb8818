/**
 * Dashboards per role (../runtime/dashboards.ts): `GET /dashboards` gives a reader the
 * dashboards of their roles; admins arrange them at `/dashboard-layouts` (`GET`, `PUT` the
 * whole list naming the version it was based on, `DELETE` back to the packs' dashboards).
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { requireRole } from './authorize.js';
import { RESET_QUERY } from './routes-assignment-rules.js';
import { bodyReader, queryReader } from './validate-request.js';

/** The list is checked dashboard by dashboard by the book; here only its envelope. */
export const SAVE_DASHBOARDS = {
  type: 'object',
  additionalProperties: false,
  required: ['dashboards', 'version'],
  properties: {
    dashboards: { type: 'array', maxItems: 6, items: { type: 'object' } },
    version: { type: 'integer', minimum: 0, description: 'the version the arrangement was based on' },
  },
};
const readSave = bodyReader<{ dashboards: unknown[]; version: number }>(SAVE_DASHBOARDS);
const readReset = queryReader<{ version: number }>(RESET_QUERY);

/** @example api.use(dashboardRoutes(engine)); */
export function dashboardRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/dashboards', async (_req, res) => {
    res.json({ items: await engine.dashboards.forReader(userOf(res).roles) });
  });
  router.get('/dashboard-layouts', async (_req, res) => {
    requireRole(res, 'admin');
    res.json(await engine.dashboards.current());
  });
  router.put('/dashboard-layouts', async (req, res) => {
    requireRole(res, 'admin');
    const { dashboards, version } = readSave(req);
    res.json(await engine.dashboards.save(dashboards, version, actorOf(res)));
  });
  router.delete('/dashboard-layouts', async (req, res) => {
    requireRole(res, 'admin');
    const { version } = readReset(req);
    res.json(await engine.dashboards.reset(version));
  });
  return router;
}
