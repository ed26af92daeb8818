/** The user directory over HTTP (`/api/users`): everyone signed in reads it, admins change it. */
import { request } from '../api/client.js';
import type { RequestBody, ResponseBody, Schemas } from '../api/types.js';
import type { Role } from '../app/session.js';

/** Every role, in the order the admin page lists them. */
export const ROLES: readonly Role[] = ['admin', 'manager', 'marketing', 'sales', 'operator', 'accountant'];

/** A user as the API answers (`components.schemas.User`). */
export type User = Schemas['User'];

export type NewUser = RequestBody<'createUser'>;

/** What PATCH changes; `team: ''` removes the team, `version` guards against a concurrent change. */
export type UserChange = RequestBody<'updateUser'>;

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/**
 * @example const { items } = await usersApi.list();
 */
export const usersApi = {
  list: (signal?: AbortSignal) => request<ResponseBody<'listUsers'>>('GET', '/api/users', undefined, signal),
  create: (user: NewUser) => request<User>('POST', '/api/users', user),
  update: (id: string, change: UserChange) => request<User>('PATCH', userPath(id), change),
  /** The signed-in user's own password; their other sessions end. */
  changeOwnPassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/auth/password', { currentPassword, newPassword }),
};
