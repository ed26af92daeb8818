/**
 * Child process for crash.test.ts: opens tourflow with its scheduler in argv[2], puts a
 * ticket on hold (a 0.6 s delayed transition), waits until the timer's job is stored
 * (with argv[3] `locked`: then stores it locked by this process, as Agenda does with jobs
 * due before its next poll), prints the ticket id and then idles until it is killed.
 *
 * Run: node --import tsx tests/engine/scheduler/crash-child.ts <dir> [stored|locked]
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { openTourflow } from '../../../engine/bootstrap.js';
import type { StoredJob } from '../../../engine/scheduler/job-doc.js';
import { TIMER_JOB } from '../../../engine/scheduler/scheduler.js';
import { timedPackDir } from './open-scheduled.js';
import { AGENDA_JOBS } from '../../../engine/collections.js';

const dir = process.argv[2];
const locked = process.argv[3] === 'locked';
if (dir === undefined) throw new Error('usage: crash-child.ts <dir> [stored|locked]');

const tf = await openTourflow(
  { dataDir: dir, definitionsDir: timedPackDir, pluginsDir: path.join(dir, 'no-plugins'), packDirs: [timedPackDir] },
  { outbox: { pollMs: 20 }, scheduler: { processEveryMs: 40 } },
);
const ticket = await tf.engine.create('ticket', { data: { title: 'Held' } }, 'user:an');
await tf.engine.send('ticket', ticket.id, { type: 'HOLD' }, 'user:an');
for (;;) {
  const jobs = (await tf.scheduler?.timerJobs()) ?? [];
  if (jobs.some((j) => j.key.endsWith('ticket.held'))) break;
  await new Promise((r) => setTimeout(r, 5));
}
if (locked) {
  const [job] = await tf.store.find<StoredJob>(AGENDA_JOBS, { name: TIMER_JOB });
  if (!job) throw new Error('the timer job is gone');
  await tf.store.commit([{ op: 'put', collection: AGENDA_JOBS, doc: { ...job, lockedAt: Date.now(), version: job.version + 1 }, expectVersion: job.version }]);
}
writeSync(1, `${ticket.id}\n`);
setInterval(() => undefined, 1000);
