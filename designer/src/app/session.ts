/**
 * Who is signed in, for the whole web app: loaded once from `GET /api/auth/me`, set by
 * signing in, cleared by signing out or by any request the server answers with 401 (the
 * session expired). Components read it with useSession().
 */
import { onUnauthenticated, request } from '../api/client.js';

export type Role = 'admin' | 'manager' | 'marketing' | 'sales' | 'operator' | 'accountant';

export interface SessionUser {
  id: string;
  name: string;
  roles: Role[];
  team?: string;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser; expiresAt: string };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

onUnauthenticated(() => {
  if (state.status === 'signed-in') set({ status: 'signed-out', expired: true });
});

export const session = {
  get: (): SessionState => state,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Ask the server who this browser's cookie belongs to. */
  async load(): Promise<void> {
    try {
      const me = await request<{ user: SessionUser; expiresAt: string }>('GET', '/api/auth/me');
      set({ status: 'signed-in', user: me.user, expiresAt: me.expiresAt });
    } catch {
      set({ status: 'signed-out', expired: false });
    }
  },
  /** Rejects with the server's ApiError (wrong password, too many attempts). */
  async signIn(user: string, password: string): Promise<void> {
    const me = await request<{ user: SessionUser; expiresAt: string }>('POST', '/api/auth/login', { user, password });
    set({ status: 'signed-in', user: me.user, expiresAt: me.expiresAt });
  },
  async signOut(): Promise<void> {
    try {
      await request<void>('POST', '/api/auth/logout');
    } finally {
      set({ status: 'signed-out', expired: false });
    }
  },
};

/** Whether the signed-in user has one of `roles`. */
export function hasRole(current: SessionState, ...roles: Role[]): boolean {
  return current.status === 'signed-in' && current.user.roles.some((r) => roles.includes(r));
}
