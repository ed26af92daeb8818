/** `GET /records/:entity/:id/related`: what a record points to, what points to it, and its record views. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { userOf } from './auth.js';
import { assertVisible, type RecordPolicy } from './authorize.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { ENTITY_NAME, RECORD_ID } from './validate-request.js';

const getRelated = contract({
  method: 'get',
  path: '/records/:entity/:id/related',
  operationId: 'get{Name}Related',
  tags: ['records'],
  description: 'What the record points to through its x-ref fields, the records of every entity pointing at it (newest first), and the record views pack.json declares for its entity: one call per record page.',
  params: { entity: ENTITY_NAME, id: RECORD_ID },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { limit: { type: 'integer', minimum: 1, maximum: 50, description: 'records per group of records pointing here (default 10)' } },
  },
  responses: { 200: { description: 'The related records', schema: ref('RelatedRecords') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity, not-found' },
  perEntity: ({ entity }) => ({ summary: `Records related to a ${entity}` }),
});

/** The contracts of the routes below (the OpenAPI document is made of them, per entity). */
export const relatedContracts = [getRelated];

/** @example api.use(relatedRoutes(engine, policy)); */
export function relatedRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  serve(router, getRelated, async ({ params: { entity, id }, query: { limit } }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    const user = userOf(res);
    const scope = (of: string) => policy.scope(user, of);
    const sees = (record: { entity: string; id: string; owner?: string; handler?: string }) => policy.sees(user, record);
    res.json(await engine.relatedRecords(entity, id, { scope, sees, ...(limit === undefined ? {} : { limit }) }));
  });
  return router;
}
