/**
 * The outbox draining a burst: 10 000 effects queued at once (a notification each, one
 * store commit per effect), run by the worker as configured (records side by side)
 * against the same worker one effect at a time (how it ran before), in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTourflow } from '../../engine/index.js';
import { report } from './report.js';

const packDir = path.resolve(import.meta.dirname, 'pack');
const EFFECTS = 10_000;
const BATCH = 5_000;

async function drainRun(concurrency: number): Promise<{ ms: number; ran: number; rssMb: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-outbox-'));
  const tf = await openTourflow(
    { dataDir: dir, definitionsDir: packDir, pluginsDir: path.resolve('plugins'), packDirs: [packDir] },
    { outbox: { autoStart: false, concurrency }, scheduler: false },
  );
  try {
    const toggle = await tf.engine.getDefinition('toggle');
    const machine = structuredClone(toggle.machine);
    const first = machine.states[machine.initial];
    if (!first) throw new Error('the bench pack has no initial stage');
    first.entry = [{ type: 'notify', params: { to: 'owner', message: { vi: 'Có hồ sơ mới', en: 'A new record' } } }];
    await tf.engine.saveDefinition('toggle', { schema: toggle.schema, machine }, 'bench');
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
