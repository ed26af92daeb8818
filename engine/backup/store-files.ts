/**
 * The embedded store's files as a backup sees them: a consistent copy taken by lmdb while
 * the server runs and writes (its own copy facility, a read transaction: never a file copy
 * of a live database), and what a copy holds, read back without the server.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { OperationalError, ensureError } from '../errors.js';
import type { DocKey } from '../store/apply-ops.js';
import { collectionRange, LMDB_ENCODING, LMDB_SUBDIR } from '../store/embedded-store.js';
import type { StoredDoc } from '../store/store.js';

/** The lmdb file inside a store directory. */
export const LMDB_DATA_FILE = 'data.mdb';

/** The store directory of data directory `dataDir`. */
export function storeDirOf(dataDir: string): string {
  return join(dataDir, LMDB_SUBDIR);
}

function openFiles(storeDir: string, what: string): RootDatabase<StoredDoc, DocKey> {
  try {
    return open<StoredDoc, DocKey>({ path: storeDir, readOnly: true, ...LMDB_ENCODING });
  } catch (caught) {
    throw new OperationalError('store-unavailable', `Cannot open ${what} in ${storeDir}: ${ensureError(caught).message}`, { cause: caught });
  }
}

/**
 * Copy the store of `dataDir` into `targetDir` (created; it must be empty), compacted.
 * Safe while another process writes to it: lmdb copies one consistent snapshot.
 */
export async function copyStore(dataDir: string, targetDir: string): Promise<void> {
  const db = openFiles(storeDirOf(dataDir), 'the store');
  try {
    mkdirSync(targetDir, { recursive: true });
    await db.backup(targetDir, true);
  } finally {
    await db.close();
  }
}

/** What a store copy holds: documents per collection, and the documents of some collections. */
export interface StoreContents {
  collections: Record<string, number>;
}

/**
 * Count the documents of each collection of the store copy in `storeDir`, and hand the
 * documents of `read` collections to `visit` (one at a time; nothing is kept).
 */
export async function readStoreCopy(
  storeDir: string,
  read: readonly string[] = [],
  visit: (collection: string, doc: StoredDoc) => void = () => undefined,
): Promise<StoreContents> {
  const db = openFiles(storeDir, 'the backup’s store');
  try {
    const collections: Record<string, number> = {};
    for (const key of db.getKeys()) {
      // The store's own keys are [collection, id]; lmdb keeps its shared structures beside them.
      if (!Array.isArray(key) || typeof key[0] !== 'string') continue;
      collections[key[0]] = (collections[key[0]] ?? 0) + 1;
    }
    for (const collection of read) {
      for (const { value } of db.getRange(collectionRange(collection))) visit(collection, value);
    }
    return { collections };
  } finally {
    await db.close();
  }
}
