/** About the server itself: liveness and the generated OpenAPI document. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { openApiSource } from './openapi.js';

/**
 * `GET /health` and `GET /openapi.json`.
 * @example api.use(metaRoutes(engine));
 */
export function metaRoutes(engine: Engine): Router {
  const router = Router();
  const openApi = openApiSource(engine);
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/openapi.json', async (_req, res) => {
    res.json(await openApi());
  });
  // The workspace's groups of entities (pack.json `navigation`).
  router.get('/navigation', async (_req, res) => {
    res.json(await engine.navigation());
  });
  return router;
}
