/**
 * Who is signed in, for the whole web app: loaded once from `GET /api/auth/me`, set by
 * signing in, cleared by signing out or by any request the server answers with 401 (the
 * session expired). Components read it with useSession().
 */
import { onUnauthenticated, request } from '../api/client.js';
import { forgetEarlyResponses } from '../api/early-requests.js';
import type { ResponseBody, Schemas } from '../api/types.js';

/** A role, as the document names them. */
export type Role = Schemas['User']['roles'][number];

export type SessionUser = Schemas['Session']['user'];

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser; expiresAt: string };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function set(next: SessionState): void {
  // The page's early answers (../api/early-requests.ts) were the first session's to take:
  // after a sign-in, a sign-out or an expiry, every request asks the server.
  if (state.status !== 'loading') forgetEarlyResponses();
  state = next;
  clearTimeout(expiryTimer);
  // The server ends a session at a fixed time: say so then, not at the next click.
  if (next.status === 'signed-in') {
    const left = Date.parse(next.expiresAt) - Date.now();
    if (left > 0 && left < 2 ** 31 - 1)
      expiryTimer = setTimeout(() => set({ status: 'signed-out', expired: true }), left);
  }
  for (const listener of listeners) listener();
}

onUnauthenticated(() => {
  if (state.status === 'signed-in') set({ status: 'signed-out', expired: true });
});

/** The session store (subscribe/get for useSyncExternalStore) and its three actions. */
export const session = {
  get: (): SessionState => state,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Ask the server who this browser's cookie belongs to. */
  async load(): Promise<void> {
    try {
      const me = await request<ResponseBody<'whoAmI'>>('GET', '/api/auth/me');
      set({ status: 'signed-in', user: me.user, expiresAt: me.expiresAt });
    } catch {
      set({ status: 'signed-out', expired: false });
    }
  },
  /** Rejects with the server's ApiError (wrong password, too many attempts). */
  async signIn(user: string, password: string): Promise<void> {
    const me = await request<ResponseBody<'signIn'>>('POST', '/api/auth/login', {
      user,
      password,
    });
    set({ status: 'signed-in', user: me.user, expiresAt: me.expiresAt });
  },
  /** End the session; this browser is signed out even when the server cannot be reached. */
  async signOut(): Promise<void> {
    try {
      await request<void>('POST', '/api/auth/logout');
    } catch {
      // Offline or already expired: the server ends the session at its expiry anyway.
    }
    set({ status: 'signed-out', expired: false });
  },
};

/** Whether the signed-in user has one of `roles`. */
export function hasRole(current: SessionState, ...roles: Role[]): boolean {
  return current.status === 'signed-in' && current.user.roles.some((r) => roles.includes(r));
}
