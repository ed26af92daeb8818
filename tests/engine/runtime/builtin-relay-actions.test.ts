/**
 * The built-in actions that carry data between records: createRecord's `ownerFrom`
 * (a hand-over gives the new record to the assignee), sendEvent's `copy` (fields of ours
 * sent as the event's data) and appendItem (an event's payload appended to a list).
 */
import { describe, expect, it } from 'vitest';
import type { EffectContext, GuardContext, RecordData } from '../../../engine/plugins/contract.js';
import { builtinActions } from '../../../engine/runtime/core/builtins/actions.js';
import { itemActions } from '../../../engine/runtime/core/builtins/item-actions.js';

interface Calls {
  created: { entity: string; data: RecordData; owner?: string; handler?: string }[];
  sent: { entity: string; id: string; event: { type: string; data?: RecordData } }[];
}

function effectContext(
  data: RecordData,
  related: { id: string; data: RecordData }[] = [],
): { ctx: EffectContext; calls: Calls } {
  const calls: Calls = { created: [], sent: [] };
  const ctx: EffectContext = {
    signal: new AbortController().signal,
    record: {
      id: 'r1',
      entity: 'ticket',
      stage: 'open',
      owner: 'user:owner',
      handler: 'user:handler',
      activitiesDone: [],
      data,
      version: 3,
    },
    actor: 'user:actor',
    event: { type: 'GO' },
    idempotencyKey: 'r1:3:0',
    createRecord: (entity, input) => {
      calls.created.push({ entity, ...input });
      return Promise.resolve({ id: `new-${calls.created.length}` });
    },
    sendEvent: (entity, id, event) => {
      calls.sent.push({ entity, id, event });
      return Promise.resolve();
    },
    notify: () => Promise.resolve(),
    findRecords: () => Promise.resolve(related),
    updateSelf: () => Promise.resolve(),
    sendMessage: () => Promise.reject(new Error('not used here')),
    startBulkSend: () => Promise.reject(new Error('not used here')),
    sendReply: () => Promise.reject(new Error('not used here')),
  };
  return { ctx, calls };
}

describe('createRecord ownerFrom', () => {
  it('gives the new record to the user named in our field', async () => {
    const { ctx, calls } = effectContext({ assignee: 'user:sales' });
    await builtinActions.createRecord.run(ctx, { entity: 'task', ownerFrom: 'assignee' });
    expect(calls.created).toEqual([
      { entity: 'task', data: {}, owner: 'user:sales', handler: 'user:handler' },
    ]);
  });

  it('keeps our owner when the field is empty or ownerFrom is not given', async () => {
    const { ctx, calls } = effectContext({ assignee: '' });
    await builtinActions.createRecord.run(ctx, { entity: 'task', ownerFrom: 'assignee' });
    await builtinActions.createRecord.run(ctx, { entity: 'task' });
    expect(calls.created.map((c) => c.owner)).toEqual(['user:owner', 'user:owner']);
  });
});

describe('sendEvent copy', () => {
  it('sends our fields as the event data, under their names, leaving out the missing ones', async () => {
    const { ctx, calls } = effectContext({ parentId: 'p1', reason: 'too dear', note: 'x' });
    await builtinActions.sendEvent.run(ctx, {
      entity: 'parent',
      event: 'CHILD_LOST',
      idField: 'parentId',
      copy: { lastReason: 'reason', lastNote: 'missing' },
    });
    expect(calls.sent).toEqual([
      { entity: 'parent', id: 'p1', event: { type: 'CHILD_LOST', data: { lastReason: 'too dear' } } },
    ]);
  });

  it('sends the same data to every linked record, and no data without copy', async () => {
    const { ctx, calls } = effectContext({ reason: 'done' }, [
      { id: 'c1', data: {} },
      { id: 'c2', data: {} },
    ]);
    await builtinActions.sendEvent.run(ctx, {
      entity: 'child',
      event: 'CLOSE',
      linkedBy: 'parentId',
      copy: { why: 'reason' },
    });
    await builtinActions.sendEvent.run(ctx, { entity: 'child', event: 'PING', linkedBy: 'parentId' });
    expect(calls.sent.map((s) => [s.id, s.event])).toEqual([
      ['c1', { type: 'CLOSE', data: { why: 'done' } }],
      ['c2', { type: 'CLOSE', data: { why: 'done' } }],
      ['c1', { type: 'PING' }],
      ['c2', { type: 'PING' }],
    ]);
  });
});

describe('appendItem', () => {
  const apply = (
    data: RecordData,
    event: GuardContext['event'],
    params: { field: string; value?: unknown; fromEvent?: string },
  ) =>
    itemActions.appendItem.apply(
      {
        data,
        event,
        record: { id: 'r1', entity: 'ticket', stage: 'open', activitiesDone: [] },
        stageMeta: () => undefined,
      },
      params,
    );

  it('appends the event payload, or a part of it, to the list', () => {
    const event = { type: 'LOG', payload: { text: 'late bus', cost: 100 } };
    expect(apply({}, event, { field: 'log', fromEvent: 'payload' })).toEqual({
      log: [{ text: 'late bus', cost: 100 }],
    });
    expect(apply({ log: ['a'] }, event, { field: 'log', fromEvent: 'payload.text' })).toEqual({
      log: ['a', 'late bus'],
    });
  });

  it('appends a fixed value, and nothing when the event lacks the item', () => {
    expect(apply({ tags: ['x'] }, { type: 'TAG' }, { field: 'tags', value: 'y' })).toEqual({
      tags: ['x', 'y'],
    });
    expect(apply({ tags: ['x'] }, { type: 'TAG' }, { field: 'tags', fromEvent: 'payload.tag' })).toEqual({});
  });
});
