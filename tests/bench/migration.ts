/**
 * Migrating 10 000 live records to a new version (issue 15): the background job's time
 * until every record is moved (each one its own fsync'd commit with its timeline entry),
 * beside the floor: the same number of record puts with a version check and an event-log
 * insert, 8 at a time, on the same store with no engine around them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTourflow } from '../../engine/index.js';
import type { MachineConfig } from '../../engine/definitions/definition.js';
import { openEmbeddedStore } from '../../engine/store/embedded-store.js';
import { report, runConcurrent } from './report.js';

const packDir = path.resolve(import.meta.dirname, 'pack');
const COUNT = 10_000;
const BATCH = 1_000;

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-'));

async function floor(): Promise<number> {
  const dir = tempDir();
  const store = await openEmbeddedStore({ dir });
  try {
    for (let i = 0; i < COUNT; i += BATCH) {
      await store.commit(Array.from({ length: BATCH }, (_, j) => ({ op: 'insert' as const, collection: 'records', doc: { _id: `r${String(i + j).padStart(6, '0')}`, version: 1, stage: 'off', data: { name: 'x' } } })));
    }
    return await runConcurrent(COUNT, 8, async (i) => {
      const id = `r${String(i).padStart(6, '0')}`;
      await store.commit([
        { op: 'put', collection: 'records', doc: { _id: id, version: 2, stage: 'idle', data: { name: 'x' } }, expectVersion: 1 },
        { op: 'insert', collection: 'events', doc: { _id: `${id}:2`, recordId: id, type: 'migrated' } },
      ]);
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function migration(): Promise<number> {
  const dir = tempDir();
  const tf = await openTourflow({ dataDir: dir, definitionsDir: packDir, pluginsDir: path.resolve('plugins'), packDirs: [packDir] }, { outbox: { autoStart: false } });
  try {
    for (let i = 0; i < COUNT; i += BATCH) {
      await tf.engine.importRecords('toggle', Array.from({ length: BATCH }, (_, j) => ({ data: { name: `r${i + j}`, amount: 1 } })), 'bench');
    }
    // Version 2: "off" is renamed "idle".
    const v1 = await tf.engine.getDefinition('toggle');
    const machine = JSON.parse(JSON.stringify(v1.machine).replaceAll('"off"', '"idle"')) as MachineConfig;
    await tf.engine.saveDefinition('toggle', { schema: v1.schema, machine, baseVersion: v1.version }, 'bench');
    const start = performance.now();
    const job = await tf.engine.migrations.start('toggle', { mapping: { off: 'idle' } }, 'bench');
    await tf.engine.migrations.idle();
    const ms = performance.now() - start;
    const done = await tf.engine.migrations.get('toggle', job._id);
    if (done.moved !== COUNT) throw new Error(`migration moved ${done.moved} of ${COUNT}`);
    return ms;
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMigration(): Promise<void> {
  const floorMs = await floor();
  const ms = await migration();
  report('migration_10k_records', Math.round(ms), 'ms');
  report('migration_10k_floor_puts', Math.round(floorMs), 'ms');
  report('migration_records_per_s', Math.round((COUNT / ms) * 1000), 'records/s');
  report('migration_vs_floor', Math.round((floorMs / ms) * 100) / 100, 'x');
}
