import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** How many acknowledged commits to collect before pulling the plug. */
const ACKS_BEFORE_KILL = 200;

let dir: string;
beforeEach(() => {
  dir = makeTempDir('crash');
});
afterEach(() => {
  removeTempDir(dir);
});

// SIGKILL ends the process but not the kernel, so this proves that a commit is
// acknowledged only once lmdb has committed it and that the dead writer's lock is taken
// over; surviving power loss rests on the fsync before acknowledgement (overlappingSync
// off), which no test short of cutting the power can show.
it('keeps every acknowledged commit when the writer is killed with SIGKILL', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  let stderr = '';
  let partial = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': it fires once stdout is drained, so no acknowledgement is missed.
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('close', (_code, signal) => resolve(signal)),
  );

  let lockedWhileRunning: unknown;
  let killing = false;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? ''; // an id is acknowledged only once its line is complete
      acknowledged.push(...lines);
      if (acknowledged.length >= ACKS_BEFORE_KILL && !killing) {
        killing = true;
        // While the writer runs, this process must be refused the directory.
        openEmbeddedStore({ dir }).then(
          async (store) => {
            await store.close();
            reject(new Error('a second process opened a locked data directory'));
          },
          (error: unknown) => {
            lockedWhileRunning = error;
            child.kill('SIGKILL');
            resolve();
          },
        );
      }
    });
    child.on('exit', () => reject(new Error(`the writer exited early: ${stderr}`)));
  });

  expect(await exited).toBe('SIGKILL');
  expect(lockedWhileRunning).toMatchObject({ code: 'store-locked', extra: { pid: child.pid } });
  expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

  // The dead writer's lock is stale: this open must take it over.
  const store = await openEmbeddedStore({ dir });
  try {
    const stored = new Set((await store.find('docs', {})).map((doc) => doc._id));
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(await store.get('docs', 'doc-0')).toEqual({ _id: 'doc-0', n: 0 });
  } finally {
    await store.close();
  }
});
