import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationalError, VersionConflictError } from '../../../engine/errors.js';
import { LOCK_FILE } from '../../../engine/store/dir-lock.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { storeContract } from './store-contract.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

storeContract('embedded', async () => {
  const dir = makeTempDir('contract');
  let store = await openEmbeddedStore({ dir });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await openEmbeddedStore({ dir });
      return store;
    },
    cleanup: async () => {
      await store.close();
      removeTempDir(dir);
    },
  };
});

describe('embedded store', () => {
  let dir: string;
  const opened: Store[] = [];
  const open = async (): Promise<Store> => {
    const store = await openEmbeddedStore({ dir });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = makeTempDir('embedded');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    removeTempDir(dir);
  });

  describe('data directory lock', () => {
    it('refuses a second open of the same directory, naming it', async () => {
      await open();
      const second = openEmbeddedStore({ dir });
      await expect(second).rejects.toBeInstanceOf(OperationalError);
      await expect(second).rejects.toMatchObject({
        code: 'store-locked',
        message: `The data directory ${resolve(dir)} is in use by process ${process.pid}; stop it or use another DATA_DIR`,
      });
    });

    it('refuses a directory whose lock names another live process', async () => {
      // A sleeping node process stands in for another server on this directory.
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
      try {
        writeFileSync(join(dir, LOCK_FILE), `${other.pid}\n`);
        const blocked = openEmbeddedStore({ dir });
        await expect(blocked).rejects.toMatchObject({ code: 'store-locked', extra: { pid: other.pid } });
        await expect(blocked).rejects.toThrow(`is in use by process ${other.pid}`);
        expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(other.pid));
      } finally {
        other.kill('SIGKILL');
      }
    });

    it('takes over a stale lock left by a dead process', async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
      const store = await open();
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
      await store.commit([{ op: 'insert', collection: 'c', doc: { _id: 'a' } }]);
      expect(await store.get('c', 'a')).toEqual({ _id: 'a' });
    });

    it('takes over a stale lock whose pid now belongs to another process (a reused pid)', async () => {
      // The lock of a server that died; its pid now names a live process that started later.
      const other = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        const [boot] = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').split('\n');
        writeFileSync(join(dir, LOCK_FILE), `${other.pid}\n${boot}\n1\n`);
        await expect(open()).resolves.toBeDefined();
        expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
      } finally {
        other.kill('SIGKILL');
      }
    });

    it('takes over a lock from before start times were recorded when its pid is not a Node.js process', async () => {
      const other = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        writeFileSync(join(dir, LOCK_FILE), `${other.pid}\n`);
        await expect(open()).resolves.toBeDefined();
      } finally {
        other.kill('SIGKILL');
      }
    });

    it('refuses a directory another live server holds (its lock records its start time)', async () => {
      const storeModule = new URL('../../../engine/store/embedded-store.ts', import.meta.url).href;
      const holder = `const { openEmbeddedStore } = await import(${JSON.stringify(storeModule)}); await openEmbeddedStore({ dir: ${JSON.stringify(dir)} }); console.log('open'); setTimeout(() => {}, 30000);`;
      const other = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holder], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        await new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));
        expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')).toHaveLength(4);
        await expect(openEmbeddedStore({ dir })).rejects.toMatchObject({ code: 'store-locked', extra: { pid: other.pid } });
      } finally {
        other.kill('SIGKILL');
      }
    });

    it('takes over a lock holding its own pid from a previous run (pid 1 in a container)', async () => {
      writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
      await expect(open()).resolves.toBeDefined();
    });

    it('releases the lock on close so the directory can be opened again', async () => {
      const store = await open();
      await store.close();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
      await expect(open()).resolves.toBeDefined();
    });
  });

  it('keeps a failing commit from touching commits lmdb batches with it', async () => {
    const store = await open();
    await store.commit([{ op: 'insert', collection: 'c', doc: { _id: 'x', version: 1 } }]);
    // Issued in one event turn, these land in the same lmdb write transaction.
    const results = await Promise.allSettled([
      store.commit([{ op: 'insert', collection: 'c', doc: { _id: 'a' } }]),
      store.commit([
        { op: 'insert', collection: 'c', doc: { _id: 'b' } },
        { op: 'put', collection: 'c', doc: { _id: 'x', version: 2 }, expectVersion: 5 },
      ]),
      store.commit([{ op: 'insert', collection: 'c', doc: { _id: 'd' } }]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await store.find('c', {}, { sort: { _id: 1 } })).map((doc) => doc._id)).toEqual(['a', 'd', 'x']);
  });

  it('lets commits in flight finish when it is closed', async () => {
    const store = await open();
    const committing = store.commit([{ op: 'insert', collection: 'c', doc: { _id: 'a' } }]);
    await store.close();
    await expect(committing).resolves.toBeUndefined();
    expect(await (await open()).get('c', 'a')).toEqual({ _id: 'a' });
  });

  it('rejects calls after close with a store-unavailable error', async () => {
    const store = await open();
    await store.close();
    await expect(store.get('c', 'a')).rejects.toMatchObject({ code: 'store-unavailable' });
    await expect(store.commit([{ op: 'delete', collection: 'c', id: 'a' }])).rejects.toMatchObject({
      code: 'store-unavailable',
    });
  });

  it('keeps no decoded document alive through its index entries', async () => {
    // Decoders hand out strings sliced from one string of a whole document's bytes; an
    // index that kept such a slice (an id, a key) kept the whole document in memory.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const docs = 2000;
    const filler = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, `a short text, as records hold ${i}`]));
    let store = await open();
    for (let i = 0; i < docs; i += 500) {
      const ops = Array.from({ length: 500 }, (_, j) => ({
        op: 'insert' as const,
        collection: 'records',
        doc: { _id: `record-${String(i + j).padStart(8, '0')}`, owner: `owner-number-${(i + j) % 7}`, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i + j)).toISOString(), ...filler },
      }));
      await store.commit(ops);
    }
    await store.close();
    store = await open();
    gc();
    const before = process.memoryUsage().heapUsed;
    await store.ensureIndex('records', ['owner', 'updatedAt']);
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    // About 7 kB of text per document: kept, that would be 13 MB; the entries alone are well under 2.
    expect(kept).toBeLessThan(2 * 1024 * 1024);
    expect(await store.count('records', { owner: 'owner-number-3' })).toBe(286);
    const [newest] = await store.find('records', {}, { sort: { updatedAt: -1 }, limit: 1 });
    expect(newest?._id).toBe('record-00001999');
  });
});

