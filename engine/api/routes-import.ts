/**
 * `POST /records/:entity/import`: many records at once, all or nothing (a CSV import).
 * Mounted before the API's 1 MB JSON parser, with its own larger limit: a file of a few
 * thousand rows is bigger than any other request.
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import { jsonBodyParser } from './json-input.js';
import type { RecordPolicy } from './authorize.js';
import { readImportRecords } from './request-schemas.js';
import { routeParams } from './validate-request.js';

/** The most an import body may weigh (5,000 rows of a few kB each). */
export const IMPORT_BODY_LIMIT = '20mb';

/**
 * The import route, with its own body parser; mount it before the global JSON parser
 * (it skips a body already parsed, so the order is all that matters).
 * @example api.use(importRoutes(engine, policy)); api.use(jsonBodyParser('1mb'));
 */
export function importRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  const parseBody = jsonBodyParser(IMPORT_BODY_LIMIT);

  router.post('/records/:entity/import', parseBody, async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const { rows, dryRun = false } = readImportRecords(req);
    const user = userOf(res);
    for (const [index, row] of rows.entries()) await policy.assertMayGive(user, { owner: row.owner, handler: row.handler }, `/body/rows/${index}`);
    const result = await engine.importRecords(entity, rows, actorOf(res), { dryRun });
    if (result.dryRun) res.json({ dryRun: true, valid: result.count });
    else res.status(201).json({ imported: result.count, ids: result.ids });
  });

  return router;
}
