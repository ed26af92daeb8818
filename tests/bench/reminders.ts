/**
 * 10,000 reminders due at the same moment: how long after that moment the last one has
 * fired, and how late each firing is against its due time (p50, p99). Production
 * settings: the embedded store, the scheduler's defaults (timers fired in batches of 100,
 * six batches at once, engine/scheduler/timer-runner.ts).
 *
 * Each reminder is a real one: a record whose stage has a reminder on its date field,
 * armed in the record's commit and handed to Agenda through the outbox. "Fired" is the
 * moment the engine consumed the timer (the timeline's `reminder.fired` entry); "notified"
 * the moment its message reached the person's inbox (the notification's `createdAt`), which
 * is what the person waits for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTourflow, type Tourflow } from '../../engine/bootstrap.js';
import type { EventLogDoc } from '../../engine/runtime/core/record.js';
import { percentile, report, runConcurrent } from './report.js';

const packDir = path.resolve(import.meta.dirname, 'fixtures/reminders');
const REMINDERS = 10_000;
const CALIBRATION = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(dir: string): Promise<Tourflow> {
  return openTourflow(
    { dataDir: dir, definitionsDir: packDir, pluginsDir: path.join(dir, 'no-plugins'), packDirs: [packDir] },
    { scheduler: { log: () => undefined } },
  );
}

/** Create `count` appointments at `at` and wait until every reminder has its Agenda job; resolves with the ms it took. */
async function arm(tf: Tourflow, count: number, at: Date): Promise<number> {
  const start = performance.now();
  await runConcurrent(count, 50, (i) => tf.engine.create('appointment', { data: { title: `a${i}`, at: at.toISOString() } }, `user:u${i % 100}`));
  while ((await tf.store.count('agenda-jobs', { name: 'tourflow.timer' })) < count) await sleep(50);
  return performance.now() - start;
}

export async function benchReminders(): Promise<void> {
  const count = REMINDERS;
  // How fast reminders are armed here decides how far ahead the common due moment must be.
  const probeDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-reminders-'));
  let perReminder: number;
  const probe = await open(probeDir);
  try {
    perReminder = (await arm(probe, CALIBRATION, new Date(Date.now() + 3_600_000))) / CALIBRATION;
  } finally {
    await probe.close();
    rmSync(probeDir, { recursive: true, force: true });
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-reminders-'));
  const tf = await open(dir);
  try {
    const due = new Date(Date.now() + Math.ceil(perReminder * count * 1.5) + 8000);
    const armedMs = await arm(tf, count, due);
    if (Date.now() >= due.getTime()) throw new Error('arming took longer than planned: the due moment has passed');
    report('reminders_10k_armed', armedMs, 'ms');

    // A reminder that fired has consumed its timer: the count of timers says when all have
    // (an unfiltered count is free; a filtered one would scan and slow the run measured).
    while ((await tf.store.count('timers')) > 0) await sleep(50);
    const fired = await tf.store.find<EventLogDoc & { _id: string }>('events', { type: 'reminder.fired' });
    if (fired.length !== count) throw new Error(`${fired.length} reminders fired, not ${count}`);
    const lateness = fired.map((e) => Date.parse(e.at) - due.getTime());
    report('reminders_10k_all_fired', Math.max(...lateness), 'ms');
    report('reminders_lateness_p50', percentile(lateness, 50), 'ms');
    report('reminders_lateness_p99', percentile(lateness, 99), 'ms');
    // Each reminder tells the appointment's owner: one inbox message each.
    const notes = await tf.store.find<{ _id: string; createdAt: string }>('notifications', {});
    if (notes.length !== count) throw new Error(`${notes.length} inbox messages, not ${count}`);
    report('reminders_notified_p99', percentile(notes.map((n) => Date.parse(n.createdAt) - due.getTime()), 99), 'ms');
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
