import { afterEach, describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../../engine/definitions/definition.js';
import { openTestEngine, type TestEngine } from './open-test-engine.js';

let t: TestEngine;
afterEach(async () => t.close());

const l = (en: string) => ({ en, vi: `${en} (vi)` });
const text = (en: string) => ({ type: 'string', 'x-labels': l(en) });

function schema(fields: string[]) {
  return {
    type: 'object' as const,
    'x-labels': l('Thing'),
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((f) => [f, text(f)])),
  };
}

const batchMachine: MachineConfig = {
  id: 'batch',
  initial: 'open',
  meta: { events: { OPENED: l('Opened'), CLOSE: l('Close') } },
  states: {
    open: {
      meta: { labels: l('Open') },
      on: {
        OPENED: {
          actions: [
            { type: 'setField', params: { field: 'lastEmail', fromEvent: 'payload.email' } },
            { type: 'createRecord', params: { entity: 'item', fromEvent: { email: 'payload.email' }, data: { origin: 'opened' }, link: 'batchId', backLink: 'lastItemId' } },
          ],
        },
        CLOSE: { target: 'closed', actions: [{ type: 'sendEvent', params: { entity: 'item', linkedBy: 'batchId', event: 'FINISH' } }] },
      },
    },
    closed: { type: 'final', meta: { labels: l('Closed') } },
  },
};

const itemMachine: MachineConfig = {
  id: 'item',
  initial: 'waiting',
  meta: { events: { FINISH: l('Finish'), PARK: l('Park') } },
  states: {
    waiting: { meta: { labels: l('Waiting') }, on: { FINISH: 'finished', PARK: 'parked' } },
    parked: { meta: { labels: l('Parked') } },
    finished: { type: 'final', meta: { labels: l('Finished') } },
  },
};

async function setup() {
  t = await openTestEngine();
  await t.engine.saveDefinition('item', { schema: schema(['email', 'origin', 'batchId']), machine: itemMachine }, 'user:admin');
  await t.engine.saveDefinition('batch', { schema: schema(['name', 'lastEmail', 'lastItemId']), machine: batchMachine }, 'user:admin');
}

describe('effects that reach related records', () => {
  it('creates a record from the event payload, without merging the payload into the source, and links both ways', async () => {
    await setup();
    const batch = await t.engine.create('batch', { data: { name: 'Spring mailing' } }, 'user:mai');
    const after = await t.engine.send('batch', batch.id, { type: 'OPENED', payload: { email: 'an@example.vn' } }, 'user:mai');
    expect(after.data).toEqual({ name: 'Spring mailing', lastEmail: 'an@example.vn' });
    await t.engine.drainOutbox();
    const items = await t.engine.list('item', {});
    expect(items.items.map((i) => i.data)).toEqual([{ email: 'an@example.vn', origin: 'opened', batchId: batch.id }]);
    const linked = await t.engine.get('batch', batch.id);
    expect(linked.data.lastItemId).toBe(items.items[0]?.id);
  });

  it('writes the record and the link back in one commit: a link the source refuses leaves no record behind', async () => {
    t = await openTestEngine();
    await t.engine.saveDefinition('item', { schema: schema(['email', 'origin', 'batchId']), machine: itemMachine }, 'user:admin');
    // The link field takes short codes only: no record id fits it.
    const strict = schema(['name', 'lastEmail', 'lastItemId']);
    strict.properties.lastItemId = { ...text('lastItemId'), maxLength: 3 } as never;
    await t.engine.saveDefinition('batch', { schema: strict, machine: batchMachine }, 'user:admin');
    const batch = await t.engine.create('batch', { data: { name: 'Strict' } }, 'user:mai');
    await t.engine.send('batch', batch.id, { type: 'OPENED', payload: { email: 'an@example.vn' } }, 'user:mai');
    await t.engine.drainOutbox();
    expect((await t.engine.list('item', {})).total).toBe(0);
    const failed = (await t.engine.timeline('batch', batch.id)).filter((e) => e.kind === 'effect-failed');
    expect(failed.map((e) => [e.effect?.action, e.effect?.final])).toEqual([['createRecord', true]]);
  });

  it('sends an event to every record linked to this one whose stage accepts it', async () => {
    await setup();
    const batch = await t.engine.create('batch', { data: { name: 'Group' } }, 'user:mai');
    const other = await t.engine.create('batch', { data: { name: 'Other' } }, 'user:mai');
    const a = await t.engine.create('item', { data: { batchId: batch.id } }, 'user:mai');
    const b = await t.engine.create('item', { data: { batchId: batch.id } }, 'user:mai');
    const c = await t.engine.create('item', { data: { batchId: other.id } }, 'user:mai');
    await t.engine.send('item', b.id, { type: 'PARK' }, 'user:mai');
    await t.engine.send('batch', batch.id, { type: 'CLOSE' }, 'user:mai');
    await t.engine.drainOutbox();
    const states = await Promise.all([a, b, c].map(async (r) => (await t.engine.get('item', r.id)).state));
    expect(states).toEqual(['finished', 'parked', 'waiting']);
  });
});
