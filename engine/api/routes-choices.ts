/** `GET /records/:entity/choices`: records for a reference picker, by name, as title + stage. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { userOf } from './auth.js';
import type { RecordPolicy } from './authorize.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { ENTITY_NAME, invalidRequest, RECORD_ID } from './validate-request.js';

export const CHOICE_IDS_MAX = 50;
const DEFAULT_LIMIT = 10;

const listChoices = contract({
  method: 'get',
  path: '/records/:entity/choices',
  operationId: 'list{Name}Choices',
  tags: ['records'],
  description: 'Records the reader may see, newest change first, whose title fields contain `q` (ignoring case and Vietnamese marks: "nguyen" finds "Nguyễn"), or the records `ids` names, in that order (ids the reader may not see are left out). Each as title + stage.',
  params: { entity: ENTITY_NAME },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      q: { type: 'string', maxLength: 100, description: 'text to find in the records’ title fields, ignoring case and Vietnamese marks' },
      ids: { type: 'string', maxLength: CHOICE_IDS_MAX * 101, description: `comma-separated ids (at most ${CHOICE_IDS_MAX}) to name, in the order given` },
      limit: { type: 'integer', minimum: 1, maximum: CHOICE_IDS_MAX, description: `most records returned (default ${DEFAULT_LIMIT})` },
    },
  },
  responses: { 200: { description: 'The records found', schema: ref('RecordChoices') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
  perEntity: ({ entity }) => ({ summary: `${entity} records for a reference picker` }),
});

/** The contracts of the routes below (the OpenAPI document is made of them, per entity). */
export const choiceContracts = [listChoices];

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

/** @example api.use(choiceRoutes(engine, policy)); */
export function choiceRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  serve(router, listChoices, async ({ params: { entity }, query }, _req, res) => {
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
