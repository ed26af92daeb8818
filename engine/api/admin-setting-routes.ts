/**
 * The routes of a setting admins edit in place of the packs' (../runtime/admin-setting.ts:
 * the assignment rules, the dashboards): `GET` it, `PUT` the whole list naming the version
 * it was based on, `DELETE` back to the packs' (naming the version too). Admins only. The
 * list is checked item by item by its book; here only its envelope. Also its OpenAPI paths.
 */
import { Router } from 'express';
import { actorOf } from './auth.js';
import { requireRole } from './authorize.js';
import { jsonResponse, problems, WRITE_SECURITY } from './openapi-common.js';
import { bodyReader, queryReader } from './validate-request.js';

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

export const RESET_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: { version: { type: 'integer', minimum: 0 } },
};
const readReset = queryReader<{ version: number }>(RESET_QUERY);

/** The body of a save: the list in `field`, and the version it was based on. */
export function saveBody(route: SettingRoute) {
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

/** @example api.use(settingRoutes({ path: '/assignment-rules', field: 'rules', maxItems: 200 }, () => engine.assignmentRules)); */
export function settingRoutes(route: SettingRoute, book: () => SettingBook): Router {
  const readSave = bodyReader<Record<string, unknown> & { version: number }>(saveBody(route));
  const router = Router();
  router.get(route.path, async (_req, res) => {
    requireRole(res, 'admin');
    res.json(await book().current());
  });
  router.put(route.path, async (req, res) => {
    requireRole(res, 'admin');
    const body = readSave(req);
    res.json(await book().save(body[route.field], body.version, actorOf(res)));
  });
  router.delete(route.path, async (req, res) => {
    requireRole(res, 'admin');
    const { version } = readReset(req);
    res.json(await book().reset(version));
  });
  return router;
}

/** The OpenAPI paths of a setting's routes: `view` is what each answers, `words` name it. */
export function settingPaths(
  route: SettingRoute,
  doc: { tag: string; operation: string; view: Record<string, unknown>; describe: { get: string; put: string; reset: string }; answers: { get: string; put: string; reset: string } },
): Record<string, unknown> {
  const common = { tags: [doc.tag], security: WRITE_SECURITY };
  return {
    [`/api${route.path}`]: {
      get: { ...common, operationId: `get${doc.operation}`, description: doc.describe.get, responses: { 200: jsonResponse(doc.answers.get, doc.view), ...problems({ 401: 'unauthenticated', 403: 'forbidden' }) } },
      put: {
        ...common,
        operationId: `save${doc.operation}`,
        description: doc.describe.put,
        requestBody: { required: true, content: { 'application/json': { schema: saveBody(route) } } },
        responses: { 200: jsonResponse(doc.answers.put, doc.view), ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden', 409: 'version-conflict', 422: 'validation-failed' }) },
      },
      delete: {
        ...common,
        operationId: `reset${doc.operation}`,
        description: doc.describe.reset,
        parameters: Object.entries(RESET_QUERY.properties).map(([name, schema]) => ({ name, in: 'query', required: true, schema })),
        responses: { 200: jsonResponse(doc.answers.reset, doc.view), ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden', 409: 'version-conflict' }) },
      },
    },
  };
}
