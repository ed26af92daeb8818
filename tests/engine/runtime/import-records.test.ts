/** Importing many records at once: planned like create, refused as a whole, written in one commit. */
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../engine/errors.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { IMPORT_ROW_LIMIT } from '../../../engine/runtime/core/import-records.js';
import type { OutboxEntry } from '../../../engine/runtime/services/outbox.js';
import type { Store } from '../../../engine/store/store.js';
import { openTestEngine, type TestEngine } from './open-test-engine.js';

let t: TestEngine;
afterEach(async () => t.close());

/** How many documents each collection holds: to prove a refusal wrote nothing. */
async function counts(store: Store) {
  const [records, events, outbox, timers] = await Promise.all(
    ['records', 'events', 'outbox', 'timers'].map((c) => store.count(c, {})),
  );
  return { records, events, outbox, timers };
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe('importRecords', () => {
  it('creates every row as create would: stage, owner, log entry, reminders armed', async () => {
    t = await openTestEngine();
    const rows = [
      { data: { title: 'Book the bus', dueDate: '2099-05-01' } },
      { data: { title: 'Call the hotel', dueDate: '2099-05-02' }, owner: 'user:binh' },
      { data: { title: 'Print the tickets' } },
    ];
    const result = await t.engine.importRecords('task', rows, 'user:an');
    expect(result).toMatchObject({ dryRun: false, count: 3 });
    expect(result.ids).toHaveLength(3);

    const single = await t.engine.create('task', { data: { title: 'Alone', dueDate: '2099-05-03' } }, 'user:an');
    const imported = await Promise.all(result.ids.map((id) => t.engine.get('task', id)));
    expect(imported.map((r) => [r.data.title, r.state, r.owner, r.version])).toEqual([
      ['Book the bus', 'todo', 'user:an', 1],
      ['Call the hotel', 'todo', 'user:binh', 1],
      ['Print the tickets', 'todo', 'user:an', 1],
    ]);
    // The same document shape as a single create.
    expect(Object.keys(imported[0] ?? {}).sort()).toEqual(Object.keys(single).sort());
    const timeline = await t.engine.timeline('task', result.ids[0] ?? '');
    expect(timeline.map((e) => [e.kind, e.actor])).toEqual(
      expect.arrayContaining([['created', 'user:an']]),
    );
    // The stage's due-date reminder is armed for the two rows with a due date, as for a single create.
    const timers = await t.store.find<{ _id: string; recordId: string }>('timers', {});
    expect(new Set(timers.map((x) => x.recordId))).toEqual(new Set([result.ids[0], result.ids[1], single.id]));
  });

  it('queues the entry effects of every imported record and runs them after the commit', async () => {
    const registry = new Registry();
    registerBuiltins(registry);
    const seen: string[] = [];
    registry.registerPlugin({
      name: 'welcome',
      version: 1,
      actions: {
        welcome: {
          kind: 'effect',
          description: 'Records which record it welcomed.',
          paramsSchema: { type: 'object' },
          run(context) {
            seen.push(String(context.record.data.title));
            return Promise.resolve();
          },
        },
      },
    });
    t = await openTestEngine({ registry });
    const task = await t.engine.getDefinition('task');
    const machine = structuredClone(task.machine);
    const todo = machine.states[machine.initial];
    if (!todo) throw new Error('no initial stage');
    todo.entry = [{ type: 'welcome', params: {} }];
    await t.engine.saveDefinition('task', { schema: task.schema, machine }, 'user:admin');

    await t.engine.importRecords('task', [{ data: { title: 'A' } }, { data: { title: 'B' } }], 'user:an');
    expect((await t.store.find<OutboxEntry>('outbox', {})).map((e) => e.action)).toEqual(['welcome', 'welcome']);
    expect(await t.engine.drainOutbox()).toBe(2);
    expect(seen.sort()).toEqual(['A', 'B']);
  });

  it('refuses the whole batch when one row fails, naming every failing row and field, and writes nothing', async () => {
    t = await openTestEngine();
    await t.engine.create('inquiry', { data: { subject: 'Already there' } }, 'user:an');
    const before = await counts(t.store);
    const error = await rejection(
      t.engine.importRecords(
        'inquiry',
        [
          { data: { subject: 'Fine' } },
          { data: { subject: 'Bad mail', email: 'not-an-email' } },
          { data: { subject: 'Also fine', source: 'web' } },
          { data: { contactName: 'No subject', source: 'fax' } },
        ],
        'user:an',
      ),
    );
    expect(error.code).toBe('import-rejected');
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/rows/1/data/email', '/rows/3/data/source', '/rows/3/data/subject'].sort());
    expect(error.issues.find((i) => i.pointer === '/rows/3/data/subject')?.message).toContain('subject');
    expect(error.message).toContain('2 of 4 rows');
    expect(error.message).toContain('rows[1], rows[3]');
    expect(error.extra).toMatchObject({ rejectedRows: [1, 3], rowCount: 4 });
    expect(await counts(t.store)).toEqual(before);
  });

  it('checks the initial stage required fields of every row', async () => {
    t = await openTestEngine();
    const deal = await t.engine.getDefinition('deal');
    const machine = structuredClone(deal.machine);
    const open = machine.states[machine.initial];
    if (!open) throw new Error('no initial stage');
    open.meta = { ...open.meta, requiredFields: ['amount'] };
    await t.engine.saveDefinition('deal', { schema: deal.schema, machine }, 'user:admin');
    const error = await rejection(
      t.engine.importRecords('deal', [{ data: { title: 'With', amount: 10 } }, { data: { title: 'Without' } }], 'user:an'),
    );
    expect(error.issues).toEqual([{ pointer: '/rows/1/data/amount', message: 'amount is required in stage open' }]);
    expect(await t.store.count('records', {})).toBe(0);
  });

  it('only checks on a dry run', async () => {
    t = await openTestEngine();
    const before = await counts(t.store);
    const result = await t.engine.importRecords('task', [{ data: { title: 'A' } }, { data: { title: 'B' } }], 'user:an', { dryRun: true });
    expect(result).toEqual({ dryRun: true, count: 2, ids: [] });
    expect(await counts(t.store)).toEqual(before);
    const error = await rejection(t.engine.importRecords('task', [{ data: {} }], 'user:an', { dryRun: true }));
    expect(error.code).toBe('import-rejected');
  });

  it('refuses an empty batch, one over the limit, and an unknown entity', async () => {
    t = await openTestEngine();
    expect((await rejection(t.engine.importRecords('task', [], 'user:an'))).code).toBe('invalid-request');
    const many = Array.from({ length: IMPORT_ROW_LIMIT + 1 }, (_, i) => ({ data: { title: `T${i}` } }));
    const tooMany = await rejection(t.engine.importRecords('task', many, 'user:an'));
    expect(tooMany.code).toBe('invalid-request');
    expect(tooMany.message).toContain(`At most ${IMPORT_ROW_LIMIT} rows`);
    expect((await rejection(t.engine.importRecords('nope', [{ data: {} }], 'user:an'))).code).toBe('unknown-entity');
    expect(await t.store.count('records', {})).toBe(0);
  });
});
