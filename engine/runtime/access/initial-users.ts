/**
 * The users a new installation starts with: when nobody exists yet, an `admin` (password
 * from ADMIN_PASSWORD, or a generated one the caller shows once) and, with demo data,
 * the staff the packs' demo modules name, sharing that password. Nothing is created
 * when any user exists, so restarting never resets a password.
 */
import { randomBytes } from 'node:crypto';
import type { Role, UserDirectory } from './users.js';

/** A member of the demo staff, as a pack's demo module exports it (`export const staff`). */
export interface DemoStaff {
  id: string;
  name: string;
  roles: Role[];
  team?: string;
}

export interface InitialUsers {
  /** Who was created, or empty when users already existed. */
  created: string[];
  /** The password of the created users when it was generated (not given); show it once. */
  generatedPassword?: string;
}

/**
 * @example
 * const { created, generatedPassword } = await ensureInitialUsers(users, { adminPassword: process.env.ADMIN_PASSWORD });
 */
export async function ensureInitialUsers(users: UserDirectory, options: { adminPassword?: string; staff?: DemoStaff[] }): Promise<InitialUsers> {
  if ((await users.count()) > 0) return { created: [] };
  const password = options.adminPassword ?? randomBytes(12).toString('base64url');
  const generated = options.adminPassword === undefined;
  const everyone: DemoStaff[] = [{ id: 'admin', name: 'Administrator', roles: ['admin'] }, ...(options.staff ?? []).filter((s) => s.id !== 'admin')];
  for (const person of everyone) await users.create({ ...person, password });
  return { created: everyone.map((p) => p.id), ...(generated ? { generatedPassword: password } : {}) };
}
