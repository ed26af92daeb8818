/**
 * Regressions (issue 10.3): one effect whose target never answered stopped every later
 * effect, and shutdown waited for it forever. Effects now have a deadline, different
 * records' effects run side by side while one record's stay in order, and stopping is
 * bounded: an effect still running keeps its lease and runs again after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { loadPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { createEngine } from '../../../engine/runtime/create-engine.js';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import type { OutboxEntry } from '../../../engine/runtime/services/outbox.js';
import type { OutboxWorkerOptions } from '../../../engine/runtime/services/outbox-worker.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { miniCrmDir } from '../runtime/open-test-engine.js';

/** What the test plugin's effects saw, in order. */
let calls: string[];
let aborted: string[];
/** Hanging effects that began. */
let started: string[];
/** Titles whose effect never answers (until aborted). */
let hanging: Set<string>;
/** `title:seq` pairs that fail on their first attempt. */
let failOnce: Set<string>;
/** Titles whose effects each wait for `release()` before they answer. */
let gated: Set<string>;
let waiting: (() => void)[];
/** Let the oldest gated effect answer. */
const release = (): void => waiting.shift()?.();

function testRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  registry.registerPlugin({
    name: 'faults',
    version: 1,
    actions: {
      callProvider: {
        kind: 'effect',
        description: 'Calls a provider that may hang or fail.',
        paramsSchema: { type: 'object', properties: { seq: { type: 'integer' } } },
        run(ctx, params: { seq?: number }) {
          const title = String(ctx.record.data.title);
          const call = `${title}:${params.seq ?? 0}`;
          if (hanging.has(title)) {
            started.push(call);
            return new Promise<void>((_, reject) =>
              ctx.signal.addEventListener('abort', () => {
                aborted.push(call);
                reject(new Error('aborted'));
              }),
            );
          }
          if (failOnce.delete(call)) return Promise.reject(new Error(`provider refused ${call}`));
          if (gated.has(title)) return new Promise<void>((resolve) => waiting.push(() => (calls.push(call), resolve())));
          calls.push(call);
          return Promise.resolve();
        },
      },
    },
  });
  return registry;
}

interface Opened {
  engine: Engine;
  store: Store;
  dir: string;
}
const opened: Opened[] = [];

async function open(outbox: OutboxWorkerOptions & { autoStart?: boolean }, dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-outbox-'))): Promise<Opened> {
  const registry = testRegistry();
  const store = await openEmbeddedStore({ dir });
  const definitions = new DefinitionRepository(store);
  const loaded = await loadPack(miniCrmDir, registry);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  await definitions.installPack(loaded.pack, 'system:test');
  const engine = await createEngine({ store, registry, definitions, outbox: { autoStart: false, backoffMs: 1, ...outbox } });
  const task = await engine.getDefinition('task');
  if (task.version === 1) {
    const machine = structuredClone(task.machine);
    const first = machine.states[machine.initial];
    if (!first) throw new Error('task has no initial stage');
    first.entry = [1, 2, 3].map((seq) => ({ type: 'callProvider', params: { seq } }));
    await engine.saveDefinition('task', { schema: task.schema, machine }, 'user:admin');
  }
  const result = { engine, store, dir };
  opened.push(result);
  return result;
}

