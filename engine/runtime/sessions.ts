/**
 * Sign-in sessions (collection `sessions`). The client holds a random 256-bit token; the
 * store keeps only its SHA-256, so a copy of the data directory signs nobody in. A
 * session ends at a fixed time after sign-in (no silent extension), at sign-out, or when
 * the user is disabled. Repeated wrong passwords for one user id from one address lock
 * that pair for a while.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DuplicateKeyError, UserError, VersionConflictError } from '../errors.js';
import type { Store, StoredDoc } from '../store/store.js';
import { UNKNOWN_USER_HASH, verifyPassword } from './password.js';
import { toUser, type User, type UserDirectory } from './users.js';

export const SESSIONS = 'sessions';
/** Wrong passwords in a row per user id and address (hashed), and when their lock ends. */
export const FAILURES = 'sign-in-failures';

type FailureDoc = StoredDoc & { count: number; lockedUntil: number; version: number };

type SessionDoc = StoredDoc & { user: string; createdAt: string; expiresAt: string };

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
}

export interface SessionOptions {
  /** How long a session lasts after sign-in; default 12 hours (a working day). */
  ttlMs?: number;
  /** Wrong passwords in a row before a user id is locked for `lockMs`; default 10. */
  maxFailures?: number;
  /** Default 15 minutes. */
  lockMs?: number;
  now?: () => number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

function refused(): UserError {
  // One message for an unknown user and a wrong password: nothing to learn from it.
  return new UserError('unauthenticated', 'The user id or the password is wrong');
}

/**
 * @example
 * const sessions = new Sessions(store, users);
 * const { token } = await sessions.signIn('lan', password);
 * const session = await sessions.resolve(token); // undefined once expired
 */
export class Sessions {
  private readonly ttlMs: number;
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly now: () => number;
  private indexed: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly users: UserDirectory,
    options: SessionOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
    this.maxFailures = options.maxFailures ?? 10;
    this.lockMs = options.lockMs ?? 15 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Check the password and start a session. `from` (the client's address) keys the
   * wrong-password lock with the user id, so nobody elsewhere can lock a user out.
   */
  async signIn(userId: string, password: string, from = ''): Promise<Session> {
    // Kept in the store, so that every process behind a load balancer counts the same failures.
    const key = createHash('sha256').update(`${userId}\u0000${from}`).digest('hex');
    const failed = await this.store.get<FailureDoc>(FAILURES, key);
    if (failed && failed.lockedUntil > this.now()) {
      throw new UserError('too-many-attempts', 'Too many wrong passwords for this user: try again in a few minutes', {
        extra: { retryAfterSeconds: Math.ceil((failed.lockedUntil - this.now()) / 1000) },
      });
    }
    const doc = await this.users.find(userId);
    const ok = await verifyPassword(password, doc?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!doc || !ok || doc.disabled) {
      await this.countFailure(key, failed);
      throw refused();
    }
    if (failed) await this.store.commit([{ op: 'delete', collection: FAILURES, id: key }]).catch(() => undefined);
    const token = randomBytes(32).toString('base64url');
    const createdAt = new Date(this.now());
    const expiresAt = new Date(createdAt.getTime() + this.ttlMs).toISOString();
    // The user's sessions that ended unseen go with this commit, so none piles up.
    this.indexed ??= this.store.ensureIndex(SESSIONS, ['user']);
    await this.indexed;
    const ended = (await this.store.find<SessionDoc>(SESSIONS, { user: doc._id })).filter((s) => Date.parse(s.expiresAt) <= this.now());
    await this.store.commit([
      ...ended.map((s) => ({ op: 'delete' as const, collection: SESSIONS, id: s._id })),
      { op: 'insert', collection: SESSIONS, doc: { _id: digest(token), user: doc._id, createdAt: createdAt.toISOString(), expiresAt } },
    ]);
    return { token, user: toUser(doc), expiresAt };
  }

  /** One more wrong password for `key`; a concurrent one from another process is counted too. */
  private async countFailure(key: string, seen: FailureDoc | undefined): Promise<void> {
    let current = seen;
    for (let attempt = 0; attempt < 5; attempt++) {
      const count = (current?.count ?? 0) + 1;
      const doc: FailureDoc = { _id: key, count, lockedUntil: count >= this.maxFailures ? this.now() + this.lockMs : 0, version: (current?.version ?? 0) + 1 };
      try {
        await this.store.commit([current ? { op: 'put', collection: FAILURES, doc, expectVersion: current.version } : { op: 'insert', collection: FAILURES, doc }]);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflictError) && !(error instanceof DuplicateKeyError)) throw error;
        current = await this.store.get<FailureDoc>(FAILURES, key);
      }
    }
  }

  /** The live session of a token, or undefined (unknown, expired, or its user disabled). */
  async resolve(token: string): Promise<Session | undefined> {
    const id = digest(token);
    const session = await this.store.get<SessionDoc>(SESSIONS, id);
    if (!session) return undefined;
    if (Date.parse(session.expiresAt) <= this.now()) {
      await this.store.commit([{ op: 'delete', collection: SESSIONS, id }]);
      return undefined;
    }
    const user = await this.users.find(session.user);
    if (!user || user.disabled) return undefined;
    return { token, user: toUser(user), expiresAt: session.expiresAt };
  }

  async signOut(token: string): Promise<void> {
    const id = digest(token);
    if (await this.store.get(SESSIONS, id)) await this.store.commit([{ op: 'delete', collection: SESSIONS, id }]);
  }

  /** End every session of a user (a password change, a disabled account), but `keep`'s. */
  async signOutEverywhere(userId: string, keep?: string): Promise<void> {
    const kept = keep === undefined ? undefined : digest(keep);
    const docs = (await this.store.find<SessionDoc>(SESSIONS, { user: userId })).filter((d) => d._id !== kept);
    if (docs.length > 0) await this.store.commit(docs.map((d) => ({ op: 'delete' as const, collection: SESSIONS, id: d._id })));
  }
}
