/** Moving a record along: send an event, tick an activity, hand it over, read the timeline. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { assertVisible, type RecordPolicy } from './authorize.js';
import { contract, serve, type Answer } from './contract.js';
import { ref } from './openapi-common.js';
import { sendRecord } from './record-response.js';
import { ACTIVITY_BODY, ASSIGN_BODY, EVENT_BODY } from './request-schemas.js';
import { ENTITY_NAME, invalidRequest, RECORD_ID } from './validate-request.js';

const RECORD = { entity: ENTITY_NAME, id: RECORD_ID } as const;
const notFound = { 400: 'invalid-request, malformed-json', 403: 'forbidden', 404: 'unknown-entity, not-found' };
/** The record after the step, documented with each entity's own record schema. */
const theRecord = (name: string): Record<number, Answer> => ({ 200: { description: 'The record, with ETag "<version>"', schema: ref(`${name}Record`) } });
const ANY_RECORD: Record<number, Answer> = { 200: { description: 'The record, with ETag "<version>"', schema: ref('AnyRecord') } };

const sendEvent = contract({
  method: 'post',
  path: '/records/:entity/:id/events',
  operationId: 'send{Name}Event',
  tags: ['records'],
  params: RECORD,
  body: EVENT_BODY,
  responses: ANY_RECORD,
  problems: { ...notFound, 409: 'version-conflict, event-not-allowed', 422: 'validation-failed, guard-refused, required-fields-missing' },
  perEntity: ({ name }) => ({ body: ref(`${name}Event`), responses: theRecord(name) }),
});

const setActivity = contract({
  method: 'post',
  path: '/records/:entity/:id/activities/:activity',
  operationId: 'set{Name}Activity',
  tags: ['records'],
  params: { ...RECORD, activity: RECORD_ID },
  body: ACTIVITY_BODY,
  responses: ANY_RECORD,
  problems: { ...notFound, 409: 'version-conflict' },
  perEntity: ({ name, activities }) => ({ responses: theRecord(name), params: { activity: activities.length > 0 ? { enum: activities } : { type: 'string' } } }),
});

const assign = contract({
  method: 'post',
  path: '/records/:entity/:id/assign',
  operationId: 'assign{Name}',
  tags: ['records'],
  description: 'Hand the record to another owner and/or handler (`handler: null` clears it). Admins, managers and operators hand over any record they see; others only their own.',
  params: RECORD,
  body: ASSIGN_BODY,
  responses: ANY_RECORD,
  problems: { ...notFound, 409: 'version-conflict' },
  perEntity: ({ name }) => ({ responses: theRecord(name) }),
});

const timeline = contract({
  method: 'get',
  path: '/records/:entity/:id/timeline',
  operationId: 'get{Name}Timeline',
  tags: ['records'],
  params: RECORD,
  responses: { 200: { description: 'The event log, oldest first', schema: ref('Timeline') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity, not-found' },
  perEntity: () => ({}),
});

/** The contracts of the routes below (the OpenAPI document is made of them, per entity). */
export const recordStepContracts = [sendEvent, setActivity, assign, timeline];

/**
 * Routes under `/records/:entity/:id/…`.
 * @example api.use(recordStepRoutes(engine, policy));
 */
export function recordStepRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();

  serve(router, sendEvent, async ({ params: { entity, id }, body }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    sendRecord(res, await engine.send(entity, id, body, actorOf(res)));
  });

  serve(router, setActivity, async ({ params: { entity, id, activity }, body: { done, version } }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    sendRecord(res, await engine.setActivity(entity, id, { activity, done, version }, actorOf(res)));
  });

  serve(router, assign, async ({ params: { entity, id }, body: input }, _req, res) => {
    if (input.owner === undefined && input.handler === undefined) {
      throw invalidRequest([{ pointer: '/body', message: 'must name an owner or a handler to hand the record to' }]);
    }
    const record = await assertVisible(engine, policy, res, entity, id);
    await policy.assertMayReassign(userOf(res), record, input);
    sendRecord(res, await engine.assign(entity, id, input, actorOf(res)));
  });

  serve(router, timeline, async ({ params: { entity, id } }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    res.json({ items: await engine.timeline(entity, id) });
  });

  return router;
}
