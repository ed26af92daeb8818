/**
 * Password hashing with scrypt (node:crypto, no native add-on): memory-hard and slow on
 * purpose (about 50–100 ms per hash), salted per password, compared in constant time.
 * The encoded form names its parameters, so they can be raised later without breaking
 * stored hashes.
 *
 * Hashes run on a thread of their own (./password-thread.ts), never on libuv's shared
 * pool: `crypto.scrypt` would take the pool threads that also read files and resolve
 * names, so a flood of sign-ins would stall every other request (issue 10.7).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveOnPasswordThread } from './password-thread.js';

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

/**
 * Hash a password for storage.
 * @example const stored = await hashPassword('correct horse battery'); // "scrypt$32768$8$1$…$…"
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveOnPasswordThread(password.normalize('NFC'), salt, { N: COST, r: BLOCK_SIZE, p: PARALLELISM, keyLength: KEY_LENGTH });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` matches a hash made by `hashPassword`. A malformed hash matches nothing.
 * @example if (!(await verifyPassword(input, user.passwordHash))) throw unauthenticated();
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await deriveOnPasswordThread(password.normalize('NFC'), Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    keyLength: KEY_LENGTH,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: verified against when the user does not exist, so timing does not tell. */
export const UNKNOWN_USER_HASH = `scrypt$${COST}$${BLOCK_SIZE}$${PARALLELISM}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;
