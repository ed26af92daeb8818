/** Users, password hashes and sign-in sessions over the embedded store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../engine/errors.js';
import { ensureInitialUsers } from '../../../engine/runtime/access/initial-users.js';
import { hashPassword, verifyPassword } from '../../../engine/runtime/access/password.js';
import { Sessions } from '../../../engine/runtime/access/sessions.js';
import { UserDirectory } from '../../../engine/runtime/access/users.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { SESSIONS, USERS } from '../../../engine/collections.js';

const PASSWORD = 'mật khẩu dài đủ';

describe('password hashes', () => {
  it('verifies the right password only, and salts each hash', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    await expect(verifyPassword(PASSWORD, a)).resolves.toBe(true);
    await expect(verifyPassword(`${PASSWORD}!`, a)).resolves.toBe(false);
    await expect(verifyPassword(PASSWORD, 'plain')).resolves.toBe(false);
  });
});

describe('users and sessions', () => {
  let dir: string;
  let store: Store;
  let users: UserDirectory;
  let clock: number;
  let sessions: Sessions;

  beforeEach(async () => {
    dir = makeTempDir('users');
    store = await openEmbeddedStore({ dir });
    users = new UserDirectory(store);
    clock = Date.parse('2026-11-23T08:00:00Z');
    sessions = new Sessions(store, users, { ttlMs: 60_000, maxFailures: 3, lockMs: 30_000, now: () => clock });
    await users.create({ id: 'lan', name: 'Nguyễn Lan', roles: ['sales'], password: PASSWORD });
  });
  afterEach(async () => {
    await store.close();
    removeTempDir(dir);
  });

  it('stores a hash, never the password, and refuses a taken id or a short password', async () => {
    const stored = await store.get(USERS, 'lan');
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    await expect(users.create({ id: 'lan', name: 'x', roles: [], password: PASSWORD })).rejects.toMatchObject({
      code: 'invalid-request',
      issues: [{ pointer: '/id', message: 'is taken' }],
    });
    await expect(users.create({ id: 'minh', name: 'Minh', roles: [], password: 'short' })).rejects.toMatchObject({
      issues: [{ pointer: '/password' }],
    });
    expect(await users.count()).toBe(1);
  });

  it('signs in with the right password, keeps only a digest of the token, and expires', async () => {
    const session = await sessions.signIn('lan', PASSWORD);
    expect(session.user).toMatchObject({ id: 'lan', roles: ['sales'] });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await store.find(SESSIONS, {});
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(session.token);
    expect((await sessions.resolve(session.token))?.user.id).toBe('lan');
    clock += 60_001;
    expect(await sessions.resolve(session.token)).toBeUndefined();
    expect(await store.count(SESSIONS)).toBe(0);
    // One that ended without being seen again is removed at the user's next sign-in.
    await sessions.signIn('lan', PASSWORD);
    clock += 60_001;
    await sessions.signIn('lan', PASSWORD);
    expect(await store.count(SESSIONS)).toBe(1);
  });

  it('gives one answer for an unknown user and a wrong password, and locks after repeated failures', async () => {
    const wrong = await sessions.signIn('lan', 'wrong password!').catch((e: unknown) => e);
    const unknown = await sessions.signIn('nobody', PASSWORD).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(UserError);
    expect((wrong as UserError).message).toBe((unknown as UserError).message);
    await sessions.signIn('lan', 'wrong password!').catch(() => undefined);
    await sessions.signIn('lan', 'wrong password!').catch(() => undefined);
    await expect(sessions.signIn('lan', PASSWORD)).rejects.toMatchObject({ code: 'too-many-attempts' });
    clock += 30_001;
    await expect(sessions.signIn('lan', PASSWORD)).resolves.toMatchObject({ user: { id: 'lan' } });
  });

  it('counts wrong passwords across processes sharing the store, per address', async () => {
    const other = new Sessions(store, users, { maxFailures: 3, lockMs: 30_000, now: () => clock });
    await sessions.signIn('lan', 'wrong password!', '10.0.0.9').catch(() => undefined);
    await other.signIn('lan', 'wrong password!', '10.0.0.9').catch(() => undefined);
    await sessions.signIn('lan', 'wrong password!', '10.0.0.9').catch(() => undefined);
    await expect(other.signIn('lan', PASSWORD, '10.0.0.9')).rejects.toMatchObject({ code: 'too-many-attempts' });
    // Someone elsewhere is not locked out by it.
    await expect(other.signIn('lan', PASSWORD, '192.168.1.5')).resolves.toMatchObject({ user: { id: 'lan' } });
  });

  it('ends sessions at sign-out, everywhere, and when the user is disabled', async () => {
    const a = await sessions.signIn('lan', PASSWORD);
    const b = await sessions.signIn('lan', PASSWORD);
    await sessions.signOut(a.token);
    expect(await sessions.resolve(a.token)).toBeUndefined();
    expect(await sessions.resolve(b.token)).toBeDefined();
    await users.update('lan', { disabled: true });
    expect(await sessions.resolve(b.token)).toBeUndefined();
    await expect(sessions.signIn('lan', PASSWORD)).rejects.toMatchObject({ code: 'unauthenticated' });
    await users.update('lan', { disabled: false, password: 'a new long password' });
    const c = await sessions.signIn('lan', 'a new long password');
    await sessions.signOutEverywhere('lan');
    expect(await sessions.resolve(c.token)).toBeUndefined();
  });
});

describe('the first users of an installation', () => {
  it('creates admin and the demo staff once, with a generated password shown once', async () => {
    const dir = makeTempDir('initial-users');
    const store = await openEmbeddedStore({ dir });
    try {
      const users = new UserDirectory(store);
      const sessions = new Sessions(store, users);
      const staff = [{ id: 'user:sales.minh', name: 'Phạm Minh', roles: ['sales' as const] }];
      const first = await ensureInitialUsers(users, { staff });
      expect(first.created).toEqual(['admin', 'user:sales.minh']);
      expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const password = first.generatedPassword ?? '';
      await expect(sessions.signIn('user:sales.minh', password)).resolves.toMatchObject({ user: { roles: ['sales'] } });
      // A restart changes nothing: no second admin, no new password.
      expect(await ensureInitialUsers(users, { adminPassword: 'another long password' })).toEqual({ created: [] });
      await expect(sessions.signIn('admin', password)).resolves.toMatchObject({ user: { roles: ['admin'] } });
    } finally {
      await store.close();
      removeTempDir(dir);
    }
  });

  it('uses ADMIN_PASSWORD when given, and then shows no password', async () => {
    const dir = makeTempDir('initial-admin');
    const store = await openEmbeddedStore({ dir });
    try {
      const users = new UserDirectory(store);
      expect(await ensureInitialUsers(users, { adminPassword: PASSWORD })).toEqual({ created: ['admin'] });
      await expect(new Sessions(store, users).signIn('admin', PASSWORD)).resolves.toBeDefined();
    } finally {
      await store.close();
      removeTempDir(dir);
    }
  });
});
