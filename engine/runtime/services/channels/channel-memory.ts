/**
 * A channel's durable state (ChannelHost.memory): values a provider makes the channel keep
 * (Zalo's single-use refresh token), and a lock with a lease that every process on the same
 * store respects, so that two processes never spend such a token twice. Both live in the
 * collection `channel-memory`, keyed by channel; a lock is a document taken by insert (or,
 * once its lease ran out, by a version-checked put) and released by a version-checked delete.
 */
import { randomBytes } from 'node:crypto';
import { DuplicateKeyError, UnexpectedError, VersionConflictError } from '../../../errors.js';
import type { ChannelMemory } from '../../../plugins/contract.js';
import type { Store, StoredDoc } from '../../../store/store.js';
import { CHANNEL_MEMORY } from '../../../collections.js';

interface ValueDoc extends StoredDoc {
  value: unknown;
  version: number;
}

interface LockDoc extends StoredDoc {
  holder: string;
  until: number;
  version: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function channelMemory(store: Store, channel: string, now: () => number = Date.now): ChannelMemory {
  const id = (key: string) => `${channel}:${key}`;
  /** One process's callers queue here first, so only one of them contends for the store's lock. */
  const local = new Map<string, Promise<unknown>>();

  async function acquire(key: string, leaseMs: number): Promise<LockDoc> {
    const lockId = id(`lock:${key}`);
    const holder = randomBytes(8).toString('hex');
    const giveUp = now() + leaseMs * 2 + 5_000;
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      const current = await store.get<LockDoc>(CHANNEL_MEMORY, lockId);
      const mine: LockDoc = { _id: lockId, holder, until: now() + leaseMs, version: (current?.version ?? 0) + 1 };
      try {
        if (!current) {
          await store.commit([{ op: 'insert', collection: CHANNEL_MEMORY, doc: mine }]);
          return mine;
        }
        if (current.until <= now()) {
          // Its holder died or overran its lease: take it over, unless someone else just did.
          await store.commit([{ op: 'put', collection: CHANNEL_MEMORY, doc: mine, expectVersion: current.version }]);
          return mine;
        }
      } catch (error) {
        if (!(error instanceof DuplicateKeyError || error instanceof VersionConflictError)) throw error;
      }
      if (now() > giveUp) throw new UnexpectedError(`The ${channel} channel's lock "${key}" stayed taken`);
      await sleep(wait);
    }
  }

  async function release(lock: LockDoc): Promise<void> {
    try {
      await store.commit([{ op: 'delete', collection: CHANNEL_MEMORY, id: lock._id, expectVersion: lock.version }]);
    } catch (error) {
      // Taken over after the lease ran out: it is someone else's now.
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }

  return {
    async get<T>(key: string): Promise<T | undefined> {
      return (await store.get<ValueDoc>(CHANNEL_MEMORY, id(key)))?.value as T | undefined;
    },
    async set(key, value) {
      const current = await store.get<ValueDoc>(CHANNEL_MEMORY, id(key));
      await store.commit([{ op: 'put', collection: CHANNEL_MEMORY, doc: { _id: id(key), value, version: (current?.version ?? 0) + 1 } }]);
    },
    withLock<T>(key: string, fn: () => Promise<T>, leaseMs = 30_000): Promise<T> {
      const before = local.get(key) ?? Promise.resolve();
      const run = before
        .catch(() => undefined)
        .then(async () => {
          const lock = await acquire(key, leaseMs);
          try {
            return await fn();
          } finally {
            await release(lock);
          }
        });
      local.set(key, run);
      void run.finally(() => {
        if (local.get(key) === run) local.delete(key);
      }).catch(() => undefined);
      return run;
    },
  };
}
