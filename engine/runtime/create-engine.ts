/**
 * Wire the runtime: definitions, records, outbox. The store and the registry are handed
 * in (STYLE.md §1): this file imports no adapter.
 */
import type { DefinitionSummary } from '../definitions/definition-repository.js';
import type { AssignmentRule, EntityDefinition, NavigationGroup, RecordViewDecl, Report, Rollup, Dashboard, Tiers, Kpis, WebForm } from '../definitions/definition.js';
import { validateEntity } from '../definitions/validate-entity.js';
import { UserError } from '../errors.js';
import type { Registry } from '../plugins/registry.js';
import type { Filter, Store } from '../store/store.js';
import { isRecord } from '../definitions/json-pointer.js';
import type { AutomationState, DefinitionInput, Engine } from './engine-port.js';
import type { ArmedTimer } from './scheduler-port.js';
import { DefinitionDrafts } from '../definitions/definition-drafts.js';
import { EVENTS, RECORDS, TIMERS } from '../collections.js';
import { Assigner, AssignmentRuleBook, ChangeFeed, KpiKeeper, Migrations, OutboxWorker, RECORD_INDEXES, RecordService, Rollups, TIMER_SYNC_ACTION, TierKeeper, TimerFiring, TimersFirst, WebForms, deadLetterQueries, effectContext, openChannels, runRecurring, type Channels, type ChannelsOptions, type OutboxEntry, type OutboxWorkerOptions, type SummaryDeps, type TimerSink, type TimerSyncOp } from './services/index.js';
import { CompiledDefinitions, DEFAULT_TIMEZONE, toRecordView, unknownEntity, type DefinitionReader, type EventLogDoc, type ReachCheck, type RecordDoc, type RolesOf } from './core/index.js';
import { DashboardBook, choiceQueries, conversationQueries, designerQueries, inboxQueries, navigationView, recordReminderQueries, relatedQueries, reportQueries, segmentQueries, upcomingReminderQueries } from './read/index.js';

/** What the engine needs from the definition repository. */
export interface DefinitionRepositoryPort extends DefinitionReader {
  listLatest(): Promise<EntityDefinition[]>;
  history(entity: string): Promise<DefinitionSummary[]>;
  save(entity: string, input: DefinitionInput, actor: string, registry: Registry): Promise<EntityDefinition>;
}

export interface EngineOptions {
  store: Store;
  registry: Registry;
  definitions: DefinitionRepositoryPort;
  outbox?: OutboxWorkerOptions & { autoStart?: boolean };
  /** The scheduler, which turns armed timers into jobs; without one, timers are only stored. */
  timers?: TimerSink;
  /** Where calendar dates begin (reminders on date fields); default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** Record views per entity, from the packs' manifests (pack.json `recordViews`). */
  recordViews?: Record<string, RecordViewDecl[]>;
  /** The workspace's groups of entities, from the packs' manifests (pack.json `navigation`). */
  navigation?: NavigationGroup[];
  /**
   * Who may see which record (the API's policy): references a person writes, and what the
   * automations of their events act on, stay within it (./reference-reach.ts). None: unchecked.
   */
  reach?: ReachCheck;
  /** A person's roles (the user directory): events declared for some roles or the system only are refused to others (./event-senders.ts). */
  rolesOf?: RolesOf;
  /** Public website forms (pack.json `webForms`) and the origins every form accepts (FORM_ORIGINS). */
  webForms?: { forms: WebForm[]; origins?: string[] };
  /** Who gets new unowned records (pack.json `assignmentRules`). */
  assignmentRules?: AssignmentRule[];
  /** What a user may see of an entity (the API's visibility filter), for what the engine sends them (report summaries). None: everything. */
  scopeOf?: SummaryDeps['scopeOf'];
  /** Each role's dashboard (pack.json `dashboards`). */
  dashboards?: Dashboard[];
  /** The packs' reports (pack.json `reports`). */
  reports?: Report[];
  /** Figures kept in the same commit as the records, which reports read (pack.json `rollups`). */
  rollups?: Rollup[];
  /** Customer tiers as declared rules (pack.json `tiers`). */
  tiers?: Tiers;
  /** KPI targets whose actual is computed (pack.json `kpis`). */
  kpis?: Kpis;
  /** Migrations of records to newer definitions: `autoStart: false` leaves interrupted jobs alone (tests). */
  migrations?: { autoStart?: boolean };
  /** Channels to send messages through (plugins' channels, configured from `env`); none: messages fail, saying so. */
  channels?: Pick<ChannelsOptions, 'env' | 'publicUrl' | 'templates' | 'bulk' | 'inbox'> & { autoStart?: boolean };
}

