/** `GET /records/:entity/choices`: records for a reference picker, by name, as title + stage. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { userOf } from './auth.js';
import type { RecordPolicy } from './authorize.js';
import { invalidRequest, queryReader, RECORD_ID, routeParams } from './validate-request.js';

/** Most ids one request may name. */
export const CHOICE_IDS_MAX = 50;
const DEFAULT_LIMIT = 10;

/** The choices query, as validated here and documented in OpenAPI. */
export const CHOICES_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 100, description: 'text to find in the records’ title fields, ignoring case and Vietnamese marks' },
    ids: { type: 'string', maxLength: CHOICE_IDS_MAX * 101, description: `comma-separated ids (at most ${CHOICE_IDS_MAX}) to name, in the order given` },
    limit: { type: 'integer', minimum: 1, maximum: CHOICE_IDS_MAX, description: `most records returned (default ${DEFAULT_LIMIT})` },
  },
};
const readChoicesQuery = queryReader<{ q?: string; ids?: string; limit?: number }>(CHOICES_QUERY);
const ID = new RegExp(RECORD_ID.pattern);

function parseIds(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = [...new Set(raw.split(',').map((id) => id.trim()))];
  const bad = ids.find((id) => !ID.test(id));
  if (bad !== undefined || ids.length > CHOICE_IDS_MAX)
    throw invalidRequest([
      { pointer: '/query/ids', message: bad !== undefined ? `"${bad.slice(0, 40)}" is not an id: ${RECORD_ID.description}` : `names more than ${CHOICE_IDS_MAX} ids` },
    ]);
  return ids;
}

/**
 * Registered before the record routes, so `choices` is never read as a record id.
 * @example api.use(choiceRoutes(engine, policy));
 */
export function choiceRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  router.get('/records/:entity/choices', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const query = readChoicesQuery(req);
    const ids = parseIds(query.ids);
    const scope = await policy.scope(userOf(res), entity);
    const items = await engine.choices(entity, {
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(ids ? { ids } : {}),
      limit: ids ? ids.length : (query.limit ?? DEFAULT_LIMIT),
      ...(scope ? { scope } : {}),
    });
    res.json({ items });
  });
  return router;
}
