/**
 * Demo data of a pack. A pack may name a module in its manifest (`"demo":
 * "demo/generate.ts"`) whose default export is a `DemoGenerator`. It is imported
 * dynamically (the engine never imports a pack statically) and handed a narrow seeding
 * API over the Engine port, so every demo record is made by real events: its stage,
 * timeline and automations are the ones a person would have produced.
 */
import { importModule } from './build/project-files.js';
import type { RecordData } from './plugins/contract.js';
import type { Engine } from './runtime/engine-port.js';
import type { Filter } from './store/store.js';
import type { DemoStaff } from './runtime/access/index.js';
import type { Actor, RecordView } from './runtime/core/index.js';

/** What a pack's demo generator may do. */
export interface DemoSeedApi {
  /** How many records to aim for, all entities together (automations' records included). */
  records: number;
  /** Deterministic for a given seed: the same seed gives the same data. */
  random(): number;
  /** The moment the data is generated for; make dates relative to it. */
  now: Date;
  create(
    entity: string,
    data: RecordData,
    by: { actor: Actor; owner?: string; handler?: string },
  ): Promise<RecordView>;
  send(
    entity: string,
    id: string,
    event: { type: string; data?: RecordData; payload?: RecordData },
    actor: Actor,
  ): Promise<RecordView>;
  /** Merge fields into a record's data (a person editing the form). */
  update(entity: string, id: string, data: RecordData, actor: Actor): Promise<RecordView>;
  /** Mark an activity of the record's current stage done. */
  activity(entity: string, id: string, activity: string, actor: Actor): Promise<RecordView>;
  /** Every record of an entity matching a MongoDB filter (`{ 'data.leadId': { $in: ids } }`). */
  find(entity: string, filter?: Filter): Promise<RecordView[]>;
  /** How many records of an entity match a MongoDB filter. */
  count(entity: string, filter?: Filter): Promise<number>;
  /** Run queued effects (records created by automations, events sent) until none is left. */
  settle(): Promise<void>;
}

/**
 * The default export of a pack's demo module.
 * @example
 * const generate: DemoGenerator = async (api) => {
 *   const lead = await api.create('lead', { fullName: 'Nguyễn Văn An' }, { actor: 'user:sales' });
 *   await api.send('lead', lead.id, { type: 'QUALIFY' }, 'user:sales');
 * };
 * export default generate;
 */
export type DemoGenerator = (api: DemoSeedApi) => Promise<void>;

export interface DemoOptions {
  records: number;
  seed?: number;
  now?: Date;
}

/** mulberry32: a small, fast, well-distributed 32-bit generator. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seeding API over an engine. */
export function demoSeedApi(engine: Engine, options: DemoOptions): DemoSeedApi {
  return {
    records: options.records,
    random: seededRandom(options.seed ?? 1),
    now: options.now ?? new Date(),
    create: (entity, data, by) =>
      engine.create(entity, { data, owner: by.owner ?? by.actor, handler: by.handler }, by.actor),
    send: (entity, id, event, actor) => engine.send(entity, id, event, actor),
    update: (entity, id, data, actor) => engine.update(entity, id, { data }, actor),
    activity: (entity, id, activity, actor) =>
      engine.setActivity(entity, id, { activity, done: true }, actor),
    async find(entity, filter = {}) {
      return (await engine.list(entity, { filter, sort: { createdAt: 1 }, limit: Number.MAX_SAFE_INTEGER }))
        .items;
    },
    async count(entity, filter = {}) {
      return (await engine.list(entity, { filter, limit: 1 })).total;
    },
    async settle() {
      // A drain already under way may have looked before our last commit: only two empty
      // runs in a row prove that nothing is left.
      for (let empty = 0; empty < 2;) empty = (await engine.drainOutbox()) === 0 ? empty + 1 : 0;
    },
  };
}

/**
 * The staff a pack's demo module names (`export const staff: DemoStaff[]`), so that the
 * owners of its records can sign in; [] when it names none.
 * @example const staff = await demoStaff('/app/definitions/travel-crm/demo/generate.ts');
 */
export async function demoStaff(modulePath: string): Promise<DemoStaff[]> {
  const module = (await importModule(modulePath)) as { staff?: unknown };
  return Array.isArray(module.staff) ? (module.staff as DemoStaff[]) : [];
}

/**
 * Import a pack's demo module and run it.
 * @example await seedDemo(engine, '/app/definitions/travel-crm/demo/generate.ts', { records: 400 });
 */
export async function seedDemo(engine: Engine, modulePath: string, options: DemoOptions): Promise<void> {
  const module = (await importModule(modulePath)) as { default?: unknown };
  if (typeof module.default !== 'function')
    throw new Error(`${modulePath} has no default export to generate demo data`);
  const generate = module.default as DemoGenerator;
  await generate(demoSeedApi(engine, options));
}
