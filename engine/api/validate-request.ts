/**
 * Validate the parts of a request with ajv. Schemas are compiled once, at import; a
 * failure is an `invalid-request` UserError listing every problem with a JSON pointer
 * into the request (`/body/type`, `/query/limit`, `/params/entity`).
 */
import type { Request } from 'express';
import { Ajv, type ErrorObject } from 'ajv';
import { UnexpectedError, UserError, type Issue } from '../errors.js';

// `verbose` keeps each error's schema, so a pattern failure can be told in words.
const bodyAjv = new Ajv({ allErrors: true, strict: true, verbose: true });
// Query values arrive as text: let ajv turn "20" into 20 where an integer is wanted.
const queryAjv = new Ajv({ allErrors: true, strict: true, verbose: true, coerceTypes: true });

/** Escape one JSON pointer token (RFC 6901). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * An `invalid-request` error whose detail names the first problems.
 * @example throw invalidRequest([{ pointer: '/query/limit', message: 'must be <= 500' }]);
 */
export function invalidRequest(issues: Issue[]): UserError {
  const shown = issues.slice(0, 3).map((i) => `${i.pointer} ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new UserError('invalid-request', `The request is not valid: ${shown.join('; ')}${more}`, { issues });
}

function toIssue(prefix: string, e: ErrorObject): Issue {
  const at = `${prefix}${e.instancePath}`;
  if (e.keyword === 'required') {
    return { pointer: `${at}/${pointerToken(String(e.params.missingProperty))}`, message: 'is required' };
  }
  if (e.keyword === 'additionalProperties') {
    const member = String(e.params.additionalProperty);
    return { pointer: `${at}/${pointerToken(member)}`, message: `is not a known member ("${member}")` };
  }
  const description = (e.parentSchema as { description?: unknown } | undefined)?.description;
  if ((e.keyword === 'pattern' || e.keyword === 'enum') && typeof description === 'string')
    return { pointer: at, message: `must be ${description}` };
  return { pointer: at, message: e.message ?? 'is not valid' };
}

function compile<T>(ajv: Ajv, schema: Record<string, unknown>, prefix: string): (value: unknown) => T {
  const validate = ajv.compile<T>(schema);
  return (value) => {
    if (validate(value)) return value;
    throw invalidRequest((validate.errors ?? []).map((e) => toIssue(prefix, e)));
  };
}

/**
 * Compile a body schema; the returned reader checks that the body is a JSON object sent
 * as JSON, then validates it.
 * @example
 * const readEvent = bodyReader<{ type: string }>({ type: 'object', required: ['type'], properties: { type: { type: 'string' } } });
 * const { type } = readEvent(req);
 */
export function bodyReader<T>(schema: Record<string, unknown>): (req: Request) => T {
  const check = compile<T>(bodyAjv, schema, '/body');
  return (req) => {
    const body: unknown = req.body;
    // Express leaves the body undefined when the Content-Type is not JSON.
    if (body === undefined) {
      throw invalidRequest([
        { pointer: '/body', message: 'must be a JSON object sent with Content-Type: application/json' },
      ]);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      const kind = Array.isArray(body) ? 'an array' : body === null ? 'null' : `a ${typeof body}`;
      throw invalidRequest([{ pointer: '/body', message: `must be a JSON object, not ${kind}` }]);
    }
    return check(body);
  };
}

/**
 * Compile a query schema (values are coerced from text); unknown parameters are refused
 * when the schema says `additionalProperties: false`.
 * @example const { version } = queryReader<{ version?: number }>(versionQuerySchema)(req);
 */
export function queryReader<T>(schema: Record<string, unknown>): (req: Request) => T {
  const check = compile<T>(queryAjv, schema, '/query');
  // Copy: coercion writes into the object it validates.
  return (req) => check({ ...(req.query as Record<string, unknown>) });
}

/**
 * Compile the schemas of a route's path parameters (each required, each a string).
 * @example const readParams = paramsReader({ id: USER_ID }); const { id } = readParams(req);
 */
export function paramsReader<T>(schemas: Record<string, unknown>): (req: Request) => T {
  const check = compile<T>(bodyAjv, { type: 'object', required: Object.keys(schemas), properties: schemas }, '/params');
  return (req) => check({ ...req.params });
}

/** Path parameters every route shares, with the one rule each must follow. */
export const ENTITY_NAME = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]{0,62}$',
  description: 'an entity name: a lowercase letter, then up to 62 lowercase letters, digits or -',
} as const;
export const RECORD_ID = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{1,100}$',
  description: 'an id: 1–100 letters, digits, _ or -',
} as const;

type ParamName = 'entity' | 'id' | 'activity';
const checkParams = compile<Partial<Record<ParamName, string>>>(
  bodyAjv,
  { type: 'object', properties: { entity: ENTITY_NAME, id: RECORD_ID, activity: RECORD_ID } },
  '/params',
);

/**
 * The named path parameters, each checked against its rule.
 * @example const { entity, id } = routeParams(req, 'entity', 'id');
 */
export function routeParams<K extends ParamName>(req: Request, ...names: K[]): Record<K, string> {
  const params = checkParams({ ...req.params });
  const picked = {} as Record<K, string>;
  for (const name of names) {
    const value = params[name];
    if (value === undefined) throw new UnexpectedError(`The route of ${req.path} has no :${name} parameter`);
    picked[name] = value;
  }
  return picked;
}

/**
 * For routes that take no body: anything sent is refused rather than ignored.
 * @example assertNoBody(req);
 */
export function assertNoBody(req: Request): void {
  const body: unknown = req.body;
  if (body === undefined) return;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw invalidRequest([{ pointer: '/body', message: 'must be empty: this request takes no body' }]);
}
