/** What the designer shows about an entity beside its definition: versions and records per stage. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { ENTITY_NAME } from './validate-request.js';

const definitionHistory = contract({
  method: 'get',
  path: '/definitions/:entity/history',
  operationId: 'definitionHistory',
  tags: ['definitions'],
  params: { entity: ENTITY_NAME },
  responses: { 200: { description: 'Every version, newest first, without schema and machine', schema: { type: 'array', items: ref('DefinitionVersion') } } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
});

const stageCounts = contract({
  method: 'get',
  path: '/definitions/:entity/stage-counts',
  operationId: 'stageCounts',
  tags: ['definitions'],
  description: 'Counts over every record of the entity: for those who see every record.',
  roles: ['admin', 'manager'],
  params: { entity: ENTITY_NAME },
  responses: {
    200: {
      description: 'Records per stage and definition version',
      schema: {
        type: 'object',
        required: ['entity', 'total', 'counts'],
        properties: {
          entity: { type: 'string' },
          total: { type: 'integer' },
          counts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['stage', 'version', 'count', 'live'],
              properties: { stage: { type: 'string' }, version: { type: 'integer' }, count: { type: 'integer' }, live: { type: 'integer', description: 'of them, records still under way (not in an end stage)' } },
            },
          },
        },
      },
    },
  },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const definitionHistoryContracts = [definitionHistory, stageCounts];

/**
 * `GET /definitions/:entity/history` (every version, newest first, with its summary) and
 * `GET /definitions/:entity/stage-counts` (records per stage and definition version).
 * @example api.use(definitionHistoryRoutes(engine));
 */
export function definitionHistoryRoutes(engine: Engine): Router {
  const router = Router();

  serve(router, definitionHistory, async ({ params: { entity } }, _req, res) => {
    const versions = await engine.definitionHistory(entity);
    res.json(
      versions.map((v) => ({
        entity: v.entity,
        version: v.version,
        pack: v.pack,
        hash: v.hash,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        ...(v.summary === undefined ? {} : { summary: v.summary }),
      })),
    );
  });

  serve(router, stageCounts, async ({ params: { entity } }, _req, res) => {
    const counts = await engine.stageCounts(entity);
    res.json({ entity, total: counts.reduce((sum, c) => sum + c.count, 0), counts });
  });

  return router;
}
