/**
 * The checks of the user forms, in the user's language, and the mapping of the server's
 * problem+json `errors` (JSON pointers such as `/body/password` or `/id`) onto the
 * form's fields. The server checks again; these only spare a round trip.
 */
import { ApiError } from '../api/client.js';
import type { Role } from '../app/session.js';
import { pointerTokens } from '../model/issues.js';
import type { AdminKey } from './messages.js';

export type UserField = 'id' | 'name' | 'roles' | 'team' | 'email' | 'phone' | 'password' | 'currentPassword';
export type FieldErrors = Partial<Record<UserField, string>>;
type Say = (key: AdminKey) => string;

const FIELDS: readonly string[] = ['id', 'name', 'roles', 'team', 'email', 'phone', 'password', 'currentPassword'];
/** The server's rule for user ids (engine/runtime/access/users.ts). */
const USER_ID = /^(?!system:)[A-Za-z0-9_.:@-]{1,100}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function idError(id: string, a: Say): string | undefined {
  if (id.trim() === '') return a('error.idRequired');
  return USER_ID.test(id) ? undefined : a('error.idPattern');
}

export function nameError(name: string, a: Say): string | undefined {
  return name.trim() === '' ? a('error.nameRequired') : undefined;
}

export function rolesError(roles: readonly Role[], a: Say): string | undefined {
  return roles.length === 0 ? a('error.rolesRequired') : undefined;
}

export function passwordError(password: string, a: Say, userId?: string): string | undefined {
  if (password.length < PASSWORD_MIN) return a('error.passwordShort');
  if (password.length > PASSWORD_MAX) return a('error.passwordLong');
  if (password.trim() === '') return a('error.passwordBlank');
  // Whether it is a common password only the server knows (its list is 49 000 long).
  return userId !== undefined && password.trim().toLowerCase() === userId.toLowerCase() ? a('error.passwordIsId') : undefined;
}

/** Only the fields that have an error. */
export function onlyErrors(errors: Record<UserField, string | undefined> | FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== undefined));
}

/** The server's words for a field, in the user's language where the case is known. */
function say(field: UserField, message: string, a: Say): string {
  if (field === 'id' && /taken/.test(message)) return a('error.idTaken');
  if (field === 'id') return a('error.idPattern');
  if (field === 'email') return a('error.email');
  if (field === 'phone') return a('error.phone');
  // ajv says "must NOT have fewer than 10 characters"; the directory "must be at least 10 characters".
  if (field === 'password' && /fewer than|at least/.test(message)) return a('error.passwordShort');
  if (field === 'password' && /more than|at most/.test(message)) return a('error.passwordLong');
  if (field === 'password' && /only spaces/.test(message)) return a('error.passwordBlank');
  if (field === 'password' && /user id/.test(message)) return a('error.passwordIsId');
  if (field === 'password' && /common/.test(message)) return a('error.passwordCommon');
  if (field === 'password' && /differ/.test(message)) return a('error.passwordSame');
  if (field === 'currentPassword') return a('error.currentWrong');
  if (field === 'roles' && /lock/.test(message)) return a('error.locked');
  if (field === 'roles' && /fewer than 1 /.test(message)) return a('error.rolesRequired');
  if (field === 'name' && /fewer than 1 |required/.test(message)) return a('error.nameRequired');
  return message;
}

/**
 * The field errors of a failed request, or undefined when it is not about the fields
 * (show it as a whole then).
 * @example fieldErrorsOf(new ApiError(400, 'invalid-request', '…', [{ pointer: '/body/password', message: 'must NOT have fewer than 10 characters' }]), a)
 */
export function fieldErrorsOf(error: unknown, a: Say): FieldErrors | undefined {
  if (!(error instanceof ApiError) || error.issues.length === 0) return undefined;
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const tokens = pointerTokens(issue.pointer);
    const named = tokens[0] === 'body' ? tokens[1] : tokens[0];
    // Changing one's own password names the new one `newPassword`.
    const field = named === 'newPassword' ? 'password' : named;
    if (field === undefined || !FIELDS.includes(field)) continue;
    errors[field as UserField] ??= say(field as UserField, issue.message, a);
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}
