/**
 * Regressions (issue 10.6 and 10.7): parallel wrong passwords were all evaluated (and a
 * right one inside the burst signed in); a flood of sign-ins with unknown ids stored a
 * document per id forever and ran its hashes on the pool that serves files. Attempts are
 * now counted atomically before hashing, per address and per user and address, across
 * processes; unknown ids store nothing of their own; hashes run on their own thread.
 */
import { pbkdf2 } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../engine/runtime/access/password.js';
import { Sessions } from '../../../engine/runtime/access/sessions.js';
import { UserDirectory } from '../../../engine/runtime/access/users.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { FAILURES } from '../../../engine/collections.js';

const PASSWORD = 'mật khẩu dài đủ';
let dir: string;
let store: Store;
let users: UserDirectory;

beforeEach(async () => {
  dir = makeTempDir('sign-in-limits');
  store = await openEmbeddedStore({ dir });
  users = new UserDirectory(store);
  await users.create({ id: 'lan', name: 'Nguyễn Lan', roles: ['sales'], password: PASSWORD });
});
afterEach(async () => {
  await store.close();
  removeTempDir(dir);
});

const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'signed-in',
    (error: { code?: string }) => error.code ?? 'error',
  );

describe('parallel guesses', () => {
  it('evaluates exactly maxFailures of a burst across two processes, and refuses the right password after it', async () => {
    const a = new Sessions(store, users, { maxFailures: 10, maxPerAddress: 1000 });
    const b = new Sessions(store, users, { maxFailures: 10, maxPerAddress: 1000 });
    const burst = Array.from({ length: 60 }, (_, i) => outcome((i % 2 ? a : b).signIn('lan', `wrong guess ${i}`, '203.0.113.7')));
    const right = outcome(a.signIn('lan', PASSWORD, '203.0.113.7'));
    const results = await Promise.all(burst);
    expect(results.filter((r) => r === 'unauthenticated')).toHaveLength(10);
    expect(results.filter((r) => r === 'too-many-attempts')).toHaveLength(50);
    expect(await right).toBe('too-many-attempts');
  });
});

describe('the per-address limit', () => {
  it('refuses before hashing once an address made its attempts, even the right password, and says when to retry', async () => {
    const sessions = new Sessions(store, users, { maxPerAddress: 5 });
    for (let i = 0; i < 5; i++) expect(await outcome(sessions.signIn(`nobody-${i}`, PASSWORD, '198.51.100.1'))).toBe('unauthenticated');
    const refused = await sessions.signIn('lan', PASSWORD, '198.51.100.1').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'too-many-attempts', extra: { retryAfterSeconds: expect.any(Number) as unknown } });
    // Another address is not affected.
    await expect(sessions.signIn('lan', PASSWORD, '198.51.100.2')).resolves.toMatchObject({ user: { id: 'lan' } });
  });

  it('stores nothing per unknown user id: a flood of made-up ids leaves one counter for the address', async () => {
    const sessions = new Sessions(store, users, { maxPerAddress: 1000 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => outcome(sessions.signIn(`made-up-${i}`, 'whatever it is', '198.51.100.9'))));
    expect(await store.count(FAILURES)).toBe(1);
  });
});

describe('where passwords are hashed', () => {
  it('hashes on its own thread: a password is checked while libuv\'s pool is busy with other work', async () => {
    const stored = await hashPassword(PASSWORD);
    const finished: string[] = [];
    // Four slow pbkdf2 calls take every thread of libuv's default pool (file reads wait behind them).
    const poolWork = Array.from({ length: 4 }, (_, i) =>
      new Promise<void>((resolve) => pbkdf2('x', 'salt', 3_000_000, 32, 'sha256', () => resolve())).then(() => finished.push(`pool ${i}`)),
    );
    const check = verifyPassword(PASSWORD, stored).then((ok) => finished.push(`password ${String(ok)}`));
    await Promise.all([...poolWork, check]);
    expect(finished[0]).toBe('password true');
  });
});

describe('user names', () => {
  it('signs in a user named `user:…` (demo staff of earlier versions) by the name alone', async () => {
    await users.create({ id: 'user:sales.minh', name: 'Phạm Minh', roles: ['sales'], password: PASSWORD });
    const sessions = new Sessions(store, users);
    await expect(sessions.signIn('sales.minh', PASSWORD)).resolves.toMatchObject({ user: { id: 'user:sales.minh' } });
    await expect(sessions.signIn('user:sales.minh', PASSWORD)).resolves.toMatchObject({ user: { id: 'user:sales.minh' } });
  });

  it('counts both spellings of one account against the same lock', async () => {
    await users.create({ id: 'user:sales.huong', name: 'Lê Hương', roles: ['sales'], password: PASSWORD });
    const sessions = new Sessions(store, users, { maxFailures: 3 });
    for (const name of ['sales.huong', 'user:sales.huong', 'sales.huong']) expect(await outcome(sessions.signIn(name, 'not the password', '203.0.113.9'))).toBe('unauthenticated');
    expect(await outcome(sessions.signIn('user:sales.huong', PASSWORD, '203.0.113.9'))).toBe('too-many-attempts');
  });
});
