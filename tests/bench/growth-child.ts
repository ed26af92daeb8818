/**
 * One size of the growth table (./growth.ts), in a process of its own so that its memory
 * is its own: load `N` records (and their event logs) straight into a fresh embedded
 * store, open tourflow on it, then measure. Prints one JSON line.
 *
 * Records are written by the store, not the engine: a million through the engine would
 * take the bench a quarter of an hour. They have the shape the engine gives (see
 * `recordDoc`), two events each, and spread over stages, owners and a year of dates.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openTourflow } from '../../engine/index.js';
import { openEmbeddedStore } from '../../engine/store/embedded-store.js';
import type { StoredDoc, WriteOp } from '../../engine/store/store.js';
import { percentile, runConcurrent } from './report.js';
import { floorMachine, floorTransition } from './transitions.js';

const packDir = path.resolve(import.meta.dirname, 'pack');
const OWNERS = ['sales1', 'sales2', 'sales3', 'sales4', 'sales5'];
const BATCH = 10_000;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const EPOCH = Date.UTC(2026, 0, 1);

export interface GrowthFigures {
  records: number;
  /** Writing the records and running the floor. */
  loadSeconds: number;
  openSeconds: number;
  transitionsPerSecond: number;
  floorTransitionsPerSecond: number;
  listIndexedP50: number;
  listIndexedP99: number;
  listFieldSortP50: number;
  listFieldSortP99: number;
  heapMb: number;
  rssMb: number;
  rssAnonMb: number;
}

/** Record `i` as the engine stores it (after one TOGGLE when it is on). */
function recordDoc(i: number, id: string): StoredDoc {
  const on = i % 2 === 1;
  const created = new Date(EPOCH + ((i * 7919) % YEAR_MS)).toISOString();
  const updated = new Date(EPOCH + ((i * 7919) % YEAR_MS) + ((i * 104_729) % (30 * 24 * 3600 * 1000))).toISOString();
  return {
    _id: id,
    entity: 'toggle',
    definitionVersion: 1,
    state: on ? 'on' : 'off',
    stage: on ? 'on' : 'off',
    status: 'active',
    data: { name: `Bản ghi ${i}`, amount: (i * 37) % 100_000, flips: on ? 1 : 0 },
    activitiesDone: [],
    owner: OWNERS[i % OWNERS.length],
    version: 2,
    createdAt: created,
    updatedAt: updated,
    stageEnteredAt: updated,
    createdBy: 'bench',
    updatedBy: 'bench',
  };
}

function eventDocs(record: StoredDoc): StoredDoc[] {
  const id = record._id;
  const base = { recordId: id, entity: 'toggle', actor: 'bench' };
  return [
    { _id: `${id}:1`, ...base, version: 1, at: record.createdAt, type: 'created', kind: 'created', to: 'off', payload: record.data },
    { _id: `${id}:2`, ...base, version: 2, at: record.updatedAt, type: 'TOGGLE', kind: 'event', from: 'off', to: record.stage, payload: null },
  ];
}

/**
 * Each run: this many events, 50 at a time, each on a record of its own; measured after a
 * run of as many on other records (the first run after opening is up to half as fast: the
 * JIT, the store's pages and caches warming).
 */
const EVENTS = 5000;
const CONCURRENCY = 50;
const WARM_UP_OFFSET = 2;

/** Write `count` records (and two events each) into a fresh store in `dir`; their ids. */
export async function loadRecords(dir: string, count: number): Promise<string[]> {
  const store = await openEmbeddedStore({ dir, cachedDocuments: 0 });
  const ids: string[] = [];
  try {
    for (let start = 0; start < count; start += BATCH) {
      const ops: WriteOp[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const record = recordDoc(i, randomUUID());
        ids.push(record._id);
        ops.push({ op: 'insert', collection: 'records', doc: record });
        for (const event of eventDocs(record)) ops.push({ op: 'insert', collection: 'events', doc: event });
      }
      await store.commit(ops);
    }
  } finally {
    await store.close();
  }
  return ids;
}

/** Every `step`-th record from `offset`: the records one run's events go to. */
function spread(ids: string[], offset: number): (i: number) => string {
  const step = Math.max(2, Math.floor(ids.length / EVENTS));
  return (i) => ids[(i * step + offset) % ids.length];
}

/**
 * The floor of transitions (./transitions.ts: XState's `transition()` and the same fsync'd
 * writes) on records the engine's runs did not touch, once tourflow has closed the store.
 */
async function floor(dir: string, ids: string[]): Promise<number> {
  const store = await openEmbeddedStore({ dir });
  try {
    const machine = floorMachine();
    const run = (offset: number) => runConcurrent(EVENTS, CONCURRENCY, (i) => floorTransition(store, machine, spread(ids, offset)(i)));
    await run(WARM_UP_OFFSET + 1);
    return (EVENTS / (await run(1))) * 1000;
  } finally {
    await store.close();
  }
}

async function timed(runs: number, call: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function memory(): { heapMb: number; rssMb: number; rssAnonMb: number } {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { heapMb: process.memoryUsage().heapUsed / 2 ** 20, rssMb: kb('VmRSS') / 1024, rssAnonMb: kb('RssAnon') / 1024 };
}

export async function measureGrowth(count: number): Promise<GrowthFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-growth-'));
  try {
    let start = performance.now();
    const ids = await loadRecords(dir, count);
    const loadSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    const tf = await openTourflow(
      { dataDir: dir, definitionsDir: packDir, pluginsDir: path.resolve('plugins'), packDirs: [packDir] },
      { outbox: { autoStart: false } },
    );
    const openSeconds = (performance.now() - start) / 1000;
    let figures: Omit<GrowthFigures, 'floorTransitionsPerSecond'>;
    try {
      const engine = tf.engine;
      const run = (offset: number) => runConcurrent(EVENTS, CONCURRENCY, (i) => engine.send('toggle', spread(ids, offset)(i), { type: 'TOGGLE' }, 'bench'));
      await run(WARM_UP_OFFSET);
      const ms = await run(0);
      // The list page: one owner's records at one stage, newest first (indexes answer it),
      // and the same sorted by a field no index holds (every match is read).
      const indexed = await timed(50, () => engine.list('toggle', { filter: { stage: 'on', owner: 'sales2' }, sort: { updatedAt: -1 }, limit: 25 }));
      const fieldSort = await timed(10, () => engine.list('toggle', { filter: { stage: 'on', owner: 'sales2' }, sort: { 'data.amount': -1 }, limit: 25 }));
      figures = {
        records: count,
        loadSeconds,
        openSeconds,
        transitionsPerSecond: (EVENTS / ms) * 1000,
        listIndexedP50: indexed.p50,
        listIndexedP99: indexed.p99,
        listFieldSortP50: fieldSort.p50,
        listFieldSortP99: fieldSort.p99,
        ...memory(),
      };
    } finally {
      await tf.close();
    }
    return { ...figures, floorTransitionsPerSecond: await floor(dir, ids) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  console.log(JSON.stringify(await measureGrowth(Number(process.argv[2]))));
}