/**
 * Create the engine over a store.
 * @example
 * const engine = await createEngine({ store, registry, definitions: new DefinitionRepository(store) });
 * const lead = await engine.create('lead', { data: { name: 'An' } }, 'user:an');
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { store, registry, definitions } = options;
  // updatedAt and createdAt: lists and boards sort by them (the embedded store orders from the index).
  await store.ensureIndex(RECORDS, RECORD_INDEXES);
  await store.ensureIndex(EVENTS, ['recordId']);
  // createdAt: the worker takes the oldest due entries first, a batch at a time.
  await store.ensureIndex('outbox', ['status', 'recordId', 'createdAt']);
  await store.ensureIndex(TIMERS, ['recordId']);
  const compiled = new CompiledDefinitions(definitions, registry);
  // Commands wait while the outbox is behind (backpressure, ./outbox-worker.ts); the
  // engine's own work (recurring jobs, retries an admin asks for) only kicks it.
  const kickHolding = () => worker.kick();
  const kick = (): void => void worker.kick();
  const changes = new ChangeFeed();
  const rollups = new Rollups(options.rollups ?? [], options.timeZone ?? DEFAULT_TIMEZONE);
  // Before any write: a rollup declared anew or changed is made from the records first.
  await rollups.ensureBuilt(store);
  const records: RecordService = new RecordService(store, compiled, registry, kickHolding, {
    changes,
    rollups,
    ...(options.timers ? { timers: options.timers } : {}),
    timeZone: options.timeZone ?? DEFAULT_TIMEZONE,
    ...(options.reach ? { reach: options.reach } : {}),
    ...(options.rolesOf ? { rolesOf: options.rolesOf } : {}),
  });
  const firing = new TimerFiring(store, records, compiled, options.timers);
  const migrations = new Migrations({ store, compiled, records, timeZone: options.timeZone ?? DEFAULT_TIMEZONE });
  if (options.migrations?.autoStart !== false) await migrations.resume();
  const tiers = options.tiers ? new TierKeeper(store, records, options.tiers) : undefined;
  const stopTiers = tiers?.follow(changes);
  const kpis = options.kpis ? new KpiKeeper(store, records, options.kpis, options.timeZone ?? DEFAULT_TIMEZONE) : undefined;
  const stopKpis = kpis?.follow(changes);
  // Without settings every channel is off: messages are written as not sent, saying so.
  const channelOptions = options.channels ?? { env: {}, templates: [] };
  const reportsQ = reportQueries({
    store,
    reports: options.reports ?? [],
    rollups,
    timeZone: options.timeZone ?? DEFAULT_TIMEZONE,
    async isDateField(entity, field) {
      if (!field.startsWith('data.')) return false;
      const property = ((await compiled.latest(entity)).definition.schema.properties as Record<string, { format?: string }> | undefined)?.[field.slice(5)];
      return property?.format === 'date';
    },
});
  const ruleBook = new AssignmentRuleBook(store, options.assignmentRules ?? [], async () => new Map((await definitions.listLatest()).map((d) => [d.entity, d.schema])));
  const assigner = new Assigner(store, records, compiled, () => ruleBook.rules());
  const channels: Channels = await openChannels({
    store,
    records,
    changes,
    registry,
    env: channelOptions.env,
    timeZone: options.timeZone ?? DEFAULT_TIMEZONE,
    ...(channelOptions.publicUrl ? { publicUrl: channelOptions.publicUrl } : {}),
    templates: channelOptions.templates,
    ...(channelOptions.bulk ? { bulk: channelOptions.bulk } : {}),
    ...(channelOptions.inbox ? { inbox: channelOptions.inbox } : {}),
    assigner,
    schemaOf: async (entity) => (await definitions.latest(entity))?.schema,
    ...(options.reach ? { reach: options.reach } : {}),
  });
  // Timers due together fire before the effects they queue run (./services/timers-first.ts).
  const timersFirst = new TimersFirst();
  const worker: OutboxWorker = new OutboxWorker(
    store,
    async (entry, signal) => {
      if (entry.action === TIMER_SYNC_ACTION) {
        if (!options.timers) throw new Error('No scheduler is attached to take timer changes');
        await options.timers.apply((entry.params as { ops: TimerSyncOp[] }).ops);
        return;
      }
      const record = await store.get<RecordDoc>(RECORDS, entry.recordId);
      if (!record) throw new Error(`Record ${entry.entity}/${entry.recordId} no longer exists`);
      const action = registry.action(entry.action);
      if (!action || action.kind !== 'effect') throw new Error(`Effect "${entry.action}" is not registered`);
      await action.run(effectContext(entry, record, store, records, signal, options.reach, channels, assigner), entry.params as never);
    },
    { priority: timersFirst, ...options.outbox },
  );
  if (options.outbox?.autoStart !== false) worker.start();
  if (options.channels?.autoStart !== false) channels.start();

  const view = async (doc: RecordDoc) => toRecordView(doc, await compiled.version(doc.entity, doc.definitionVersion), registry);

  return {
    listDefinitions: () => definitions.listLatest(),
    async getDefinition(entity, version) {
      const found = version === undefined ? await definitions.latest(entity) : await definitions.get(entity, version);
      if (!found) throw unknownEntity(entity, version);
      return found;
    },
    async validateDefinition(entity, input) {
      const known = (await definitions.listLatest()).map((d) => d.entity);
      return validateEntity({ entity, schema: input.schema, machine: input.machine }, registry, { knownEntities: [...new Set([...known, entity])] });
    },
    saveDefinition: (entity, input, actor) => definitions.save(entity, input, actor, registry),
    drafts: new DefinitionDrafts(store),
    migrations,
    listGuards: () => registry.listGuards(),
    listActions: () => registry.listActions(),

    create: async (entity, input, actor) => view(await records.create(entity, input, actor)),
    importRecords: (entity, rows, actor, importOptions) => records.createMany(entity, rows, actor, importOptions),
    get: async (entity, id) => view(await records.load(entity, id)),
    async holders(entity, id) {
      const { owner, handler } = await records.load(entity, id);
      return { entity, id, ...(owner === undefined ? {} : { owner }), ...(handler === undefined ? {} : { handler }) };
    },
    async list(entity, query) {
      const latest = await compiled.latest(entity);
      if (query.sum !== undefined) assertNumberField(latest.definition.schema, query.sum);
      const filter = { ...(query.filter ?? {}), entity };
      const [docs, total, sum] = await Promise.all([
        store.find<RecordDoc>(RECORDS, filter, { sort: query.sort ?? { createdAt: -1 }, limit: query.limit ?? 50, skip: query.skip ?? 0 }),
        store.count(RECORDS, filter),
        query.sum === undefined ? undefined : sumOf(store, filter, query.sum),
      ]);
      return { items: await Promise.all(docs.map(view)), total, ...(sum === undefined ? {} : { sum }) };
    },
    update: async (entity, id, input, actor) => view(await records.update(entity, id, input, actor)),
    remove: (entity, id, input, actor) => records.remove(entity, id, input, actor),
    send: async (entity, id, event, actor, sendOptions) => view(await records.send(entity, id, event, actor, sendOptions)),
    setActivity: async (entity, id, input, actor) => view(await records.setActivity(entity, id, input, actor)),
    assign: async (entity, id, input, actor) => view(await records.assign(entity, id, input, actor)),
    async automationsOf(records) {
      if (records.length === 0) return {};
      const entries = await store.find<OutboxEntry>('outbox', { recordId: { $in: records.map((r) => r.id) }, status: { $in: ['pending', 'running', 'failed'] } });
      const out: Record<string, AutomationState> = Object.fromEntries(records.map((r) => [r.id, { pending: 0, failed: 0 }]));
      for (const entry of entries) {
        const state = out[entry.recordId];
        if (!state || entry.internal) continue;
        if (entry.status === 'failed') state.failed++;
        else state.pending++;
      }
      return out;
    },
    async timeline(entity, id) {
      const entries = await store.find<EventLogDoc>(EVENTS, { recordId: id }, { sort: { at: 1, version: 1, _id: 1 } });
      if (entries.length === 0 || entries.some((e) => e.entity !== entity)) await records.load(entity, id);
      if (entries.some((e) => e.entity !== entity)) throw new UserError('not-found', `There is no ${entity} with id ${id}`);
      return entries;
    },
    ...designerQueries({ store, registry, compiled, definitions }),
    ...inboxQueries(store),
    ...recordReminderQueries({ store, compiled }),
    ...choiceQueries({ store, compiled }),
    ...deadLetterQueries({ store, compiled, kick }),
    navigation: async () => navigationView(options.navigation ?? [], await definitions.listLatest()),
    ...relatedQueries({ store, definitions, recordViews: options.recordViews ?? {} }),
    ...upcomingReminderQueries({ store, compiled, timeZone: options.timeZone ?? DEFAULT_TIMEZONE }),
    ...segmentQueries({ store, compiled }),
    ...conversationQueries({ store, inbox: options.channels?.inbox, isFinal: async (entity, stage) => (await compiled.latest(entity)).stages.get(stage)?.final === true }),
    changes,
    assignmentRules: ruleBook,
    dashboards: new DashboardBook(store, options.dashboards ?? [], options.reports ?? []),
    ...reportsQ,
    fireTimer: (key, instance) => firing.fire(key, instance),
    fireTimers: (due) => timersFirst.firing(() => firing.fireMany(due)),
    async armedTimers() {
      const docs = await store.find<ArmedTimer & { _id: string }>(TIMERS, {});
      return docs.map(({ _id, recordId, instance, dueAt }) => ({ _id, recordId, instance, dueAt }));
    },
    runRecurring: (run) =>
      runRecurring(
        { store, records, onEffectsQueued: kick, ...(tiers ? { tiers } : {}), summaries: { store, reports: reportsQ, scopeOf: options.scopeOf ?? (() => Promise.resolve(undefined)), ...(options.channels ? { messenger: channels.messenger } : {}) } },
        run,
      ),
    ...(tiers ? { tiers } : {}),
    ...(kpis ? { kpis } : {}),
    drainOutbox: () => worker.drain(),
    channels: channels.port,
    forms: new WebForms(store, records, compiled, registry, options.webForms?.forms ?? [], options.webForms?.origins ?? [], assigner),
    async close() {
      await migrations.stop();
      stopTiers?.();
      stopKpis?.();
      await tiers?.settled();
      await kpis?.settled();
      await channels.close();
      await worker.stop();
    },
  };
}

/** Refuse a `sum` that is not a top-level number field of the schema. */
function assertNumberField(schema: unknown, field: string): void {
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const found = properties[field];
  if (isRecord(found) && (found.type === 'number' || found.type === 'integer')) return;
  throw new UserError('invalid-request', `sum names "${field}", which is not a number field of this entity`, {
    issues: [{ pointer: '/query/sum', message: `"${field}" is not a number field of this entity` }],
  });
}

/** The total of a number field over the records a filter selects (0 when none has it). */
async function sumOf(store: Store, filter: Filter, field: string): Promise<number> {
  const [row] = await store.aggregate<{ sum: number }>(RECORDS, [{ $match: filter }, { $group: { _id: null, sum: { $sum: `$data.${field}` } } }]);
  return row?.sum ?? 0;
}
