/** What the designer shows about an entity beside its definition: versions and records per stage. */
import { requireRole } from './authorize.js';
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { routeParams } from './validate-request.js';

/**
 * `GET /definitions/:entity/history` (every version, newest first, with its summary) and
 * `GET /definitions/:entity/stage-counts` (records per stage and definition version).
 * @example api.use(definitionHistoryRoutes(engine));
 */
export function definitionHistoryRoutes(engine: Engine): Router {
  const router = Router();

  router.get('/definitions/:entity/history', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const versions = await engine.definitionHistory(entity);
    res.json(
      versions.map((v) => ({
        entity: v.entity,
        version: v.version,
        pack: v.pack,
        hash: v.hash,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        ...(v.summary === undefined ? {} : { summary: v.summary }),
      })),
    );
  });

  router.get('/definitions/:entity/stage-counts', async (req, res) => {
    // Counts over every record of the entity: for those who see every record.
    requireRole(res, 'admin', 'manager');
    const { entity } = routeParams(req, 'entity');
    const counts = await engine.stageCounts(entity);
    res.json({ entity, total: counts.reduce((sum, c) => sum + c.count, 0), counts });
  });

  return router;
}
