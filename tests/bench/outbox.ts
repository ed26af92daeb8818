/**
 * The outbox draining a burst: 10 000 effects queued at once (a notification each, one
 * store commit per effect), run by the worker as configured (records side by side)
 * against the same worker one effect at a time (how it ran before), in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTourflow, type Tourflow } from '../../engine/index.js';
import { percentile, report } from './report.js';

const packDir = path.resolve(import.meta.dirname, 'pack');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const EFFECTS = 10_000;
const BATCH = 5_000;

/** Every stage of the bench's toggle notifies its owner on entry: one effect per event. */
async function notifyOnEveryStage(tf: Tourflow): Promise<void> {
  const toggle = await tf.engine.getDefinition('toggle');
  const machine = structuredClone(toggle.machine);
  if (Object.keys(machine.states).length === 0) throw new Error('the bench pack has no stage');
  for (const stage of Object.values(machine.states)) {
    stage.entry = [{ type: 'notify', params: { to: 'owner', message: { vi: 'Hồ sơ đã chuyển', en: 'A record moved' } } }];
  }
  await tf.engine.saveDefinition('toggle', { schema: toggle.schema, machine }, 'bench');
}

async function drainRun(concurrency: number): Promise<{ ms: number; ran: number; rssMb: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-outbox-'));
  const tf = await openTourflow(
    { dataDir: dir, definitionsDir: packDir, pluginsDir: path.resolve('plugins'), packDirs: [packDir] },
    { outbox: { autoStart: false, concurrency }, scheduler: false },
  );
  try {
    await notifyOnEveryStage(tf);
    for (let done = 0; done < EFFECTS; done += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, i) => ({ data: { name: `r${done + i}`, amount: i } }));
      await tf.engine.importRecords('toggle', rows, 'system:bench', {});
    }
    const before = process.memoryUsage().rss;
    const start = performance.now();
    while ((await tf.engine.drainOutbox()) > 0);
    const ms = performance.now() - start;
    const ran = await tf.store.count('outbox', { status: 'done' });
    return { ms, ran, rssMb: (process.memoryUsage().rss - before) / 1024 / 1024 };
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchOutbox(): Promise<void> {
  const sequential = await drainRun(1);
  const concurrent = await drainRun(32);
  report('outbox_10k_effects_sequential', sequential.ms / 1000, 's');
  report('outbox_10k_effects', concurrent.ms / 1000, 's');
  report('outbox_effects_per_s', (concurrent.ran / concurrent.ms) * 1000, 'effects/s');
  report('outbox_effects_per_s_sequential', (sequential.ran / sequential.ms) * 1000, 'effects/s');
  report('outbox_speedup_over_sequential', sequential.ms / concurrent.ms, 'ratio');
  report('outbox_rss_growth_while_draining', concurrent.rssMb, 'MB');
  if (concurrent.ran !== EFFECTS) throw new Error(`the outbox ran ${concurrent.ran} of ${EFFECTS} effects`);
}

/**
 * Effects under sustained event load: 50 senders send events as fast as the engine accepts
 * them for `seconds`, each event queueing one effect, while the outbox worker runs as in
 * production (started, its default concurrency) in the same process. It keeps pace when
 * the backlog at the end is under a second of events and stays flat through the run.
 */
export async function benchOutboxSustained(seconds = 15): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-outbox-load-'));
  const tf = await openTourflow(
    { dataDir: dir, definitionsDir: packDir, pluginsDir: path.resolve('plugins'), packDirs: [packDir] },
    { scheduler: false },
  );
  const pending = () => tf.store.count('outbox', { status: 'pending' });
  try {
    await notifyOnEveryStage(tf);
    const ids: string[] = [];
    for (let done = 0; done < 2000; done += 1000) {
      const rows = Array.from({ length: 1000 }, (_, i) => ({ data: { name: `r${done + i}`, amount: i }, owner: 'admin' }));
      const imported = await tf.engine.importRecords('toggle', rows, 'system:bench', {});
      ids.push(...imported.ids);
    }
    while ((await pending()) > 0) await sleep(50);
    const done = () => tf.store.count('outbox', { status: 'done' });
    const already = await done();
    let sent = 0;
    const backlog: number[] = [];
    const until = performance.now() + seconds * 1000;
    const sampler = setInterval(() => void pending().then((count) => backlog.push(count)), 1000);
    // Each sender owns every 50th record: no two events on one record at once.
    await Promise.all(
      Array.from({ length: 50 }, async (_, sender) => {
        for (let round = 0; performance.now() < until; round++) {
          const id = ids[(sender + 50 * (round % (ids.length / 50))) % ids.length];
          await tf.engine.send('toggle', id, { type: 'TOGGLE' }, 'bench');
          sent++;
        }
      }),
    );
    clearInterval(sampler);
    const ranInWindow = (await done()) - already;
    const pendingAtEnd = await pending();
    const drainStart = performance.now();
    while ((await pending()) > 0) await sleep(50);
    const drainMs = performance.now() - drainStart;
    const eventsPerSecond = sent / seconds;
    report('outbox_sustained_events_per_s', eventsPerSecond, 'events/s');
    report('outbox_sustained_effects_per_s', ranInWindow / seconds, 'effects/s');
    report('outbox_sustained_backlog_at_end', pendingAtEnd, 'effects');
    report('outbox_sustained_backlog_at_end_seconds_of_events', pendingAtEnd / eventsPerSecond, 's');
    report('outbox_sustained_backlog_p50_during', percentile(backlog, 50), 'effects');
    report('outbox_sustained_drain_after', drainMs / 1000, 's');
    report('outbox_sustained_peak_rss', process.resourceUsage().maxRSS / 1024, 'MB');
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
