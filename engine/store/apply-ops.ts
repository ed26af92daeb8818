/**
 * The body of one embedded commit: checks and applies write ops inside an lmdb write
 * transaction. Throwing aborts the transaction, so a failed check anywhere in the
 * batch leaves every earlier write of the batch unapplied.
 */

import type { Database } from 'lmdb';
import { DuplicateKeyError, VersionConflictError } from '../errors.js';
import type { StoredDoc, WriteOp } from './store.js';

/** An lmdb key: the collection, then the document's `_id`. */
export type DocKey = [collection: string, id: string];

/** The lmdb key of a document. */
export function docKey(collection: string, id: string): DocKey {
  return [collection, id];
}

/**
 * Apply `ops` in order; each op sees the writes of the ops before it. Must run inside
 * an abortable (child) transaction.
 *
 * @throws DuplicateKeyError, VersionConflictError
 */
export function applyOps(db: Database<StoredDoc, DocKey>, ops: WriteOp[]): void {
  for (const op of ops) {
    const id = opId(op);
    const key = docKey(op.collection, id);
    const current = db.get(key);
    switch (op.op) {
      case 'insert':
        if (current !== undefined) throw new DuplicateKeyError(op.collection, id);
        db.putSync(key, op.doc);
        break;
      case 'put':
        checkVersion(op.collection, id, op.expectVersion, current);
        db.putSync(key, op.doc);
        break;
      case 'delete':
        checkVersion(op.collection, id, op.expectVersion, current);
        if (current !== undefined) db.removeSync(key);
        break;
      case 'inc':
        db.putSync(key, incremented(current, op));
        break;
    }
  }
}

/** The `_id` an op writes. */
export function opId(op: WriteOp): string {
  return op.op === 'delete' || op.op === 'inc' ? op.id : op.doc._id;
}

/** What an `inc` op leaves stored, given what is stored now (like MongoDB's $inc with $setOnInsert). */
export function incremented(current: StoredDoc | undefined, op: Extract<WriteOp, { op: 'inc' }>): StoredDoc {
  const next: StoredDoc = current ?? { ...op.insert, _id: op.id };
  for (const [field, amount] of Object.entries(op.by)) {
    const value = next[field];
    next[field] = (typeof value === 'number' ? value : 0) + amount;
  }
  return next;
}

function checkVersion(
  collection: string,
  id: string,
  expected: number | undefined,
  current: StoredDoc | undefined,
): void {
  if (expected === undefined) return;
  const actual = typeof current?.version === 'number' ? current.version : undefined;
  if (actual !== expected) throw new VersionConflictError(collection, id, expected, actual);
}
