/**
 * One declaration per route (issue 18, Fastify's model): its method and path, path
 * parameters, query, body, answers with their problem types, and who may call it. From
 * that one object come the request's validation (ajv), the route's part of the OpenAPI
 * document (./openapi.ts collects every contract), and the types of what the handler
 * receives (json-schema-to-ts reads the schemas, written `as const`).
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Role } from '../runtime/access/index.js';
import { requireRole } from './authorize.js';
import { userOf } from './auth.js';
import { jsonBody, jsonResponse, problems as problemResponses, WRITE_SECURITY } from './openapi-common.js';
import { assertNoBody, bodyReader, paramsReader, queryReader } from './validate-request.js';

type Json = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Params = Readonly<Record<string, JSONSchema>>;

/** An answer: its description and, for JSON, its schema (or a whole `content` for other types). */
export interface Answer {
  description: string;
  schema?: unknown;
  content?: Json;
  headers?: Json;
}

/** An entity as its copy of a per-entity route is documented. */
export interface EntityRoute {
  entity: string;
  /** Its schemas' name: `travel-request` → `TravelRequest` (`TravelRequestRecord`, …). */
  name: string;
  events: string[];
  activities: string[];
}

/** What an entity's copy of a route documents differently: its own schemas. */
export interface EntityDoc {
  summary?: string;
  body?: unknown;
  responses?: Record<number, Answer>;
  /** Path parameters other than the entity, narrowed (its activities). */
  params?: Record<string, unknown>;
}

export interface RouteContract<P extends Params | undefined = Params | undefined, Q extends JSONSchema | undefined = JSONSchema | undefined, B extends JSONSchema | undefined = JSONSchema | undefined> {
  method: Method;
  /** Express's path below `/api` (`/users/:id`), or from the root with `root: true`. */
  path: string;
  /** Served outside `/api` (public pages: forms, tracked links). */
  root?: boolean;
  operationId: string;
  tags: readonly string[];
  summary?: string;
  description?: string;
  /** Who may call: anyone signed in when omitted; `public`: no session at all. */
  roles?: readonly Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A body the handler reads itself (an HTML form post, or JSON parsed its own way), as the
   * OpenAPI `requestBody` documents it. Without `body` or this, a body is refused.
   */
  rawBody?: Json;
  /**
   * Parameters the handler reads itself, documented as they are (a report's parameters,
   * named by the report): OpenAPI parameter objects.
   */
  otherParameters?: readonly Json[];
  /** The answers other than problems, by status. */
  responses: Record<number, Answer>;
  /** Problems by status and code (`400: 'invalid-request'`); 401 and 403 follow from `roles`. */
  problems?: Record<number, string>;
  /**
   * Documented once per entity (`/api/records/lead/{id}`, tag `lead`, `{Name}` in the
   * operationId replaced: `send{Name}Event` → `sendLeadEvent`) with what differs for it.
   * The route itself serves every entity with the contract's own schemas.
   */
  perEntity?: (entity: EntityRoute) => EntityDoc;
}

/** What a handler receives, typed from its contract's schemas. */
export interface RouteInput<P, Q, B> {
  params: P extends Params ? { [K in keyof P]: FromSchema<P[K]> } : Record<string, never>;
  query: Q extends JSONSchema ? FromSchema<Q> : Record<string, never>;
  body: B extends JSONSchema ? FromSchema<B> : undefined;
}

export type Handler<P, Q, B> = (input: RouteInput<P, Q, B>, req: Request, res: Response) => Promise<void> | void;

/** Declare a route's contract (keeps its schemas' literal types for the handler). */
export function contract<const P extends Params | undefined = undefined, const Q extends JSONSchema | undefined = undefined, const B extends JSONSchema | undefined = undefined>(
  declared: RouteContract<P, Q, B>,
): RouteContract<P, Q, B> {
  return declared;
}

/**
 * Serve `handler` on `router` under `declared`: the caller's role is checked first (403),
 * then the path parameters, the query and the body (400, each problem with its pointer).
 * @example serve(router, getUser, async ({ params }, _req, res) => res.json(await users.get(params.id)));
 */
export function serve<P extends Params | undefined, Q extends JSONSchema | undefined, B extends JSONSchema | undefined>(
  router: Router,
  declared: RouteContract<P, Q, B>,
  handler: NoInfer<Handler<P, Q, B>>,
  /** Middlewares that run first (the parser of a body the handler reads itself). */
  before: RequestHandler[] = [],
): void {
  const readParams = declared.params ? paramsReader(declared.params as Record<string, unknown>) : undefined;
  const readQuery = declared.query ? queryReader(declared.query as Record<string, unknown>) : undefined;
  const readBody = declared.body ? bodyReader(declared.body as Record<string, unknown>) : undefined;
  const { roles } = declared;
  const noBody = !readBody && !declared.rawBody && declared.method !== 'get';
  router[declared.method](declared.path, ...before, async (req: Request, res: Response) => {
    if (Array.isArray(roles)) requireRole(res, ...(roles as Role[]));
    else if (roles !== 'public') userOf(res);
    if (noBody) assertNoBody(req);
    const input = {
      params: readParams ? readParams(req) : {},
      query: readQuery ? readQuery(req) : {},
      body: readBody ? readBody(req) : undefined,
    } as RouteInput<P, Q, B>;
    await handler(input, req, res);
  });
}

