/** The guards and actions the designer may reference in a machine. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';

/**
 * `GET /guards` and `GET /actions`: name, description, params schema and source of each.
 * @example api.use(registryRoutes(engine));
 */
export function registryRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/guards', (_req, res) => {
    res.json(engine.listGuards());
  });
  router.get('/actions', (_req, res) => {
    res.json(engine.listActions());
  });
  return router;
}
