/**
 * Durable transitions per second through the runtime, against the floor: XState's
 * `transition()` plus the same store write (record put with version check + event-log
 * insert) with no engine around it, on the same embedded store settings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, transition, type AnyStateMachine } from 'xstate';
import { openTourflow } from '../../engine/index.js';
import type { Store } from '../../engine/index.js';
import { openEmbeddedStore } from '../../engine/store/embedded-store.js';
import { report, runConcurrent } from './report.js';

const packDir = path.resolve(import.meta.dirname, 'pack');
const RECORDS = 500;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-'));
}

async function engineRun(events: number, concurrency: number): Promise<number> {
  const dir = tempDir();
  const tf = await openTourflow(
    { dataDir: dir, definitionsDir: packDir, pluginsDir: path.resolve('plugins'), packDirs: [packDir] },
    { outbox: { autoStart: false } },
  );
  try {
    const ids: string[] = [];
    for (let i = 0; i < RECORDS; i++) ids.push((await tf.engine.create('toggle', { data: { name: `r${i}`, amount: i } }, 'bench')).id);
    // Each in-flight task owns its records, so no two writers touch the same record.
    const ms = await runConcurrent(events, concurrency, (i) => tf.engine.send('toggle', ids[i % RECORDS], { type: 'TOGGLE' }, 'bench'));
    return (events / ms) * 1000;
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface FloorDoc {
  _id: string;
  state: string;
  data: Record<string, number | string>;
  version: number;
  [k: string]: unknown;
}

/** The floor's one transition: read the record, XState's `transition()`, the same fsync'd writes. */
export async function floorTransition(store: Store, machine: AnyStateMachine, id: string): Promise<void> {
  const doc = (await store.get<FloorDoc>('records', id)) as FloorDoc;
  const snapshot = machine.resolveState({ value: doc.state, context: doc.data });
  const [next] = transition(machine, snapshot, { type: 'TOGGLE' });
  const updated = { ...doc, state: next.value as string, data: { ...doc.data, flips: Number(doc.data.flips) + 1 }, version: doc.version + 1 };
  await store.commit([
    { op: 'put', collection: 'records', doc: updated, expectVersion: doc.version },
    { op: 'insert', collection: 'events', doc: { _id: `${doc._id}:${updated.version}`, type: 'TOGGLE', at: new Date().toISOString() } },
  ]);
}

export function floorMachine(): AnyStateMachine {
  const config = JSON.parse(readFileSync(path.join(packDir, 'toggle.machine.json'), 'utf8')) as object;
  return setup({
    guards: { fieldCompare: ({ context }: { context: Record<string, number> }) => (context.amount ?? 0) >= 0 },
    actions: { incrementField: () => undefined },
  }).createMachine(config as never) as unknown as AnyStateMachine;
}

async function floorRun(events: number, concurrency: number): Promise<number> {
  const dir = tempDir();
  const store: Store = await openEmbeddedStore({ dir });
  const machine = floorMachine();
  try {
    const ops = [];
    for (let i = 0; i < RECORDS; i++) {
      ops.push({ op: 'insert' as const, collection: 'records', doc: { _id: `r${i}`, state: 'off', data: { name: `r${i}`, amount: i, flips: 0 }, version: 1 } });
    }
    await store.commit(ops);
    const ms = await runConcurrent(events, concurrency, (i) => floorTransition(store, machine, `r${i % RECORDS}`));
    return (events / ms) * 1000;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchTransitions(): Promise<void> {
  for (const [label, events, concurrency] of [
    ['sequential', 2000, 1],
    ['concurrent50', 5000, 50],
  ] as const) {
    const floor = await floorRun(events, concurrency);
    const engine = await engineRun(events, concurrency);
    report(`transitions_${label}_engine`, engine, 'ops/s');
    report(`transitions_${label}_floor`, floor, 'ops/s');
    report(`transitions_${label}_engine_over_floor`, engine / floor, 'ratio');
  }
}
