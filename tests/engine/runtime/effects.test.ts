import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../engine/runtime/services/outbox.js';
import type { RecordDoc } from '../../../engine/runtime/core/record.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { openTestEngine, type TestEngine } from './open-test-engine.js';

let t: TestEngine;
afterEach(async () => t.close());

const l = (en: string) => ({ en, vi: `${en} (vi)` });

async function convertedInquiry() {
  const inquiry = await t.engine.create('inquiry', { data: { subject: 'Trip to Da Lat' } }, 'user:lan');
  await t.engine.send('inquiry', inquiry.id, { type: 'QUALIFY' }, 'user:lan');
  return t.engine.send('inquiry', inquiry.id, { type: 'CONVERT' }, 'user:lan');
}

describe('effects from the outbox', () => {
  it('creates the related record after commit, linked and owned like its source', async () => {
    t = await openTestEngine();
    const inquiry = await convertedInquiry();
    expect(inquiry.state).toBe('converted');
    expect((await t.engine.list('deal', {})).total).toBe(0); // not before the outbox runs
    expect(await t.engine.drainOutbox()).toBe(1);
    const deals = await t.engine.list('deal', {});
    expect(deals.items).toHaveLength(1);
    expect(deals.items[0]).toMatchObject({ state: 'open', owner: 'user:lan', data: { title: 'Trip to Da Lat', inquiryId: inquiry.id } });
    const timeline = await t.engine.timeline('inquiry', inquiry.id);
    expect(timeline.map((e) => e.kind)).toEqual(['created', 'event', 'event', 'effect']);
  });

  it('runs an effect again after a crash between effect and settle without creating twice', async () => {
    t = await openTestEngine();
    await convertedInquiry();
    await t.engine.drainOutbox();
    // Simulate a worker that died after the effect but before settling the entry: its lease ran out.
    const [entry] = await t.store.find<OutboxEntry>('outbox', {});
    if (!entry) throw new Error('no outbox entry');
    await t.store.commit([{ op: 'put', collection: 'outbox', doc: { ...entry, status: 'running', nextAttemptAt: new Date(Date.now() - 1).toISOString(), version: entry.version + 1 }, expectVersion: entry.version }]);
    expect(await t.engine.drainOutbox()).toBe(1);
    expect((await t.engine.list('deal', {})).total).toBe(1);
  });

  it('replays an event sent twice with the same idempotency key instead of applying it twice', async () => {
    t = await openTestEngine();
    const deal = await t.engine.create('deal', { data: { title: 'Hue' } }, 'user:an');
    const event = { type: 'PROPOSE', data: { amount: 1200 } };
    const first = await t.engine.send('deal', deal.id, event, 'user:an', { idempotencyKey: 'k-1' });
    // A retry after the first succeeded: the stage no longer accepts PROPOSE, yet the answer is the same.
    const again = await t.engine.send('deal', deal.id, event, 'user:an', { idempotencyKey: 'k-1' });
    expect(again).toMatchObject({ state: 'proposal', version: first.version });
    expect((await t.engine.timeline('deal', deal.id)).filter((e) => e.type === 'PROPOSE')).toHaveLength(1);
  });

  it('keeps a failing effect visible, retries it with backoff, and marks it failed after the last attempt', async () => {
    const registry = new Registry();
    registerBuiltins(registry);
    let calls = 0;
    registry.registerPlugin({
      name: 'flaky',
      version: 1,
      actions: {
        flakyCall: {
          kind: 'effect',
          description: 'Fails every time.',
          paramsSchema: { type: 'object' },
          run() {
            calls++;
            return Promise.reject(new Error('provider down'));
          },
        },
      },
    });
    t = await openTestEngine({ registry, outbox: { backoffMs: 5, maxAttempts: 3 } });
    const task = await t.engine.getDefinition('task');
    const machine = structuredClone(task.machine);
    const firstStage = machine.states[machine.initial];
    if (!firstStage) throw new Error('no initial stage');
    firstStage.entry = [{ type: 'flakyCall', params: {} }];
    await t.engine.saveDefinition('task', { schema: task.schema, machine, summary: 'flaky entry' }, 'user:admin');
    const record = await t.engine.create('task', { data: { title: 'Call the hotel' } }, 'user:an');

    await t.engine.drainOutbox();
    let [entry] = await t.store.find<OutboxEntry>('outbox', { recordId: record.id });
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider down' });
    const [firstFailure] = (await t.engine.timeline('task', record.id)).filter((e) => e.kind === 'effect-failed');
    // The retry waits for the backoff (5 ms after the first attempt), measured from when it failed.
    expect(Date.parse(entry?.nextAttemptAt ?? '') - Date.parse(firstFailure?.at ?? '')).toBeGreaterThanOrEqual(5);

    const deadline = Date.now() + 10_000;
    while (entry?.status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 15));
      await t.engine.drainOutbox();
      [entry] = await t.store.find<OutboxEntry>('outbox', { recordId: record.id });
    }
    expect(entry).toMatchObject({ status: 'failed', attempts: 3 });
    expect(calls).toBe(3);
    const failures = (await t.engine.timeline('task', record.id)).filter((e) => e.kind === 'effect-failed');
    expect(failures.map((e) => e.effect?.attempts)).toEqual([1, 2, 3]);
    expect(failures[0]?.effect?.error).toBe('provider down');
  });

  it('schedules a stage timer in the commit that enters the stage and drops it when the stage is left', async () => {
    t = await openTestEngine();
    const schema = (await t.engine.getDefinition('task')).schema;
    await t.engine.saveDefinition(
      'task',
      {
        schema,
        machine: {
          id: 'task',
          initial: 'todo',
          meta: { events: { START: l('Start'), STOP: l('Stop') } },
          states: {
            todo: { meta: { labels: l('To do') }, on: { START: 'doing' } },
            doing: { meta: { labels: l('Doing') }, after: { PT1H: 'todo' }, on: { STOP: 'todo' } },
          },
        },
      },
      'user:admin',
    );
    const task = await t.engine.create('task', { data: { title: 'Book the bus' } }, 'user:an');
    await t.engine.send('task', task.id, { type: 'START' }, 'user:an');
    const timers = await t.store.find('timers', { recordId: task.id });
    expect(timers).toHaveLength(1);
    const dueIn = Date.parse(String(timers[0]?.dueAt)) - Date.now();
    expect(dueIn).toBeGreaterThan(3_500_000);
    expect(dueIn).toBeLessThanOrEqual(3_600_000);
    await t.engine.send('task', task.id, { type: 'STOP' }, 'user:an');
    expect(await t.store.find('timers', { recordId: task.id })).toHaveLength(0);
    const stored = await t.store.get<RecordDoc>('records', task.id);
    expect(stored?.stage).toBe('todo');
  });
});