async function closeAll(): Promise<void> {
  for (const { engine, store, dir } of opened.splice(0)) {
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

afterEach(async () => {
  await closeAll();
});

function reset(): void {
  calls = [];
  aborted = [];
  started = [];
  hanging = new Set();
  failOnce = new Set();
  gated = new Set();
  waiting = [];
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

const entriesOf = async (store: Store, recordId: string) =>
  (await store.find<OutboxEntry>('outbox', { recordId }, { sort: { createdAt: 1, _id: 1 } })).map((e) => [e.status, e.lastError ?? '']);

describe('a hanging effect', () => {
  it('fails at its deadline, is aborted, and holds up no other record', async () => {
    reset();
    const { engine, store } = await open({ effectTimeoutMs: 200, backoffMs: 60_000 });
    hanging.add('hang');
    const stuck = await engine.create('task', { data: { title: 'hang' } }, 'user:an');
    await engine.create('task', { data: { title: 'fine' } }, 'user:an');
    await engine.drainOutbox();
    expect(calls).toEqual(['fine:1', 'fine:2', 'fine:3']);
    expect(aborted).toEqual(['hang:1']);
    const [first, ...rest] = await entriesOf(store, stuck.id);
    expect(first).toEqual(['pending', 'The effect did not finish within 0 s']);
    // Its record's later effects wait behind it, in order.
    expect(rest).toEqual([
      ['pending', ''],
      ['pending', ''],
    ]);
    const failure = (await engine.timeline('task', stuck.id)).find((e) => e.kind === 'effect-failed');
    expect(failure?.effect?.error).toBe('The effect did not finish within 0 s');
  });
});

describe('one record\'s effects', () => {
  it('run in order: a failed one is retried before the ones queued after it run', async () => {
    reset();
    const { engine, store } = await open({ backoffMs: 150 });
    failOnce.add('ordered:1');
    const record = await engine.create('task', { data: { title: 'ordered' } }, 'user:an');
    await engine.create('task', { data: { title: 'other' } }, 'user:an');
    await engine.drainOutbox();
    // The other record was not held up; this one stopped at its failure.
    expect(calls).toEqual(['other:1', 'other:2', 'other:3']);
    await new Promise((r) => setTimeout(r, 200));
    await engine.drainOutbox();
    expect(calls.filter((c) => c.startsWith('ordered'))).toEqual(['ordered:1', 'ordered:2', 'ordered:3']);
    expect((await entriesOf(store, record.id)).map(([status]) => status)).toEqual(['done', 'done', 'done']);
  });

  it('run side by side across records: many records\' effects all run, each record\'s in order', async () => {
    reset();
    const { engine } = await open({ concurrency: 8 });
    for (let i = 0; i < 40; i++) await engine.create('task', { data: { title: `r${i}` } }, 'user:an');
    await engine.drainOutbox();
    expect(calls).toHaveLength(120);
    for (let i = 0; i < 40; i++) expect(calls.filter((c) => c.startsWith(`r${i}:`))).toEqual([`r${i}:1`, `r${i}:2`, `r${i}:3`]);
  });
});

describe('claims', () => {
  it.each([
    ['store', 3],
    ['memory', 2],
  ] as const)('in the %s: each effect runs once, its entry written %i times (queued, [claimed,] settled)', async (claims, writes) => {
    reset();
    const { engine, store } = await open({ claims, concurrency: 4 });
    const record = await engine.create('task', { data: { title: 'once' } }, 'user:an');
    // Two drains at once: the second waits for the first's round, and finds nothing left.
    await Promise.all([engine.drainOutbox(), engine.drainOutbox()]);
    expect(calls).toEqual(['once:1', 'once:2', 'once:3']);
    const entries = await store.find<OutboxEntry>('outbox', { recordId: record.id });
    expect(entries.map((e) => [e.status, e.version])).toEqual([
      ['done', writes],
      ['done', writes],
      ['done', writes],
    ]);
  });

  it('in memory by default on the embedded store', async () => {
    reset();
    const { engine, store } = await open({});
    const record = await engine.create('task', { data: { title: 'default' } }, 'user:an');
    await engine.drainOutbox();
    expect((await store.find<OutboxEntry>('outbox', { recordId: record.id })).map((e) => e.version)).toEqual([2, 2, 2]);
  });
});

describe('stopping with an effect under way', () => {
  it.each(['store', 'memory'] as const)('stops within its grace period, and the effect runs again after a restart (claims in %s)', async (claims) => {
    reset();
    const first = await open({ effectTimeoutMs: 60_000, stopGraceMs: 50, leaseMs: 300, claims });
    hanging.add('slow');
    const record = await first.engine.create('task', { data: { title: 'slow' } }, 'user:an');
    const draining = first.engine.drainOutbox();
    await until(() => started.length === 1);
    // A claim in the store is a lease on the entry; one in memory writes nothing.
    expect((await entriesOf(first.store, record.id))[0]?.[0]).toBe(claims === 'store' ? 'running' : 'pending');
    // Without a bound this never resolved.
    await first.engine.close();
    await draining.catch(() => undefined);
    expect(aborted).toEqual(['slow:1']);
    await first.store.close();
    opened.splice(opened.indexOf(first), 1);

    // Restart on the same data: the provider answers now.
    hanging.clear();
    const second = await open({ claims }, first.dir);
    // Claimed in the store, the entry waits for its lease to end; claimed in memory, for nothing.
    if (claims === 'store') await new Promise((r) => setTimeout(r, 350));
    await second.engine.drainOutbox();
    expect(calls).toEqual(['slow:1', 'slow:2', 'slow:3']);
    expect((await entriesOf(second.store, record.id)).map(([status]) => status)).toEqual(['done', 'done', 'done']);
  });
});

describe('backpressure', () => {
  it('holds a command that queues effects while the worker runs them late, until it catches up', async () => {
    reset();
    const { engine, store } = await open({ autoStart: true, batchSize: 1, concurrency: 1, maxLagMs: 50, maxHoldMs: 60_000 });
    gated.add('slow');
    await engine.create('task', { data: { title: 'slow' } }, 'user:an');
    await until(() => waiting.length === 1);
    // slow:2 and slow:3 fall due now and wait behind slow:1 for longer than maxLagMs.
    await new Promise((resolve) => setTimeout(resolve, 80));
    release();
    await until(() => waiting.length === 1 && calls.length === 1);
    // The worker runs slow:2 late: a command queueing more effects answers only once it caught up.
    let answered = false;
    const held = engine.create('task', { data: { title: 'fast' } }, 'user:an').then(() => (answered = true));
    // Committed (its effects are queued), and still not answered.
    while ((await store.count('outbox', { status: 'pending' })) < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    release();
    await until(() => waiting.length === 1);
    release();
    await held;
    expect(calls.slice(0, 3)).toEqual(['slow:1', 'slow:2', 'slow:3']);
    await until(() => calls.length === 6);
    expect(calls.slice(3)).toEqual(['fast:1', 'fast:2', 'fast:3']);
  });

  it('holds nobody for effects that wait for their retry', async () => {
    reset();
    const { engine, store } = await open({ autoStart: true, backoffMs: 60_000, maxLagMs: 1, maxHoldMs: 60_000 });
    failOnce.add('refused:1');
    const refused = await engine.create('task', { data: { title: 'refused' } }, 'user:an');
    while ((await entriesOf(store, refused.id))[0]?.[1] === '') await new Promise((resolve) => setTimeout(resolve, 5));
    // refused:2 and :3 stay due behind the retry of refused:1; they are not late.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.create('task', { data: { title: 'other' } }, 'user:an');
    await engine.create('task', { data: { title: 'another' } }, 'user:an');
    await until(() => calls.length === 6);
    expect(calls.filter((call) => call.startsWith('refused'))).toEqual([]);
  });
});
