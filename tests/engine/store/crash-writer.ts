/**
 * Child process for crash.test.ts: commits `{_id: 'doc-N', n: N}` into the embedded
 * store in argv[2] until killed, printing each id once its commit has resolved, that
 * is once the store has acknowledged it as durable.
 *
 * Run: node --import tsx tests/engine/store/crash-writer.ts <dir>
 */

import { writeSync } from 'node:fs';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';

/** Commits in flight at once, so that lmdb also batches several into one transaction. */
const WRITERS = 4;

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-writer.ts <dir>');

const store = await openEmbeddedStore({ dir });
let next = 0;

async function writeForever(): Promise<never> {
  for (;;) {
    const n = next++;
    await store.commit([{ op: 'insert', collection: 'docs', doc: { _id: `doc-${n}`, n } }]);
    // Synchronous write to fd 1: the acknowledgement leaves before the next commit starts.
    writeSync(1, `doc-${n}\n`);
  }
}

await Promise.all(Array.from({ length: WRITERS }, writeForever));
