/**
 * How admins change a pipeline while people work in it (DESIGN.md decision 12): drafts
 * kept without staff seeing them, and migrations of live records to a newer version,
 * previewed first. Admins only.
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { requireRole } from './authorize.js';
import { readDraftInput, readDraftVersionQuery, readMigrationInput } from './request-schemas.js';
import { routeParams } from './validate-request.js';

/**
 * `GET /definition-drafts`, `GET|PUT|DELETE /definitions/:entity/draft`,
 * `POST /definitions/:entity/migrations/preview`, `POST|GET /definitions/:entity/migrations`
 * and `GET /definitions/:entity/migrations/:id`.
 * @example api.use(definitionChangeRoutes(engine));
 */
export function definitionChangeRoutes(engine: Engine): Router {
  const router = Router();
  router.use(['/definition-drafts', '/definitions/:entity/draft', '/definitions/:entity/migrations'], (_req, res, next) => {
    requireRole(res, 'admin');
    next();
  });

  router.get('/definition-drafts', async (_req, res) => {
    res.json(await engine.drafts.list());
  });

  router.get('/definitions/:entity/draft', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const draft = await engine.drafts.get(entity);
    // No draft is an answer, not an error: the editor asks every time it opens.
    if (!draft) res.status(204).end();
    else res.json(draft);
  });

  router.put('/definitions/:entity/draft', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const input = readDraftInput(req);
    res.json(await engine.drafts.save(entity, input, actorOf(res)));
  });

  router.delete('/definitions/:entity/draft', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const { version } = readDraftVersionQuery(req);
    await engine.drafts.discard(entity, version);
    res.status(204).end();
  });

  router.post('/definitions/:entity/migrations/preview', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    res.json(await engine.migrations.preview(entity, readMigrationInput(req)));
  });

  router.post('/definitions/:entity/migrations', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const job = await engine.migrations.start(entity, readMigrationInput(req), actorOf(res));
    res.location(`${req.baseUrl}/definitions/${encodeURIComponent(entity)}/migrations/${job._id}`).status(202).json(job);
  });

  router.get('/definitions/:entity/migrations', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    res.json(await engine.migrations.list(entity));
  });

  router.get('/definitions/:entity/migrations/:id', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    res.json(await engine.migrations.get(entity, id));
  });

  return router;
}
