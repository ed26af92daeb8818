import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { eventually, openScheduled, sleep, type Scheduled } from './open-scheduled.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let t: Scheduled | undefined;
let dir: string;
afterEach(async () => {
  await t?.close();
  removeTempDir(dir);
});

/** Start the child and resolve with the id it prints once its timer's job is stored. */
function runChild(mode: 'stored' | 'locked'): Promise<{ id: string; kill: () => Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const id = out.split('\n')[0];
      if (out.includes('\n') && id) {
        child.kill('SIGKILL');
        resolve({ id, kill: () => closed });
      }
    });
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before its timer was scheduled: ${stderr}`)));
  });
}

// SIGKILL leaves no chance to clean up: the job stays as it was, possibly locked by the
// dead process and waiting in its memory for its time. The embedded store admits one
// process, so no lock survives it; the timer document decides that the firing happens once.
it.each(['stored', 'locked'] as const)('fires a timer whose job was %s before the process was killed (SIGKILL) once, after restart', async (mode) => {
  dir = makeTempDir('scheduler-crash');
  const { id, kill } = await runChild(mode);
  expect(await kill()).toBe('SIGKILL');
  const killedAt = Date.now();

  t = await openScheduled({ dir });
  const tf = t;
  const released = await eventually(async () => {
    const ticket = await tf.engine.get('ticket', id);
    return ticket.state === 'released' && ticket;
  });
  expect(released.version).toBe(3);
  await sleep(200);
  const timeline = await t.engine.timeline('ticket', id);
  const fired = timeline.filter((e) => e.type === 'xstate.after.PT0.6S.ticket.held');
  expect(fired).toHaveLength(1);
  expect(Date.parse(fired[0]?.at ?? '')).toBeGreaterThan(killedAt);
  expect(timeline.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
  expect((await t.engine.get('ticket', id)).version).toBe(3);
  expect(await t.scheduler?.timerJobs()).toEqual([]);
});
