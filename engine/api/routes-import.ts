/**
 * `POST /records/:entity/import`: many records at once, all or nothing (a CSV import).
 * Mounted before the API's 1 MB JSON parser, with its own larger limit: a file of a few
 * thousand rows is bigger than any other request.
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { contract, serve } from './contract.js';
import { jsonBodyParser } from './json-input.js';
import type { RecordPolicy } from './authorize.js';
import { ref } from './openapi-common.js';
import { IMPORT_BODY } from './request-schemas.js';
import { ENTITY_NAME } from './validate-request.js';
import { IMPORT_ROW_LIMIT } from '../runtime/core/index.js';

/** The most an import body may weigh (5,000 rows of a few kB each). */
export const IMPORT_BODY_LIMIT = '20mb';

const importRecords = contract({
  method: 'post',
  path: '/records/:entity/import',
  operationId: 'import{Name}',
  tags: ['records'],
  description:
    `Every row is checked as a single create is (schema, the initial stage's required fields, data actions). ` +
    `When any row fails, nothing is written and the 422 problem lists every issue with a pointer into the rows ` +
    `(\`/rows/3/data/phone\`). Otherwise all records are written in one commit. At most ${IMPORT_ROW_LIMIT} rows; ` +
    `the body may weigh up to 20 MB. \`dryRun: true\` only checks.`,
  params: { entity: ENTITY_NAME },
  body: IMPORT_BODY,
  responses: {
    200: { description: 'A dry run: every row is valid; nothing was written', schema: ref('ImportChecked') },
    201: { description: 'Every row was imported', schema: ref('ImportDone') },
  },
  problems: {
    400: 'invalid-request (not an array, too many rows), malformed-json',
    403: 'forbidden',
    404: 'unknown-entity',
    413: 'invalid-request: the body is over 20 MB',
    422: 'import-rejected: the errors point at the failing rows and fields; nothing was written',
  },
  perEntity: ({ entity, name }) => ({
    summary: `Create many ${entity} records, all or nothing`,
    body: {
      ...IMPORT_BODY,
      properties: {
        ...IMPORT_BODY.properties,
        rows: { ...IMPORT_BODY.properties.rows, maxItems: IMPORT_ROW_LIMIT, items: { ...IMPORT_BODY.properties.rows.items, properties: { ...IMPORT_BODY.properties.rows.items.properties, data: ref(`${name}Data`) } } },
      },
    },
  }),
});

/** The contracts of the routes below (the OpenAPI document is made of them, per entity). */
export const importContracts = [importRecords];

/**
 * The import route, with its own body parser; mount it before the global JSON parser
 * (it skips a body already parsed, so the order is all that matters).
 * @example api.use(importRoutes(engine, policy)); api.use(jsonBodyParser('1mb'));
 */
export function importRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  serve(
    router,
    importRecords,
    async ({ params: { entity }, body: { rows, dryRun = false } }, _req, res) => {
      const user = userOf(res);
      for (const [index, row] of rows.entries()) await policy.assertMayGive(user, { owner: row.owner, handler: row.handler }, `/body/rows/${index}`);
      const result = await engine.importRecords(entity, [...rows], actorOf(res), { dryRun });
      if (result.dryRun) res.json({ dryRun: true, valid: result.count });
      else res.status(201).json({ imported: result.count, ids: result.ids });
    },
    [jsonBodyParser(IMPORT_BODY_LIMIT)],
  );
  return router;
}
