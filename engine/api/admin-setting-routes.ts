/**
 * The routes of a setting admins edit in place of the packs' (../runtime/admin-setting.ts:
 * the assignment rules, the dashboards): `GET` it, `PUT` the whole list naming the version
 * it was based on, `DELETE` back to the packs' (naming the version too). Admins only. The
 * list is checked item by item by its book; here only its envelope. Also its OpenAPI paths.
 */
import { Router } from 'express';
import type { JSONSchema } from 'json-schema-to-ts';
import { actorOf } from './auth.js';
import { contract, serve, type RouteContract } from './contract.js';

/** What the routes ask of a setting's book. */
export interface SettingBook {
  current(): Promise<unknown>;
  save(value: unknown, version: number, actor: string): Promise<unknown>;
  reset(version: number): Promise<unknown>;
}

export interface SettingRoute {
  /** The route below /api: `/assignment-rules`. */
  path: string;
  /** The body field holding the list: `rules`. */
  field: string;
  maxItems: number;
}

/** How a setting's routes are documented: `view` is what each answers, the words name it. */
export interface SettingDoc {
  tag: string;
  operation: string;
  view: Record<string, unknown>;
  describe: { get: string; put: string; reset: string };
  answers: { get: string; put: string; reset: string };
}

/** The body of a save: the list in `field`, and the version it was based on. */
function saveBody(route: SettingRoute): JSONSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: [route.field, 'version'],
    properties: {
      [route.field]: { type: 'array', maxItems: route.maxItems, items: { type: 'object' } },
      version: { type: 'integer', minimum: 0, description: 'the version the edit was based on' },
    },
  };
}

/** The three routes of a setting (admins only): read it, replace it, go back to the packs'. */
export function settingContracts(route: SettingRoute, doc: SettingDoc) {
  const common = { path: route.path, tags: [doc.tag], roles: ['admin'] as const };
  return {
    get: contract({ ...common, method: 'get', operationId: `get${doc.operation}`, description: doc.describe.get, responses: { 200: { description: doc.answers.get, schema: doc.view } } }),
    put: contract({
      ...common,
      method: 'put',
      operationId: `save${doc.operation}`,
      description: doc.describe.put,
      body: saveBody(route),
      responses: { 200: { description: doc.answers.put, schema: doc.view } },
      problems: { 400: 'invalid-request', 409: 'version-conflict', 422: 'validation-failed' },
    }),
    reset: contract({
      ...common,
      method: 'delete',
      operationId: `reset${doc.operation}`,
      description: doc.describe.reset,
      query: { type: 'object', additionalProperties: false, required: ['version'], properties: { version: { type: 'integer', minimum: 0 } } },
      responses: { 200: { description: doc.answers.reset, schema: doc.view } },
      problems: { 400: 'invalid-request', 409: 'version-conflict' },
    }),
  };
}

/** Every contract of a setting, for the document. */
export const settingContractList = (contracts: ReturnType<typeof settingContracts>): RouteContract[] => [contracts.get, contracts.put, contracts.reset] as RouteContract[];

/** @example api.use(settingRoutes(ASSIGNMENT_RULES_ROUTE, settingContracts(ASSIGNMENT_RULES_ROUTE, doc), () => engine.assignmentRules)); */
export function settingRoutes(route: SettingRoute, contracts: ReturnType<typeof settingContracts>, book: () => SettingBook): Router {
  const router = Router();
  serve(router, contracts.get, async (_input, _req, res) => {
    res.json(await book().current());
  });
  serve(router, contracts.put, async ({ body }, _req, res) => {
    const save = body as Record<string, unknown> & { version: number };
    res.json(await book().save(save[route.field], save.version, actorOf(res)));
  });
  serve(router, contracts.reset, async ({ query }, _req, res) => {
    res.json(await book().reset(query.version));
  });
  return router;
}
