/**
 * A real tourflow with its scheduler on the embedded store, over the `timed` fixture
 * pack, polling every 40 ms so that tests wait tens of milliseconds, not seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTourflow, type Tourflow } from '../../../engine/bootstrap.js';
import type { SchedulerOptions } from '../../../engine/scheduler/scheduler.js';
import type { EventLogDoc } from '../../../engine/runtime/core/record.js';

export const timedPackDir = path.resolve(import.meta.dirname, '../../fixtures/packs/timed');
export const POLL_MS = 40;

export interface Scheduled extends Tourflow {
  dir: string;
  /** Failures the scheduler logged. */
  logged: string[];
  /** Close, and remove the data directory. */
  dispose(): Promise<void>;
}

export async function openScheduled(options: { dir?: string; scheduler?: SchedulerOptions; timeZone?: string } = {}): Promise<Scheduled> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'tourflow-scheduler-'));
  const logged: string[] = [];
  const tf = await openTourflow(
    {
      dataDir: dir,
      definitionsDir: timedPackDir,
      pluginsDir: path.join(dir, 'no-plugins'),
      packDirs: [timedPackDir],
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
    {
      outbox: { pollMs: 20, backoffMs: 10 },
      scheduler: { processEveryMs: POLL_MS, log: (message) => logged.push(message), ...options.scheduler },
    },
  );
  return {
    ...tf,
    dir,
    logged,
    async dispose() {
      await tf.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` returns a value (short real delays only). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`not reached within ${ms} ms`);
    await sleep(10);
  }
}

/** The timeline of a record as [type, payload] pairs of its timer and reminder entries. */
export function timerSteps(timeline: EventLogDoc[]): string[] {
  return timeline.filter((e) => e.kind === 'timer' || e.kind === 'reminder').map((e) => e.type);
}
