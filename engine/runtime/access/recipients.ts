/**
 * Who a message is for. A recipient is a user id, or `role:<role>`: every user of
 * collection `users` (`{ _id: <user id>, roles: [<role>, …] }`) holding that role when
 * the message is delivered. Escalations to "a manager" are written `role:manager`.
 */
import type { Store } from '../../store/store.js';
import { USERS } from '../../collections.js';

const ROLE_PREFIX = 'role:';

/** The users a recipient names now (none for a role nobody holds). */
export async function resolveRecipient(store: Store, recipient: string): Promise<string[]> {
  if (!recipient.startsWith(ROLE_PREFIX)) return [recipient];
  const role = recipient.slice(ROLE_PREFIX.length);
  const users = await store.find(USERS, { roles: role, disabled: { $ne: true } }, { sort: { _id: 1 } });
  return users.map((u) => u._id);
}
