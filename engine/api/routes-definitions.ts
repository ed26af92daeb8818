/** Reading, checking and saving entity definitions (the designer's side of the API). */
import { Router } from 'express';
import type { EntityDefinition, EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { DEFINITION_INPUT } from './request-schemas.js';
import { ENTITY_NAME } from './validate-request.js';
import { UserError } from '../errors.js';

const byEntity = { entity: ENTITY_NAME } as const;
const badRequest = { 400: 'invalid-request, malformed-json' };

const listDefinitions = contract({
  method: 'get',
  path: '/definitions',
  operationId: 'listDefinitions',
  tags: ['definitions'],
  responses: { 200: { description: 'Latest version of every entity', schema: { type: 'array', items: ref('DefinitionSummary') } } },
});

const getDefinition = contract({
  method: 'get',
  path: '/definitions/:entity',
  operationId: 'getDefinition',
  tags: ['definitions'],
  params: byEntity,
  query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
  responses: { 200: { description: 'The definition', schema: ref('Definition') } },
  problems: { ...badRequest, 404: 'unknown-entity' },
});

const validateDefinition = contract({
  method: 'post',
  path: '/definitions/:entity/validate',
  operationId: 'validateDefinition',
  tags: ['definitions'],
  roles: ['admin'],
  params: byEntity,
  body: DEFINITION_INPUT,
  responses: { 200: { description: 'Whether the candidate is valid, and its issues', schema: { type: 'object', required: ['valid', 'issues'], properties: { valid: { type: 'boolean' }, issues: { type: 'array', items: ref('Issue') } } } } },
  problems: badRequest,
});

const saveDefinition = contract({
  method: 'put',
  path: '/definitions/:entity',
  operationId: 'saveDefinition',
  tags: ['definitions'],
  roles: ['admin'],
  params: byEntity,
  body: DEFINITION_INPUT,
  responses: { 200: { description: 'The new version', schema: ref('Definition') } },
  problems: { ...badRequest, 409: 'version-conflict', 422: 'invalid-definition' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const definitionContracts = [listDefinitions, getDefinition, validateDefinition, saveDefinition];

/** A definition as sent: its schema and machine are checked by the engine, not by the route. */
const asInput = (body: { schema: object; machine: object; summary?: string; baseVersion?: number }) =>
  body as { schema: EntitySchema; machine: MachineConfig; summary?: string; baseVersion?: number };

/** One line of the definitions list. */
function listItem(d: EntityDefinition) {
  return {
    entity: d.entity,
    version: d.version,
    pack: d.pack,
    labels: d.schema['x-labels'],
    hash: d.hash,
    createdAt: d.createdAt,
  };
}

/** A definition in full, as the designer edits it. */
function detail(d: EntityDefinition) {
  return {
    entity: d.entity,
    version: d.version,
    pack: d.pack,
    hash: d.hash,
    schema: d.schema,
    machine: d.machine,
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    summary: d.summary,
  };
}

/**
 * Routes under `/definitions`. Validation problems of a candidate are the answer of
 * `POST …/validate` (200), but the error of `PUT` (422 `invalid-definition`).
 * @example api.use(definitionRoutes(engine));
 */
export function definitionRoutes(engine: Engine): Router {
  const router = Router();

  serve(router, listDefinitions, async (_input, _req, res) => {
    res.json((await engine.listDefinitions()).map(listItem));
  });

  serve(router, getDefinition, async ({ params: { entity }, query: { version } }, _req, res) => {
    res.json(detail(await engine.getDefinition(entity, version)));
  });

  serve(router, validateDefinition, async ({ params: { entity }, body }, _req, res) => {
    const issues = await engine.validateDefinition(entity, asInput(body));
    res.json({ valid: issues.length === 0, issues });
  });

  serve(router, saveDefinition, async ({ params: { entity }, body }, _req, res) => {
    const input = asInput(body);
    if (input.baseVersion === undefined && (await engine.listDefinitions()).some((d) => d.entity === entity)) {
      throw new UserError('invalid-request', `Name the version your change was made on: "${entity}" exists, and a save over another person's version must be a conflict, not an overwrite`, {
        issues: [{ pointer: '/body/baseVersion', message: 'is required to save over an existing entity (the version the change was made on)' }],
      });
    }
    res.json(detail(await engine.saveDefinition(entity, input, actorOf(res))));
  });

  return router;
}
