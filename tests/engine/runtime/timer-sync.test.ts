/**
 * How timer changes reach a scheduler that keeps its jobs elsewhere (MongoDB): through
 * internal outbox entries, at least once, naming the exact instance each change is about,
 * visible on the timeline only when they fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { loadPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { createEngine } from '../../../engine/runtime/create-engine.js';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import type { TimerSink, TimerSyncOp } from '../../../engine/runtime/services/timers.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { miniCrmDir } from './open-test-engine.js';

let close: () => Promise<void> = () => Promise.resolve();
afterEach(() => close());

async function engineWith(sink: TimerSink): Promise<{ engine: Engine; store: Store }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-timer-sync-'));
  const registry = new Registry();
  registerBuiltins(registry);
  const store = await openEmbeddedStore({ dir });
  const definitions = new DefinitionRepository(store);
  const loaded = await loadPack(miniCrmDir, registry);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  await definitions.installPack(loaded.pack, 'system:test');
  const engine = await createEngine({ store, registry, definitions, timers: sink, outbox: { autoStart: false, backoffMs: 1 } });
  close = async () => {
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { engine, store };
}

const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

it('hands each commit’s timer changes to the scheduler, naming the instance disarmed', async () => {
  const received: TimerSyncOp[][] = [];
  const { engine } = await engineWith({ apply: (ops) => Promise.resolve(void received.push(ops)) });
  const task = await engine.create('task', { data: { title: 'Book the boat', dueDate: due } }, 'user:an');
  await engine.send('task', task.id, { type: 'START' }, 'user:an');
  await engine.drainOutbox();
  await engine.drainOutbox(); // the second waits for a drain a commit's kick may have begun
  const key = `${task.id}:reminder:todo:dueSoon`;
  expect(received).toEqual([
    [{ op: 'schedule', key, instance: 1, dueAt: expect.any(String) as string, recordId: task.id }],
    [{ op: 'cancel', key, instance: 1 }],
  ]);
  const kinds = (await engine.timeline('task', task.id)).map((e) => e.kind);
  expect(kinds).toEqual(['created', 'reminder', 'event', 'reminder']);
});

it('retries a change the scheduler failed to take, and shows the failure on the timeline', async () => {
  let fail = true;
  const { engine, store } = await engineWith({
    apply: () => (fail ? Promise.reject(new Error('scheduler unreachable')) : Promise.resolve()),
  });
  const task = await engine.create('task', { data: { title: 'Book the bus', dueDate: due } }, 'user:an');
  await engine.drainOutbox();
  const failed = (await engine.timeline('task', task.id)).filter((e) => e.kind === 'effect-failed');
  expect(failed.map((e) => [e.effect?.action, e.effect?.error])).toEqual([['timers.sync', 'scheduler unreachable']]);
  fail = false;
  await new Promise((r) => setTimeout(r, 5));
  await engine.drainOutbox();
  expect(await store.get('outbox', `${task.id}:1:timers`)).toMatchObject({ status: 'done', attempts: 2 });
});
