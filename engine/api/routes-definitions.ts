/** Reading, checking and saving entity definitions (the designer's side of the API). */
import { Router } from 'express';
import type { EntityDefinition } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { requireRole } from './authorize.js';
import { readDefinitionInput, readVersionQuery } from './request-schemas.js';
import { routeParams } from './validate-request.js';
import { UserError } from '../errors.js';

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

  router.get('/definitions', async (_req, res) => {
    res.json((await engine.listDefinitions()).map(listItem));
  });

  router.get('/definitions/:entity', async (req, res) => {
    const { entity } = routeParams(req, 'entity');
    const { version } = readVersionQuery(req);
    res.json(detail(await engine.getDefinition(entity, version)));
  });

  router.post('/definitions/:entity/validate', async (req, res) => {
    requireRole(res, 'admin');
    const { entity } = routeParams(req, 'entity');
    const input = readDefinitionInput(req);
    const issues = await engine.validateDefinition(entity, input);
    res.json({ valid: issues.length === 0, issues });
  });

  router.put('/definitions/:entity', async (req, res) => {
    requireRole(res, 'admin');
    const { entity } = routeParams(req, 'entity');
    const input = readDefinitionInput(req);
    if (input.baseVersion === undefined && (await engine.listDefinitions()).some((d) => d.entity === entity)) {
      throw new UserError('invalid-request', `Name the version your change was made on: "${entity}" exists, and a save over another person's version must be a conflict, not an overwrite`, {
        issues: [{ pointer: '/body/baseVersion', message: 'is required to save over an existing entity (the version the change was made on)' }],
      });
    }
    res.json(detail(await engine.saveDefinition(entity, input, actorOf(res))));
  });

  return router;
}
