/** `GET /records/:entity/:id/related`: what a record points to, what points to it, and its record views. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { userOf } from './auth.js';
import { assertVisible, type RecordPolicy } from './authorize.js';
import { queryReader, routeParams } from './validate-request.js';

/** The related-records query, as validated here and documented in OpenAPI. */
export const RELATED_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 50, description: 'records per group of records pointing here (default 10)' },
  },
};
const readRelatedQuery = queryReader<{ limit?: number }>(RELATED_QUERY);

/**
 * One call per record page: outgoing and incoming references and the declared views.
 * @example api.use(relatedRoutes(engine, policy));
 */
export function relatedRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  router.get('/records/:entity/:id/related', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const { limit } = readRelatedQuery(req);
    await assertVisible(engine, policy, res, entity, id);
    const user = userOf(res);
    const scope = (of: string) => policy.scope(user, of);
    const sees = (record: { entity: string; id: string; owner?: string; handler?: string }) => policy.sees(user, record);
    res.json(await engine.relatedRecords(entity, id, { scope, sees, ...(limit === undefined ? {} : { limit }) }));
  });
  return router;
}
