/**
 * The one place the web app talks HTTP to the engine. Requests carry the session cookie
 * the server set at sign-in (same origin: fetch sends it by default; the web app never
 * sees the token); errors come back as RFC 9457 problem documents and are thrown as
 * ApiError. A 401 tells ./app/session.ts that the session is gone.
 */
import type { Issue } from '../model/issues.js';
import { takeEarlyResponse } from './early-requests.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem code: the last part of `urn:tourflow:problem:<code>`. */
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function toError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const type = typeof body.type === 'string' ? body.type : '';
  const code = type.split(':').pop() || `http-${response.status}`;
  const detail = typeof body.detail === 'string' ? body.detail : `${response.status} ${response.statusText}`;
  const issues = Array.isArray(body.errors) ? (body.errors as Issue[]) : [];
  return new ApiError(response.status, code, detail, issues, body);
}

const LOGIN_PATH = '/api/auth/login';
const unauthenticatedHandlers = new Set<() => void>();

/** Be told when the server says the session is gone (any 401 but a failed sign-in). */
export function onUnauthenticated(handler: () => void): () => void {
  unauthenticatedHandlers.add(handler);
  return () => unauthenticatedHandlers.delete(handler);
}

/**
 * Call the API; resolves with the parsed JSON body.
 * @example const defs = await request<DefinitionListItem[]>('GET', '/api/definitions');
 */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // The page's first requests may be under way already (./early-requests.ts); a refusal
  // may be stale by now (the person signed in since): asked again.
  const pending = method === 'GET' ? takeEarlyResponse(path, signal) : undefined;
  const early = pending === undefined ? undefined : await pending;
  const response =
    early?.ok === true
      ? early
      : await fetch(path, {
          method,
          headers,
          credentials: 'same-origin',
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          ...(signal ? { signal } : {}),
        });
  if (!response.ok) {
    const error = await toError(response);
    if (error.status === 401 && path !== LOGIN_PATH) for (const handler of unauthenticatedHandlers) handler();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** True for the error a fetch throws when its AbortSignal fires. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
