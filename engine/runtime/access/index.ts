/**
 * Access: users, their passwords (hashed off the request path) and sessions, the first
 * users of a new store, and who a recipient such as `role:manager` names. This file is
 * what the other rooms and the engine's assembly may use.
 */
export { ensureInitialUsers } from './initial-users.js';
export type { DemoStaff, InitialUsers } from './initial-users.js';
export { resolveRecipient } from './recipients.js';
export { Sessions } from './sessions.js';
export type { Session } from './sessions.js';
export { ROLES, UserDirectory, toUser } from './users.js';
export type { NewUser, Role, User, UserChange } from './users.js';
