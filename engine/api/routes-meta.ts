/** Health, this API's own document, and the workspace's navigation. */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import type { OpenApiDocument } from './openapi.js';

const health = contract({
  method: 'get',
  path: '/health',
  operationId: 'health',
  tags: ['meta'],
  roles: 'public',
  responses: { 200: { description: 'The server is up', schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } } } },
});

const openApi = contract({
  method: 'get',
  path: '/openapi.json',
  operationId: 'openapi',
  tags: ['meta'],
  roles: 'public',
  description: 'This document, for the definitions the engine holds now.',
  responses: { 200: { description: 'This document', schema: { type: 'object' } } },
});

const navigation = contract({
  method: 'get',
  path: '/navigation',
  operationId: 'navigation',
  tags: ['meta'],
  summary: "The workspace's groups of entities",
  description: 'The packs’ groups (pack.json `navigation`) in the order of the business, each entity with its labels; entities in no group come last under "other".',
  responses: {
    200: {
      description: 'The groups',
      schema: {
        type: 'object',
        required: ['groups'],
        properties: {
          groups: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'labels', 'entities'],
              properties: {
                id: { type: 'string' },
                labels: ref('Labels'),
                entities: { type: 'array', items: { type: 'object', required: ['entity'], properties: { entity: { type: 'string' }, labels: ref('Labels') } } },
              },
            },
          },
        },
      },
    },
  },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const metaContracts = [health, openApi, navigation];

/**
 * `GET /health`, `GET /openapi.json` (from `document`), `GET /navigation`.
 * @example api.use(metaRoutes(engine, openApiSource(engine)));
 */
export function metaRoutes(engine: Engine, document: () => Promise<OpenApiDocument>): Router {
  const router = Router();
  serve(router, health, (_input, _req, res) => {
    res.json({ status: 'ok' });
  });
  serve(router, openApi, async (_input, _req, res) => {
    res.json(await document());
  });
  serve(router, navigation, async (_input, _req, res) => {
    res.json(await engine.navigation());
  });
  return router;
}
