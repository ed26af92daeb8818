/** Moving a record along: send an event, tick an activity, hand it over, read the timeline. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { assertVisible, type RecordPolicy } from './authorize.js';
import { sendRecord } from './record-response.js';
import { readActivity, readAssign, readEvent } from './request-schemas.js';
import { invalidRequest, routeParams } from './validate-request.js';

/**
 * Routes under `/records/:entity/:id/…`.
 * @example api.use(recordStepRoutes(engine, policy));
 */
export function recordStepRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();

  router.post('/records/:entity/:id/events', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const event = readEvent(req);
    await assertVisible(engine, policy, res, entity, id);
    sendRecord(res, await engine.send(entity, id, event, actorOf(res)));
  });

  router.post('/records/:entity/:id/activities/:activity', async (req, res) => {
    const { entity, id, activity } = routeParams(req, 'entity', 'id', 'activity');
    const { done, version } = readActivity(req);
    await assertVisible(engine, policy, res, entity, id);
    sendRecord(res, await engine.setActivity(entity, id, { activity, done, version }, actorOf(res)));
  });

  router.post('/records/:entity/:id/assign', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    const input = readAssign(req);
    if (input.owner === undefined && input.handler === undefined) {
      throw invalidRequest([{ pointer: '/body', message: 'must name an owner or a handler to hand the record to' }]);
    }
    const record = await assertVisible(engine, policy, res, entity, id);
    await policy.assertMayReassign(userOf(res), record, input);
    sendRecord(res, await engine.assign(entity, id, input, actorOf(res)));
  });

  router.get('/records/:entity/:id/timeline', async (req, res) => {
    const { entity, id } = routeParams(req, 'entity', 'id');
    await assertVisible(engine, policy, res, entity, id);
    res.json({ items: await engine.timeline(entity, id) });
  });

  return router;
}
