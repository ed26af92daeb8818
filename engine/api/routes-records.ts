/** Record CRUD: list, create, read, patch, delete. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { assertVisible, visibleRecord, withScope, type RecordPolicy } from './authorize.js';
import { parseListQuery } from './list-query.js';
import { listInclude, recordInclude, withExtras } from './record-include.js';
import { expectedVersion, forReader, sendRecord } from './record-response.js';
import { readCreateRecord, readPatchRecord } from './request-schemas.js';
import { routeParams } from './validate-request.js';

/**
 * Routes under `/records/:entity`; each sees only the records its user may see.
 * @example api.use(recordRoutes(engine, policy));
 */
export function recordRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();

  router.get('/records/:entity', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const query = parseListQuery(req);
    const include = listInclude(req);
    const filter = withScope(query.filter, await policy.scope(userOf(res), entity));
    const { items, total, sum } = await engine.list(entity, { ...query, ...(filter ? { filter } : {}) });
    const reader = userOf(res);
    const shown = (await withExtras(engine, items, include)).map((record) => forReader(record, reader));
    res.json({ items: shown, total, ...(sum === undefined ? {} : { sum }), limit: query.limit, skip: query.skip });
  });

  router.post('/records/:entity', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const input = readCreateRecord(req);
    await policy.assertMayGive(userOf(res), input);
    const record = await engine.create(entity, input, actorOf(res));
    res.location(`${req.baseUrl}/records/${entity}/${record.id}`);
    sendRecord(res, record, 201);
  });

  router.get('/records/:entity/:id', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const include = recordInclude(req);
    sendRecord(res, await withExtras(engine, await visibleRecord(engine, policy, res, entity, id), include));
  });

  router.patch('/records/:entity/:id', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const input = readPatchRecord(req);
    await assertVisible(engine, policy, res, entity, id);
    sendRecord(res, await engine.update(entity, id, input, actorOf(res)));
  });

  router.delete('/records/:entity/:id', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const version = expectedVersion(req);
    policy.assertMayDelete(userOf(res), await assertVisible(engine, policy, res, entity, id));
    await engine.remove(entity, id, { version }, actorOf(res));
    res.status(204).end();
  });

  return router;
}
