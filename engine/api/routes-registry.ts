/** The guards and actions definitions may name (the designer's pickers). */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';

const listGuards = contract({
  method: 'get',
  path: '/guards',
  operationId: 'listGuards',
  tags: ['registry'],
  responses: { 200: { description: 'Registered guards', schema: { type: 'array', items: ref('RegistryEntry') } } },
});

const listActions = contract({
  method: 'get',
  path: '/actions',
  operationId: 'listActions',
  tags: ['registry'],
  responses: { 200: { description: 'Registered actions', schema: { type: 'array', items: ref('RegistryEntry') } } },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const registryContracts = [listGuards, listActions];

/**
 * @example api.use(registryRoutes(engine));
 */
export function registryRoutes(engine: Engine): Router {
  const router = Router();
  serve(router, listGuards, (_input, _req, res) => {
    res.json(engine.listGuards());
  });
  serve(router, listActions, (_input, _req, res) => {
    res.json(engine.listActions());
  });
  return router;
}
