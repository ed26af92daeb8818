/**
 * A channel's durable memory and its lock: values survive a reopen of the store; callers of
 * two "processes" (two memories on one store) never hold the lock at once; a lock whose
 * holder died is taken over once its lease has run out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelMemory } from '../../../engine/runtime/services/channels/channel-memory.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { CHANNEL_MEMORY } from '../../../engine/collections.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = makeTempDir('channel-memory');
  store = await openEmbeddedStore({ dir });
});
afterEach(async () => {
  await store.close();
  removeTempDir(dir);
});

describe('channel memory', () => {
  it('keeps values per channel across a reopen of the store', async () => {
    await channelMemory(store, 'zalo').set('tokens', { refreshToken: 'rt-1' });
    await store.close();
    store = await openEmbeddedStore({ dir });
    expect(await channelMemory(store, 'zalo').get('tokens')).toEqual({ refreshToken: 'rt-1' });
    expect(await channelMemory(store, 'messenger').get('tokens')).toBeUndefined();
  });

  it('lets one holder at a time run, across two memories on one store', async () => {
    const one = channelMemory(store, 'zalo');
    const two = channelMemory(store, 'zalo');
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        (n % 2 ? one : two).withLock('tokens', async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(n);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toHaveLength(12);
    expect(await store.count(CHANNEL_MEMORY, {})).toBe(0);
  });

  it('takes over a lock whose holder died once its lease has run out', async () => {
    let clock = 1_000_000;
    const memory = channelMemory(store, 'zalo', () => clock);
    await store.commit([{ op: 'insert', collection: CHANNEL_MEMORY, doc: { _id: 'zalo:lock:tokens', holder: 'dead-process', until: clock + 5_000, version: 1 } }]);
    const ran: string[] = [];
    const waiting = memory.withLock('tokens', () => Promise.resolve(void ran.push('after the lease')), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual([]);
    clock += 5_001;
    await waiting;
    expect(ran).toEqual(['after the lease']);
  });
});