/** `/users/:id` → `/api/users/{id}`. */
export function documentedPath(declared: Pick<RouteContract, 'path' | 'root'>): string {
  return `${declared.root ? '' : '/api'}${declared.path.replace(/:(\w+)/g, '{$1}')}`;
}

/**
 * A query schema's properties as OpenAPI parameters (also for a handler that reads its query
 * through a reader compiled from the same schema).
 */
export function queryParameters(schema: unknown): Json[] {
  const query = schema as { properties?: Json; required?: string[] };
  return Object.entries(query.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as Json;
    return { name, in: 'query', required: (query.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

/** Who holds a role, in the plural. */
const HOLDERS: Record<string, string> = { admin: 'admins', manager: 'managers', marketing: 'marketing staff', sales: 'sales staff', operator: 'operators', accountant: 'accountants' };

/** `['admin']` → "Admins only."; `['admin', 'manager']` → "Only admins and managers." */
function whoMay(roles: readonly string[]): string {
  const holders = roles.map((role) => HOLDERS[role] ?? role);
  if (holders.length === 1) return `${holders[0].charAt(0).toUpperCase()}${holders[0].slice(1)} only.`;
  return `Only ${holders.slice(0, -1).join(', ')} and ${holders.at(-1)}.`;
}

/** The OpenAPI operation a contract declares. */
export function operationOf(declared: RouteContract): Json {
  const { roles } = declared;
  const parameters = [...(declared.query ? queryParameters(declared.query) : []), ...(declared.otherParameters ?? [])];
  const denied: Record<number, string> = {};
  if (roles !== 'public') denied[401] = 'unauthenticated';
  if (Array.isArray(roles)) denied[403] = 'forbidden';
  const who = Array.isArray(roles) ? whoMay(roles as readonly string[]) : undefined;
  const description = [declared.description, who].filter(Boolean).join(' ');
  return {
    operationId: declared.operationId,
    tags: declared.tags,
    ...(declared.summary ? { summary: declared.summary } : {}),
    ...(description ? { description } : {}),
    ...(roles === 'public' ? { security: [] } : declared.method === 'get' ? {} : { security: WRITE_SECURITY }),
    ...(Array.isArray(roles) ? { 'x-roles': roles } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(declared.body ? { requestBody: jsonBody(declared.body as Json) } : declared.rawBody ? { requestBody: declared.rawBody } : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(declared.responses).map(([status, answer]) => [
          status,
          answer.schema !== undefined ? jsonResponse(answer.description, answer.schema as Json) : { description: answer.description, ...(answer.content ? { content: answer.content } : {}), ...(answer.headers ? { headers: answer.headers } : {}) },
        ]),
      ),
      ...problemResponses({ ...denied, ...declared.problems }),
    },
  };
}

/** A per-entity route's copy for one entity, as a contract of its own. */
function forEntity(declared: RouteContract, entity: EntityRoute): RouteContract {
  const doc = declared.perEntity?.(entity) ?? {};
  const { entity: _entity, ...params } = { ...(declared.params ?? {}), ...(doc.params ?? {}) } as Record<string, JSONSchema>;
  return {
    ...declared,
    path: declared.path.replace(':entity', entity.entity),
    operationId: declared.operationId.replace('{Name}', entity.name),
    tags: [entity.entity],
    ...(doc.summary ? { summary: doc.summary } : {}),
    params,
    body: doc.body ?? declared.body,
    responses: { ...declared.responses, ...doc.responses },
  };
}

/** The document's `paths` for a set of contracts; per-entity routes once per entity. */
export function contractPaths(contracts: readonly RouteContract[], entities: readonly EntityRoute[] = []): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const declared of contracts) {
    for (const each of declared.perEntity ? entities.map((entity) => forEntity(declared, entity)) : [declared]) {
      const path = documentedPath(each);
      // Path parameters belong to the path (every method of it has them); the rest to each operation.
      const pathParameters = Object.entries(each.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
      paths[path] = { ...(pathParameters.length > 0 ? { parameters: pathParameters } : {}), ...paths[path], [each.method]: operationOf(each) };
    }
  }
  return paths;
}

/**
 * The routes under /api anyone may call, as `authenticate` matches them (`POST /auth/login`).
 * Express's parameters are not allowed in them: a public route is one exact path.
 */
export function publicRoutes(contracts: readonly RouteContract[]): ReadonlySet<string> {
  const open = contracts.filter((c) => c.roles === 'public' && !c.root);
  for (const c of open) if (c.path.includes(':')) throw new Error(`A public route under /api is one exact path, not ${c.path}`);
  return new Set(open.map((c) => `${c.method.toUpperCase()} ${c.path}`));
}
