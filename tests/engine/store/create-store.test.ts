import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createStore } from '../../../engine/store/create-store.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('create');
});
afterEach(() => {
  removeTempDir(dir);
});

it('opens the embedded store in DATA_DIR when MONGODB_URL is unset or empty', async () => {
  const store = await createStore({ DATA_DIR: dir, MONGODB_URL: '' });
  try {
    expect(store.kind).toBe('embedded');
    expect(existsSync(join(dir, 'store'))).toBe(true);
  } finally {
    await store.close();
  }
});

it('chooses MongoDB when MONGODB_URL is set, failing clearly on a bad URL without echoing it', async () => {
  const opening = createStore({ DATA_DIR: dir, MONGODB_URL: 'mongodb://user:secret@' });
  await expect(opening).rejects.toMatchObject({ code: 'store-unavailable' });
  await expect(opening).rejects.toThrow(/MONGODB_URL is not a usable connection string/);
  await expect(opening).rejects.not.toThrow(/secret/);
});

it('leaves the MongoDB driver unloaded on the embedded store (its BSON buffer alone is 17 MB)', () => {
  const script = join(import.meta.dirname, 'loaded-modules.ts');
  const loaded = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8' })) as string[];
  // The listing works: the embedded store's own packages are in it.
  expect(loaded).toContain('lmdb');
  expect(loaded.filter((name) => /mongo|bson/.test(name))).toEqual([]);
});
