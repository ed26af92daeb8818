/** Record CRUD: list, create, read, patch, delete. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { assertVisible, visibleRecord, withScope, type RecordPolicy } from './authorize.js';
import { contract, queryParameters, serve, type Answer } from './contract.js';
import { parseListQuery } from './list-query.js';
import { paramRef, ref } from './openapi-common.js';
import { recordPage } from './openapi-entity.js';
import { parseInclude, RECORD_QUERY, recordInclude, withExtras } from './record-include.js';
import { expectedVersion, forReader, sendRecord } from './record-response.js';
import { CREATE_BODY, LIST_QUERY, PATCH_BODY, readListQuery, VERSION_QUERY } from './request-schemas.js';
import { ENTITY_NAME, RECORD_ID } from './validate-request.js';

const BY_ENTITY = { entity: ENTITY_NAME } as const;
const RECORD = { entity: ENTITY_NAME, id: RECORD_ID } as const;
const write = { 400: 'invalid-request, malformed-json', 403: 'forbidden', 404: 'unknown-entity, not-found' };
const theRecord = (description: string, schema: unknown): Answer => ({ description, schema });

// The list, one record and a delete read their query through readers compiled from the same
// schemas (./list-query.ts, ./record-include.ts, ./record-response.ts): documented from them.
const listRecords = contract({
  method: 'get',
  path: '/records/:entity',
  operationId: 'list{Name}',
  tags: ['records'],
  params: BY_ENTITY,
  otherParameters: queryParameters(LIST_QUERY),
  responses: { 200: { description: 'A page of records', schema: ref('RecordPage') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity, not-found' },
  perEntity: ({ name }) => ({ responses: { 200: { description: 'A page of records', schema: recordPage(ref(`${name}Record`)) } } }),
});

const createRecord = contract({
  method: 'post',
  path: '/records/:entity',
  operationId: 'create{Name}',
  tags: ['records'],
  params: BY_ENTITY,
  body: CREATE_BODY,
  responses: { 201: theRecord('The record, with ETag "<version>"', ref('AnyRecord')) },
  problems: { ...write, 422: 'validation-failed, required-fields-missing' },
  perEntity: ({ name }) => ({
    body: { ...CREATE_BODY, properties: { ...CREATE_BODY.properties, data: ref(`${name}Data`) } },
    responses: { 201: theRecord(`The record, with ETag "<version>"`, ref(`${name}Record`)) },
  }),
});

const getRecord = contract({
  method: 'get',
  path: '/records/:entity/:id',
  operationId: 'get{Name}',
  tags: ['records'],
  params: RECORD,
  otherParameters: queryParameters(RECORD_QUERY),
  responses: { 200: theRecord('The record, with ETag "<version>"', ref('AnyRecord')) },
  problems: { 400: 'invalid-request', 404: 'unknown-entity, not-found' },
  perEntity: ({ name }) => ({ responses: { 200: theRecord('The record, with ETag "<version>"', ref(`${name}Record`)) } }),
});

const updateRecord = contract({
  method: 'patch',
  path: '/records/:entity/:id',
  operationId: 'update{Name}',
  tags: ['records'],
  description: 'Top-level merge patch of the data: a field set to null is removed.',
  params: RECORD,
  body: PATCH_BODY,
  responses: { 200: theRecord('The record, with ETag "<version>"', ref('AnyRecord')) },
  problems: { ...write, 409: 'version-conflict', 422: 'validation-failed, required-fields-missing' },
  perEntity: ({ name }) => ({ responses: { 200: theRecord('The record, with ETag "<version>"', ref(`${name}Record`)) } }),
});

const deleteRecord = contract({
  method: 'delete',
  path: '/records/:entity/:id',
  operationId: 'delete{Name}',
  tags: ['records'],
  params: RECORD,
  otherParameters: [...queryParameters(VERSION_QUERY), paramRef('IfMatch')],
  responses: { 204: { description: 'Deleted' } },
  problems: { ...write, 409: 'version-conflict' },
  perEntity: () => ({}),
});

/** The contracts of the routes below (the OpenAPI document is made of them, per entity). */
export const recordContracts = [listRecords, createRecord, getRecord, updateRecord, deleteRecord];

/**
 * Routes under `/records/:entity`; each sees only the records its user may see.
 * @example api.use(recordRoutes(engine, policy));
 */
export function recordRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();

  serve(router, listRecords, async ({ params: { entity } }, req, res) => {
    // Read once: the query for the page, its `include` for the extras.
    const raw = readListQuery(req);
    const query = parseListQuery(req, raw);
    const include = parseInclude(raw.include);
    const filter = withScope(query.filter, await policy.scope(userOf(res), entity));
    const { items, total, sum } = await engine.list(entity, { ...query, ...(filter ? { filter } : {}) });
    const reader = userOf(res);
    const shown = (await withExtras(engine, items, include)).map((record) => forReader(record, reader));
    res.json({ items: shown, total, ...(sum === undefined ? {} : { sum }), limit: query.limit, skip: query.skip });
  });

  serve(router, createRecord, async ({ params: { entity }, body: input }, req, res) => {
    await policy.assertMayGive(userOf(res), input);
    const record = await engine.create(entity, input, actorOf(res));
    res.location(`${req.baseUrl}/records/${entity}/${record.id}`);
    sendRecord(res, record, 201);
  });

  serve(router, getRecord, async ({ params: { entity, id } }, req, res) => {
    const include = recordInclude(req);
    sendRecord(res, await withExtras(engine, await visibleRecord(engine, policy, res, entity, id), include));
  });

  serve(router, updateRecord, async ({ params: { entity, id }, body: input }, _req, res) => {
    await assertVisible(engine, policy, res, entity, id);
    sendRecord(res, await engine.update(entity, id, input, actorOf(res)));
  });

  serve(router, deleteRecord, async ({ params: { entity, id } }, req, res) => {
    const version = expectedVersion(req);
    policy.assertMayDelete(userOf(res), await assertVisible(engine, policy, res, entity, id));
    await engine.remove(entity, id, { version }, actorOf(res));
    res.status(204).end();
  });

  return router;
}
