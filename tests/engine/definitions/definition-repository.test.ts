import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { loadPack, type LoadedPack } from '../../../engine/definitions/load-pack.js';
import { UserError } from '../../../engine/errors.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { changed, fixturePack } from './fixture-packs.js';
import { testRegistry } from './test-registry.js';
import { DEFINITIONS } from '../../../engine/collections.js';

const registry = testRegistry();
let dir: string;
let store: Store;
let pack: LoadedPack;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tourflow-definitions-'));
  store = await openEmbeddedStore({ dir });
  const loaded = await loadPack(fixturePack('mini-crm'), registry);
  if (!loaded.ok) throw new Error('mini-crm should load');
  pack = loaded.pack;
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** mini-crm with the deal machine changed (a new stage label). */
function withRelabelledDeal(): LoadedPack {
  const entities = pack.entities.map((e) => {
    if (e.entity !== 'deal') return e;
    const machine = changed(e.machine, { '/states/open/meta/labels': { vi: 'Mới mở', en: 'Just opened' } });
    return { ...e, machine, hash: `${e.hash}-changed` };
  });
  return { ...pack, entities };
}

function entity(name: string): LoadedPack['entities'][number] {
  const found = pack.entities.find((e) => e.entity === name);
  if (!found) throw new Error(`mini-crm has no ${name}`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('DefinitionRepository', () => {
  it('installs a pack as version 1 of each entity, and again unchanged as still version 1', async () => {
    const definitions = new DefinitionRepository(store);
    const first = await definitions.installPack(pack, 'system:test');
    expect(first).toEqual([
      { entity: 'inquiry', version: 1, outcome: 'seeded' },
      { entity: 'deal', version: 1, outcome: 'seeded' },
      { entity: 'task', version: 1, outcome: 'seeded' },
    ]);
    // A second process (its own repository, empty cache) installing the same pack.
    const second = await new DefinitionRepository(store).installPack(pack, 'system:test');
    expect(second.map((r) => [r.entity, r.version, r.outcome])).toEqual([
      ['inquiry', 1, 'unchanged'],
      ['deal', 1, 'unchanged'],
      ['task', 1, 'unchanged'],
    ]);
    expect(await store.count(DEFINITIONS)).toBe(3);
    const deal = await definitions.latest('deal');
    expect(deal).toMatchObject({ entity: 'deal', pack: 'mini-crm', version: 1, createdBy: 'system:test' });
    expect(deal?.machine).toEqual(entity('deal').machine);
  });

  it('stores version 2 when a machine changes, and still serves version 1', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    const result = await definitions.installPack(withRelabelledDeal(), 'admin');
    expect(result.find((r) => r.entity === 'deal')).toEqual({ entity: 'deal', version: 2, outcome: 'updated' });
    expect(result.filter((r) => r.outcome !== 'unchanged')).toHaveLength(1);

    // Another process sees the new latest at once: nothing caches "latest".
    const other = new DefinitionRepository(store);
    expect((await other.latest('deal'))?.machine.states.open?.meta.labels.en).toBe('Just opened');
    expect((await definitions.get('deal', 1))?.machine.states.open?.meta.labels.en).toBe('Open');
    expect((await definitions.get('deal', 2))?.createdBy).toBe('admin');
    expect(await definitions.get('deal', 3)).toBeUndefined();
  });

  it('never puts the pack file back over an admin\'s saved version, changed pack or not', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:startup');
    const deal = entity('deal');
    const machine = changed(deal.machine, { '/states/open/meta/labels': { vi: 'Admin đổi', en: 'Admin changed' } });
    await definitions.save('deal', { schema: deal.schema, machine }, 'admin', registry);

    // A restart with the same pack file: the admin's version stays the latest.
    const restarted = await new DefinitionRepository(store).installPack(pack, 'system:startup');
    expect(restarted.find((r) => r.entity === 'deal')).toEqual({ entity: 'deal', version: 2, outcome: 'unchanged' });
    // The pack file itself changed (an upgrade): held, not installed over the admin's version.
    const upgraded = await new DefinitionRepository(store).installPack(withRelabelledDeal(), 'system:startup');
    expect(upgraded.find((r) => r.entity === 'deal')).toEqual({ entity: 'deal', version: 2, outcome: 'held', savedBy: 'admin' });
    expect((await definitions.latest('deal'))?.machine.states.open?.meta.labels.en).toBe('Admin changed');
    // Entities the admin did not touch take the upgrade.
    expect(upgraded.filter((r) => r.outcome === 'updated')).toEqual([]);
  });

  it('installs a changed pack file once, and not again on the next start', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:startup');
    const first = await definitions.installPack(withRelabelledDeal(), 'system:startup');
    expect(first.find((r) => r.entity === 'deal')?.outcome).toBe('updated');
    const again = await new DefinitionRepository(store).installPack(withRelabelledDeal(), 'system:startup');
    expect(again.find((r) => r.entity === 'deal')).toEqual({ entity: 'deal', version: 2, outcome: 'unchanged' });
    expect((await definitions.latest('deal'))?.source).toBe('pack');
  });

  it('lists the latest version of every entity and the history of one, newest first', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    await definitions.installPack(withRelabelledDeal(), 'admin');
    const latest = await definitions.listLatest();
    expect(latest.map((d) => [d.entity, d.version])).toEqual([
      ['deal', 2],
      ['inquiry', 1],
      ['task', 1],
    ]);
    const history = await definitions.history('deal');
    expect(history.map((h) => [h.version, h.createdBy])).toEqual([
      [2, 'admin'],
      [1, 'system:test'],
    ]);
    expect(history[0]).not.toHaveProperty('machine');
    expect(history[0]).toMatchObject({
      entity: 'deal',
      pack: 'mini-crm',
      hash: expect.any(String) as unknown,
    });
  });

  it('saves a valid definition as the next version with its summary', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    const task = entity('task');
    const schema = changed(task.schema, {
      '/properties/estimate': { type: 'number', 'x-labels': { vi: 'Ước lượng', en: 'Estimate' } },
    });
    const saved = await definitions.save(
      'task',
      { schema, machine: task.machine, summary: 'add estimate' },
      'admin',
      registry,
    );
    expect(saved).toMatchObject({
      entity: 'task',
      pack: 'mini-crm',
      version: 2,
      summary: 'add estimate',
      createdBy: 'admin',
    });
    expect((await definitions.latest('task'))?.schema.properties).toHaveProperty('estimate');
  });

  it('refuses an invalid definition with its issues and stores nothing', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    const deal = entity('deal');
    const machine = changed(deal.machine, {
      '/states/open/on/PROPOSE': 'nowhere',
      '/states/negotiation/on/WIN/actions/0/type': 'celebrate',
    });
    const error = await rejection(
      definitions.save('deal', { schema: deal.schema, machine }, 'admin', registry),
    );
    expect(error.code).toBe('invalid-definition');
    expect(error.issues.map((i) => i.pointer)).toEqual(
      expect.arrayContaining(['/states/open/on/PROPOSE', '/states/negotiation/on/WIN/actions/0/type']),
    );
    expect(await store.count(DEFINITIONS)).toBe(3);
    expect((await definitions.latest('deal'))?.version).toBe(1);
  });

  it('checks entity names of actions against the stored entities', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    const inquiry = entity('inquiry');
    const machine = changed(inquiry.machine, {
      '/states/qualifying/on/CONVERT/actions/0/params/entity': 'opportunity',
    });
    const error = await rejection(
      definitions.save('inquiry', { schema: inquiry.schema, machine }, 'admin', registry),
    );
    expect(error.issues).toEqual([
      {
        file: 'inquiry.machine.json',
        pointer: '/states/qualifying/on/CONVERT/actions/0/params/entity',
        message:
          'action "createRecord" of transition "CONVERT" of state "qualifying": params.entity names "opportunity", which is not an entity of the pack (entities: deal, inquiry, task)',
      },
    ]);
  });

  it('turns a lost race for the next version into a version conflict', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    const task = entity('task');
    const titled = (en: string) => changed(task.schema, { '/x-labels': { vi: en, en } });
    // Both writers read version 1 as the latest before either inserts version 2.
    const slow = new DefinitionRepository(store);
    const latest = slow.latest.bind(slow);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    slow.latest = async (entity) => {
      const found = await latest(entity);
      await gate;
      return found;
    };
    const racing = slow.save('task', { schema: titled('Job'), machine: task.machine }, 'b', registry);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await definitions.save('task', { schema: titled('Chore'), machine: task.machine }, 'a', registry);
    release();
    const error = await rejection(racing);
    expect(error.code).toBe('version-conflict');
    expect(error.message).toBe('"task" was saved by someone else after version 1 (version 2, by a): reload it, or merge, and save again');
    expect((await definitions.latest('task'))?.createdBy).toBe('a');
  });

  it('keeps cached versions frozen so no caller can change them', async () => {
    const definitions = new DefinitionRepository(store);
    await definitions.installPack(pack, 'system:test');
    const deal = await definitions.get('deal', 1);
    expect(Object.isFrozen(deal?.machine.states)).toBe(true);
  });
});
