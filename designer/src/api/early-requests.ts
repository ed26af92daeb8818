/**
 * The first requests a page opened by its address will make, started by the early script
 * (../start-early.ts) while the browser still reads and evaluates the app's main script,
 * which takes a few hundred milliseconds on a first visit. `request` (./client.ts) takes an
 * early answer instead of asking again, once. Measured on the board of 10,000 opportunities: the session, the
 * pipeline's definition and the user directory arrived before the app had rendered, so the
 * columns were asked for ~100 ms sooner (docs/performance.md).
 *
 * Only GETs that change nothing, for the page the address names, and only for a few
 * seconds: a later request (another page, after a change) always asks the server. A refusal
 * (signed out: 401) is asked again by whoever takes it, and signing in or out forgets them
 * all: what was answered to the last session never reaches the next one.
 */
import { matchRoute, type Route } from '../app/routes.js';

/** How long an early answer waits to be taken: the first page's first render. */
const KEEP_MS = 10_000;

const started = new Map<string, Promise<Response>>();

/** The GET paths the page at `pathname` asks for first, in that order. */
export function earlyPaths(pathname: string): string[] {
  const paths = ['/api/auth/me'];
  let route: Route;
  try {
    route = matchRoute(pathname);
  } catch {
    return paths; // a malformed address: the page will say it is not found
  }
  if (route.name === 'work' && 'entity' in route.work) {
    // The pipeline's definition, then who owns and handles its records (cards and rows name them).
    return [...paths, at(route.work.entity), '/api/users'];
  }
  if (route.name === 'editor') {
    // The pipeline as saved, how many records each stage holds, and any unsaved draft.
    const definition = at(route.entity);
    return [...paths, definition, `${definition}/stage-counts`, `${definition}/draft`];
  }
  return paths;
}

const at = (entity: string): string => `/api/definitions/${encodeURIComponent(entity)}`;

/** Start the requests of the page at `pathname`; each is kept for KEEP_MS or until taken. */
export function startEarlyRequests(pathname: string): void {
  if (typeof fetch !== 'function') return;
  for (const path of earlyPaths(pathname)) {
    const response = fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    // A failed early request is the caller's to see, if it takes it; never an unhandled rejection.
    response.catch(() => undefined);
    started.set(path, response);
  }
  setTimeout(() => started.clear(), KEEP_MS);
}

/** Forget every early answer not taken yet (the session changed). */
export function forgetEarlyResponses(): void {
  started.clear();
}

/**
 * The early answer to `GET path`, once, or undefined (then ask the server). With `signal`,
 * the answer rejects as a fetch would when the signal fires first.
 */
export function takeEarlyResponse(path: string, signal?: AbortSignal): Promise<Response> | undefined {
  const response = started.get(path);
  if (response === undefined || signal?.aborted === true) return undefined;
  started.delete(path);
  if (!signal) return response;
  return new Promise<Response>((resolve, reject) => {
    const abort = () => reject(new DOMException('The request was aborted', 'AbortError'));
    signal.addEventListener('abort', abort, { once: true });
    response.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
