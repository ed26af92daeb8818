/**
 * Sign-in sessions (collection `sessions`). The client holds a random 256-bit token; the
 * store keeps only its SHA-256, so a copy of the data directory signs nobody in. A
 * session ends at a fixed time after sign-in (no silent extension), at sign-out, or when
 * the user is disabled. Repeated wrong passwords for one user id from one address lock
 * that pair for a while.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DuplicateKeyError, UserError, VersionConflictError } from '../../errors.js';
import type { Store, StoredDoc, WriteOp } from '../../store/store.js';
import { UNKNOWN_USER_HASH, verifyPassword } from './password.js';
import { toUser, type User, type UserDirectory, type UserDoc } from './users.js';
import { SESSIONS, FAILURES } from '../../collections.js';

/** Per address: attempts in the current window. Per user and address: attempts since the last success, and the lock. */
type AttemptDoc = StoredDoc & { count: number; since: number; lockedUntil: number; version: number };

type SessionDoc = StoredDoc & { user: string; createdAt: string; expiresAt: string };

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
}

export interface SessionOptions {
  /** How long a session lasts after sign-in; default 12 hours (a working day). */
  ttlMs?: number;
  /** Wrong passwords in a row before a user id is locked for `lockMs` from that address; default 10. */
  maxFailures?: number;
  /** Default 15 minutes. */
  lockMs?: number;
  /** Sign-in attempts one address may make per `addressWindowMs`, whatever the user id; default 60. */
  maxPerAddress?: number;
  /** Default one minute. */
  addressWindowMs?: number;
  now?: () => number;
}

/** How often an attempt re-reads and retries when another process counted meanwhile. */
const ADMIT_ATTEMPTS = 20;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

function refused(): UserError {
  // One message for an unknown user and a wrong password: nothing to learn from it.
  return new UserError('unauthenticated', 'The user id or the password is wrong');
}

function tooMany(message: string, until: number, now: number): UserError {
  return new UserError('too-many-attempts', message, { extra: { retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) } });
}

const keyOf = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

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
  private readonly maxPerAddress: number;
  private readonly addressWindowMs: number;
  private readonly now: () => number;
  private readonly queues = new Map<string, Promise<void>>();
  private indexed: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly users: UserDirectory,
    options: SessionOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
    this.maxFailures = options.maxFailures ?? 10;
    this.lockMs = options.lockMs ?? 15 * 60 * 1000;
    this.maxPerAddress = options.maxPerAddress ?? 60;
    this.addressWindowMs = options.addressWindowMs ?? 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Check the password and start a session. Each attempt is counted (atomically, in the
   * store, so parallel guesses and other processes count too) before its password is
   * hashed: per address, and per user id and address, so nobody elsewhere can lock a
   * user out. An unknown user id costs the same hash and stores nothing of its own.
   *
   * @throws UserError `too-many-attempts` (with `retryAfterSeconds`), `unauthenticated`;
   *   OperationalError `auth-busy` when the password thread is saturated.
   */
  async signIn(userId: string, password: string, from = ''): Promise<Session> {
    // Demo staff of earlier versions were named `user:…`: their name alone signs them in.
    const doc = (await this.users.find(userId)) ?? (userId.includes(':') ? undefined : await this.users.find(`user:${userId}`));
    const ok = await this.passwordMatches(doc, password, from);
    if (!doc || !ok || doc.disabled) throw refused();
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

  /**
   * Change the signed-in user's own password: the current one is checked (and counted like
   * a sign-in, so a borrowed session cannot guess it), the new one must pass the password
   * rules; every other session of the user ends, this one stays.
   * @throws UserError `invalid-request` (a wrong current password, a refused new one), `too-many-attempts`.
   */
  async changeOwnPassword(session: Session, current: string, next: string, from = ''): Promise<void> {
    const userId = session.user.id;
    const doc = await this.users.find(userId);
    if (!doc) throw refused();
    if (!(await this.passwordMatches(doc, current, from))) {
      // Not a 401: the session itself is fine, and clients sign out on a 401.
      throw new UserError('invalid-request', 'The current password is wrong', { issues: [{ pointer: '/body/currentPassword', message: 'is wrong' }] });
    }
    if (current === next) throw new UserError('invalid-request', 'The new password must differ from the current one', { issues: [{ pointer: '/body/newPassword', message: 'must differ from the current password' }] });
    await this.users.update(userId, { password: next }, '/body/newPassword');
    await this.signOutEverywhere(userId, session.token);
  }

  /**
   * Count the attempt (refusing it past the limits), then check the password; a match
   * clears the user's count. The user's counter is keyed by their id, whatever name they
   * typed, so two spellings of one account share a lock. Without a user the same hash runs.
   */
  private async passwordMatches(doc: UserDoc | undefined, password: string, from: string): Promise<boolean> {
    const userKey = doc ? `user:${keyOf(doc._id, from)}` : undefined;
    await this.serialized(from, () => this.admit(`address:${keyOf(from)}`, userKey));
    const ok = await verifyPassword(password, doc?.passwordHash ?? UNKNOWN_USER_HASH);
    if (ok && userKey) await this.store.commit([{ op: 'delete', collection: FAILURES, id: userKey }]).catch(() => undefined);
    return ok && doc !== undefined;
  }

  /**
   * Count one attempt from an address (and for a known user from it), or refuse it. Both
   * counters move in one commit checked against their versions: of N parallel attempts
   * exactly the allowed number get through, in this process or across several.
   */
  private async admit(addressKey: string, userKey: string | undefined): Promise<void> {
    for (let attempt = 0; attempt < ADMIT_ATTEMPTS; attempt++) {
      const now = this.now();
      const [address, user] = await Promise.all([
        this.store.get<AttemptDoc>(FAILURES, addressKey),
        userKey ? this.store.get<AttemptDoc>(FAILURES, userKey) : undefined,
      ]);
      const window = address && address.since + this.addressWindowMs > now ? address : undefined;
      if (window && window.count >= this.maxPerAddress) {
        throw tooMany('Too many sign-in attempts from this address: try again in a minute', window.since + this.addressWindowMs, now);
      }
      if (user && user.lockedUntil > now) throw tooMany('Too many wrong passwords for this user: try again in a few minutes', user.lockedUntil, now);
      const ops: WriteOp[] = [counted(addressKey, address, window ? window.count + 1 : 1, window?.since ?? now, 0)];
      if (userKey) {
        // A lock that has run out starts a new count.
        const count = user && user.lockedUntil === 0 ? user.count + 1 : 1;
        ops.push(counted(userKey, user, count, user?.since ?? now, count >= this.maxFailures ? now + this.lockMs : 0));
      }
      try {
        await this.store.commit(ops);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflictError) && !(error instanceof DuplicateKeyError)) throw error;
      }
    }
    throw tooMany('Too many sign-in attempts at once: try again in a moment', this.now() + 1000, this.now());
  }

  /** Run `task` after the previous one for the same address in this process (no retry storms). */
  private serialized<T>(address: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(address) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(address, settled);
    void settled.then(() => {
      if (this.queues.get(address) === settled) this.queues.delete(address);
    });
    return run;
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

/** The write op that stores a counter, inserting it or replacing the version read. */
function counted(id: string, current: AttemptDoc | undefined, count: number, since: number, lockedUntil: number): WriteOp {
  const doc: AttemptDoc = { _id: id, count, since, lockedUntil, version: (current?.version ?? 0) + 1 };
  return current ? { op: 'put', collection: FAILURES, doc, expectVersion: current.version } : { op: 'insert', collection: FAILURES, doc };
}
