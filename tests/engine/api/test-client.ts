/**
 * A tiny HTTP client for the API tests: JSON in, status + headers + parsed body out.
 * Each call signs in as its `actor` (a session token from the test server's source,
 * see ./test-server.ts) and sends it as `Authorization: Bearer`.
 */

/** A reply body when the test does not name its type. */
export type Body = Record<string, unknown>;

export interface Reply<T = Body> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as is, with `contentType` (default application/json). */
  raw?: string;
  contentType?: string;
  /** The user the call is made as (an admin unless the test made it otherwise); `null`: no session. Default `user:ann`. */
  actor?: string | null;
  headers?: Record<string, string>;
}

/** Where a test server mints session tokens for the users tests act as. */
const tokenSources = new Map<string, (actor: string) => Promise<string>>();

/** Let calls to `baseUrl` act as any user, signed in through `source`. */
export function registerTokenSource(baseUrl: string, source: (actor: string) => Promise<string>): () => void {
  tokenSources.set(baseUrl, source);
  return () => tokenSources.delete(baseUrl);
}

/** Call `method path` on `baseUrl`. */
export async function call<T = Body>(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const actor = options.actor === undefined ? 'user:ann' : options.actor;
  const source = tokenSources.get(baseUrl);
  if (actor !== null && source && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
    headers.authorization = `Bearer ${await source(actor)}`;
  }
  let body: string | undefined;
  if (options.raw !== undefined || options.body !== undefined) {
    body = options.raw ?? JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: (type.includes('json') && text !== '' ? JSON.parse(text) : text) as T,
  };
}

/** A client bound to one server. */
export function client(baseUrl: string) {
  return {
    get: <T = Body>(path: string, options?: CallOptions) => call<T>(baseUrl, 'GET', path, options),
    post: <T = Body>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>(baseUrl, 'POST', path, { body, ...options }),
    put: <T = Body>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>(baseUrl, 'PUT', path, { body, ...options }),
    patch: <T = Body>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>(baseUrl, 'PATCH', path, { body, ...options }),
    delete: <T = Body>(path: string, options?: CallOptions) => call<T>(baseUrl, 'DELETE', path, options),
  };
}

export type Client = ReturnType<typeof client>;
