/**
 * The one place that turns errors into RFC 9457 problem documents (DESIGN.md decision 8,
 * STYLE.md §6): every error code has one status and one title here, and nothing else in
 * the API decides either.
 */
import { randomUUID } from 'node:crypto';
import { ensureError, TourflowError, UserError, type ErrorCode, type Issue } from '../errors.js';

/** The media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEMS: Record<ErrorCode, { status: number; title: string }> = {
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'validation-failed': { status: 422, title: 'The data does not match the schema' },
  'unknown-entity': { status: 404, title: 'Unknown entity' },
  'not-found': { status: 404, title: 'Not found' },
  'event-not-allowed': { status: 409, title: 'The record does not accept this event now' },
  'guard-refused': { status: 422, title: 'A condition of this step is not met' },
  'required-fields-missing': { status: 422, title: 'Required fields are missing' },
  'field-read-only': { status: 422, title: 'Some fields cannot be written' },
  'import-rejected': { status: 422, title: 'Some rows are not valid: nothing was imported' },
  'version-conflict': { status: 409, title: 'Changed by someone else meanwhile' },
  'entity-archived': { status: 409, title: 'This record type is archived' },
  'invalid-definition': { status: 422, title: 'The definition is not valid' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'too-many-attempts': { status: 429, title: 'Too many attempts' },
  'store-locked': { status: 503, title: 'The store is busy' },
  'store-unavailable': { status: 503, title: 'The store is unavailable' },
  'auth-busy': { status: 503, title: 'Sign-in is busy' },
  'backup-refused': { status: 422, title: 'The backup cannot be used' },
  'already-running': { status: 409, title: 'Already under way' },
  'effect-failed': { status: 502, title: 'A side effect failed' },
  unexpected: { status: 500, title: 'Unexpected error' },
};

/** Members a problem document owns; an error's `extra` may not overwrite them. */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/** An RFC 9457 problem document as this API sends it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: Issue[];
  [member: string]: unknown;
}

/** A problem to send, and the error to log when it is the server's fault. */
export interface Problem {
  document: ProblemDocument;
  /** Set for 5xx unexpected errors: log it (with `document.errorId`), never send it. */
  logged?: Error;
}

/**
 * The problem `type` URI of an error code.
 * @example problemType('version-conflict') // 'urn:tourflow:problem:version-conflict'
 */
export function problemType(code: ErrorCode): string {
  return `urn:tourflow:problem:${code}`;
}

/** The HTTP status of an error code. */
export function problemStatus(code: ErrorCode): number {
  return PROBLEMS[code].status;
}

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  /** body-parser's size limit in bytes, on `entity.too.large`. */
  limit?: unknown;
  message: string;
}

/**
 * Errors raised by Express itself (body parser, URI decoding) carry an HTTP status and
 * a `type`; they are the client's fault and become `malformed-json` or `invalid-request`.
 */
function fromHttpError(error: Error): { error: UserError; status: number } | undefined {
  const http = error as Error & HttpLikeError;
  const status = typeof http.status === 'number' ? http.status : http.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (http.type === 'entity.parse.failed') {
    return {
      error: new UserError('malformed-json', `The body is not valid JSON: ${http.message}`),
      status: 400,
    };
  }
  if (http.type === 'entity.too.large') {
    // Most routes read at most 1 MB; some (imports) more: the parser says how much.
    const limit = typeof http.limit === 'number' ? `${Math.round(http.limit / 1024 / 1024)} MB` : '1 MB';
    return { error: new UserError('invalid-request', `The body is too large (at most ${limit})`), status: 413 };
  }
  const message = http.expose === false ? 'The request could not be read' : http.message;
  if (status === 404) return { error: new UserError('not-found', message), status };
  return { error: new UserError('invalid-request', message), status };
}

/**
 * Classify anything thrown while serving `instance` (the request path) into a problem.
 * User and operational errors keep their message, issues and extra members; anything
 * else is a 500 whose detail names only an error id, so no internals leak.
 * @example
 * const { document } = toProblem(new UserError('not-found', 'No deal 7'), '/api/records/deal/7');
 * document.status // 404
 */
export function toProblem(thrown: unknown, instance: string): Problem {
  const error = ensureError(thrown);
  const http = error instanceof TourflowError ? undefined : fromHttpError(error);
  const known =
    http?.error ?? (error instanceof TourflowError && error.kind !== 'unexpected' ? error : undefined);
  if (!known) {
    const errorId = randomUUID();
    return {
      document: {
        type: problemType('unexpected'),
        title: PROBLEMS.unexpected.title,
        status: 500,
        detail: `An unexpected error occurred; it was logged as ${errorId}`,
        instance,
        errorId,
      },
      logged: error,
    };
  }
  const { status, title } = PROBLEMS[known.code];
  const document: ProblemDocument = {
    type: problemType(known.code),
    title,
    status: http?.status ?? status,
    detail: known.message,
    instance,
  };
  for (const [member, value] of Object.entries(known.extra)) {
    if (!RESERVED.has(member)) document[member] = value;
  }
  if (known.issues.length > 0) {
    document.errors = known.issues.map(({ pointer, message, file }) =>
      file ? { pointer, message, file } : { pointer, message },
    );
  }
  return { document };
}
