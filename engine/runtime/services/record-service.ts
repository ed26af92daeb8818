/**
 * Record commands: load, plan (pure), commit atomically with optimistic concurrency.
 * Every write puts the record, its event-log entry and its outbox entries in one commit.
 */
import { DuplicateKeyError, UserError, VersionConflictError } from '../../errors.js';
import type { EventFacts, RecordData } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';
import type { Store, WriteOp } from '../../store/store.js';
import { outboxOps } from './outbox.js';
import type { Rollups } from './rollups.js';
import type { ChangeFeed, RecordChange } from './change-feed.js';
import { timerWriteOps, type TimerSink } from './timers.js';
import { assertNotArchived, recordTimerWrites } from './record-timers.js';
import { TIMERS, RECORDS, EVENTS, IDEMPOTENCY } from '../../collections.js';
import { DEFAULT_TIMEZONE, assertFieldsWritable, assertMaySend, eventLabels, importRejected, planEvent, planImport, planNewRecord, planPatch, recordFacts, unreachableInRows, unreachableReferences, type Actor, type CompiledDefinitions, type EventLogDoc, type ImportOptions, type ImportResult, type ImportRow, type ReachCheck, type RecordDoc, type RolesOf, type TimerChange, type TimerDoc, type TransitionPlan } from '../core/index.js';

/** The fields `records` are indexed by: lists by stage and time; a reader's scope (api/authorize.ts). */
export const RECORD_INDEXES = ['entity', 'stage', 'owner', 'handler', 'updatedAt', 'createdAt'];

export interface CommandOptions {
  /** Makes the command happen at most once: a repeat returns the record as it is now. */
  idempotencyKey?: string;
}

/** One record's write ops, and what to do once they are committed. */
interface PendingWrite {
  ops: WriteOp[];
  /** Effects or timer changes were queued in the outbox. */
  queued: boolean;
  committed?: () => void;
}

export interface RecordServiceOptions {
  /** The scheduler that follows the timers (none: timers are only stored). */
  timers?: TimerSink;
  /** Who may see which record, for the references a person writes (./reference-reach.ts); none: unchecked. */
  reach?: ReachCheck;
  /** A person's roles, for the events only some may send (./event-senders.ts); none: unchecked. */
  rolesOf?: RolesOf;
  /** Where calendar dates of reminder fields begin. */
  timeZone?: string;
  /** Told of every record a commit changed (live pages). */
  changes?: ChangeFeed;
  /** Figures kept in the same commit as the records (./rollups.ts). */
  rollups?: Rollups;
}

function logEntry(doc: RecordDoc, fields: Omit<EventLogDoc, '_id' | 'recordId' | 'entity' | 'version' | 'at'>): EventLogDoc {
  return { _id: `${doc._id}:${doc.version}`, recordId: doc._id, entity: doc.entity, version: doc.version, at: doc.updatedAt, ...fields };
}

export class RecordService {
  constructor(
    private readonly store: Store,
    private readonly definitions: CompiledDefinitions,
    private readonly registry: Registry,
    /**
     * Called after a commit that queued effects; a promise it returns holds the command's
     * answer (the outbox's backpressure, ./outbox-worker.ts).
     */
    private readonly onEffectsQueued: () => Promise<void> | undefined,
    private readonly options: RecordServiceOptions = {},
  ) {}

  /** Load a live record of an entity, or throw `not-found`. */
  async load(entity: string, id: string): Promise<RecordDoc> {
    const doc = await this.store.get<RecordDoc>(RECORDS, id);
    if (!doc || doc.entity !== entity) {
      await this.definitions.latest(entity); // an unknown entity is its own error
      throw new UserError('not-found', `There is no ${entity} with id ${id}`, { extra: { entity, id } });
    }
    return doc;
  }

  private async commit(
    doc: RecordDoc,
    previous: RecordDoc | undefined,
    plan: Pick<TransitionPlan, 'effects' | 'timers'>,
    entry: EventLogDoc,
    options: CommandOptions,
    expectVersion?: number,
    event: EventFacts = { type: entry.type },
    fired?: TimerDoc,
  ): Promise<void> {
    const write = await this.writeOps(doc, previous, plan, entry, options, expectVersion, event, fired);
    await this.store.commit(write.ops);
    // A timer firing is the engine's own work, not a sender to slow down.
    await this.settled([write], fired === undefined);
  }

  /** The ops of one record's write: the record, its log entry, its outbox entries and timers. */
  private async writeOps(
    doc: RecordDoc,
    previous: RecordDoc | undefined,
    plan: Pick<TransitionPlan, 'effects' | 'timers'>,
    entry: EventLogDoc,
    options: CommandOptions,
    expectVersion: number | undefined,
    event: EventFacts,
    fired?: TimerDoc,
    /** Records the same commit writes besides: a rollup key read through a reference to one reads it as written. */
    alongside: readonly RecordDoc[] = [],
  ): Promise<PendingWrite> {
    const timers = await recordTimerWrites(
      { store: this.store, definitions: this.definitions, timeZone: this.options.timeZone ?? DEFAULT_TIMEZONE, sink: this.options.timers },
      { doc, previous, xstate: plan.timers, actor: entry.actor, event, fired },
    );
    const ops: WriteOp[] = [
      expectVersion === undefined ? { op: 'insert', collection: RECORDS, doc } : { op: 'put', collection: RECORDS, doc, expectVersion },
      { op: 'insert', collection: EVENTS, doc: entry },
      ...outboxOps({ id: doc._id, entity: doc.entity, version: doc.version }, plan.effects, entry.actor, new Date(doc.updatedAt), event),
      ...timers.ops,
      ...((await this.options.rollups?.ops([{ before: previous, after: doc }], this.store, alongside)) ?? []),
    ];
    if (options.idempotencyKey) ops.push({ op: 'insert', collection: IDEMPOTENCY, doc: { _id: options.idempotencyKey, recordId: doc._id } });
    return { ops, queued: plan.effects.length > 0 || timers.queued, ...(timers.committed ? { committed: timers.committed } : {}) };
  }

  /** After a commit: tell the scheduler and the outbox; resolves when the command may answer (./outbox-worker.ts). */
  private async settled(writes: PendingWrite[], hold = true): Promise<void> {
    for (const write of writes) write.committed?.();
    const held = writes.some((write) => write.queued) ? this.onEffectsQueued() : undefined;
    this.options.changes?.publish(writes.flatMap((write) => write.ops.flatMap(changedRecord)));
    if (hold) await held;
  }

  /** The record a command with this idempotency key already produced, if it ran. */
  private async alreadyDone(options: CommandOptions): Promise<RecordDoc | undefined> {
    if (!options.idempotencyKey) return undefined;
    const seen = await this.store.get<{ _id: string; recordId: string }>(IDEMPOTENCY, options.idempotencyKey);
    return seen ? this.store.get<RecordDoc>(RECORDS, seen.recordId) : undefined;
  }

  /** After a failed commit: when another run with the same key won the race, its record. */
  private async replay(error: unknown, options: CommandOptions): Promise<RecordDoc | undefined> {
    if (!(error instanceof DuplicateKeyError) || error.collection !== IDEMPOTENCY) return undefined;
    return this.alreadyDone(options);
  }

  /** Whether the actor is an admin (who may still correct a record in a final stage). */
  private async isAdmin(actor: Actor): Promise<boolean> {
    // Without users (an engine embedded in a tool) nobody's roles are known or checked.
    const { rolesOf } = this.options;
    if (!rolesOf) return true;
    return (await rolesOf(actor))?.includes('admin') ?? false;
  }

  /** Refuse, as `validation-failed`, references to records the acting person may not see. */
  private async assertReachable(schema: unknown, before: RecordData | undefined, after: RecordData, actor: Actor): Promise<void> {
    const issues = await unreachableReferences((id) => this.store.get<RecordDoc>(RECORDS, id), schema, before, after, actor, this.options.reach);
    if (issues.length > 0) throw new UserError('validation-failed', `The data does not match the schema: ${issues[0]?.message}`, { issues });
  }

  async create(entity: string, input: { data: RecordData; owner?: string; handler?: string }, actor: Actor, options: CommandOptions = {}): Promise<RecordDoc> {
    const done = await this.alreadyDone(options);
    if (done) return done;
    const compiled = await this.definitions.latest(entity);
    assertNotArchived(compiled.definition.schema, entity);
    const { doc, plan, entry, event } = planNewRecord(compiled, this.registry, entity, input, actor);
    await this.assertReachable(compiled.definition.schema, undefined, doc.data, actor);
    try {
      await this.commit(doc, undefined, plan, entry, options, undefined, event);
    } catch (error) {
      const replayed = await this.replay(error, options);
      if (replayed) return replayed;
      throw error;
    }
    return doc;
  }

  /**
   * Create many records, all or nothing (./import-records.ts): every row is planned as
   * `create` plans one; one failing row refuses the batch with `import-rejected` listing
   * every row's issues; otherwise every record, log entry, effect and timer is written in
   * one commit. A dry run plans and writes nothing.
   */
  async createMany(entity: string, rows: ImportRow[], actor: Actor, options: ImportOptions = {}): Promise<ImportResult> {
    const compiled = await this.definitions.latest(entity);
    assertNotArchived(compiled.definition.schema, entity);
    const planned = planImport(compiled, this.registry, entity, rows, actor);
    const load = (id: string) => this.store.get<RecordDoc>(RECORDS, id);
    const unreachable = await unreachableInRows(load, compiled.definition.schema, planned.map((p) => p.doc.data), actor, this.options.reach);
    if (unreachable.issues.length > 0) throw importRejected(unreachable.issues, unreachable.rejected, rows.length);
    if (options.dryRun) return { dryRun: true, count: planned.length, ids: [] };
    const writes: PendingWrite[] = [];
    for (const { doc, plan, entry, event } of planned) writes.push(await this.writeOps(doc, undefined, plan, entry, {}, undefined, event));
    await this.store.commit(writes.flatMap((write) => write.ops));
    await this.settled(writes);
    return { dryRun: false, count: planned.length, ids: planned.map((p) => p.doc._id) };
  }

  async send(
    entity: string,
    id: string,
    event: EventFacts & { version?: number },
    actor: Actor,
    options: CommandOptions = {},
  ): Promise<RecordDoc> {
    const done = await this.alreadyDone(options);
    if (done) return done;
    return (await this.sendAttempts(entity, id, event, actor, options)) as RecordDoc;
  }

  /**
   * Send the event of a timer that fell due, consuming the timer in the same commit.
   * Resolves undefined, changing nothing, when the timer was disarmed or re-armed
   * meanwhile (its stage was left): a stale timer does nothing.
   */
  async sendForTimer(timer: TimerDoc, event: EventFacts, actor: Actor): Promise<RecordDoc | undefined> {
    const options = { idempotencyKey: `timer:${timer._id}:${timer.instance}` };
    const done = await this.alreadyDone(options);
    if (done) return done;
    return this.sendAttempts(timer.entity, timer.recordId, event, actor, options, timer);
  }

  /**
   * Commit a record's move to another definition version, planned by ./migration-plan.ts:
   * the record (version-checked), its timeline entry, its timers re-planned and its rollup
   * rows, all in one commit. A record changed meanwhile fails with `version-conflict`.
   */
  async commitMigration(current: RecordDoc, next: RecordDoc, entry: EventLogDoc, changes: TimerChange[]): Promise<void> {
    const timers = timerWriteOps(changes, { id: next._id, entity: next.entity, version: next.version }, { actor: entry.actor, at: next.updatedAt, event: { type: entry.type }, sink: this.options.timers });
    const rollups = (await this.options.rollups?.ops([{ before: current, after: next }], this.store)) ?? [];
    const ops: WriteOp[] = [{ op: 'put', collection: RECORDS, doc: next, expectVersion: current.version }, { op: 'insert', collection: EVENTS, doc: entry }, ...timers.ops, ...rollups];
    await this.store.commit(ops);
    await this.settled([{ ops, queued: timers.queued, ...(timers.committed ? { committed: timers.committed } : {}) }]);
  }

  /** Whether `timer` is still armed as this very instance. */
  async isArmed(timer: TimerDoc): Promise<boolean> {
    const stored = await this.store.get<TimerDoc>(TIMERS, timer._id);
    return stored?.version === timer.version;
  }

  private async sendAttempts(
    entity: string,
    id: string,
    event: EventFacts & { version?: number },
    actor: Actor,
    options: CommandOptions,
    timer?: TimerDoc,
  ): Promise<RecordDoc | undefined> {
    // Without a version from the caller, a concurrent write is not the caller's
    // conflict: re-plan against the fresh record a few times before giving up.
    for (let attempt = 0; ; attempt++) {
      const current = await this.load(entity, id);
      if (timer && !(await this.isArmed(timer))) return undefined;
      if (event.version !== undefined && event.version !== current.version) {
        throw new VersionConflictError(RECORDS, id, event.version, current.version);
      }
      if (current.status === 'done') {
        throw new UserError('event-not-allowed', `This ${entity} is in final stage ${current.stage} and accepts no events`, {
          extra: { stage: current.stage, event: event.type, acceptedEvents: [] },
        });
      }
      const compiled = await this.definitions.version(entity, current.definitionVersion);
      if (attempt === 0) await assertMaySend(compiled.definition.machine, event.type, actor, this.options.rolesOf, eventLabels(compiled, event.type));
      const facts: EventFacts = { type: event.type, ...(event.data ? { data: event.data } : {}), ...(event.payload ? { payload: event.payload } : {}) };
      const plan = planEvent(compiled, this.registry, recordFacts(current), facts);
      if (event.data) assertFieldsWritable(compiled, actor, { input: event.data, before: current.data, after: plan.data, stage: current.stage, status: current.status, admin: false });
      await this.assertReachable(compiled.definition.schema, current.data, plan.data, actor);
      const at = new Date().toISOString();
      const next: RecordDoc = {
        ...current,
        state: plan.stateValue,
        stage: plan.stage,
        status: plan.status,
        data: plan.data,
        activitiesDone: plan.activitiesDone,
        version: current.version + 1,
        updatedAt: at,
        // Only a change of stage restarts the clock (a self-transition does not).
        ...(plan.stage === current.stage ? {} : { stageEnteredAt: at }),
        updatedBy: actor,
      };
      const guards = plan.trace.map(({ guard, ok }) => ({ guard, ok }));
      const logged = event.payload ? { ...event.data, ...event.payload } : event.data;
      const entry = logEntry(next, { type: event.type, kind: 'event', from: current.stage, to: plan.stage, payload: logged, actor, guards });
      try {
        await this.commit(next, current, plan, entry, options, current.version, facts, timer);
        return next;
      } catch (error) {
        const replayed = await this.replay(error, options);
        if (replayed) return replayed;
        if (error instanceof VersionConflictError && event.version === undefined && attempt < 3) continue;
        throw error;
      }
    }
  }

  /**
   * Merge-patch a record's data (a field set to null is removed). With a `version`, a
   * stale one is a conflict; without one (system writes), re-apply on a fresh record.
   */
  async update(entity: string, id: string, input: { data: RecordData; version?: number }, actor: Actor, options: CommandOptions = {}): Promise<RecordDoc> {
    const done = await this.alreadyDone(options);
    if (done) return done;
    for (let attempt = 0; ; attempt++) {
      const current = await this.load(entity, id);
      if (input.version !== undefined && input.version !== current.version) {
        throw new VersionConflictError(RECORDS, id, input.version, current.version);
      }
      const { next, entry } = await this.patched(current, input.data, actor);
      try {
        await this.commit(next, current, { effects: [], timers: [] }, entry, options, current.version);
        return next;
      } catch (error) {
        const replayed = await this.replay(error, options);
        if (replayed) return replayed;
        if (error instanceof VersionConflictError && input.version === undefined && attempt < 3) continue;
        throw error;
      }
    }
  }

  /** `current` with `patch` written into its data, checked as an update is, and its log entry. */
  private async patched(current: RecordDoc, patch: RecordData, actor: Actor): Promise<{ next: RecordDoc; entry: EventLogDoc }> {
    const compiled = await this.definitions.version(current.entity, current.definitionVersion);
    const computed = planPatch(compiled, current, patch, actor, await this.isAdmin(actor));
    await this.assertReachable(compiled.definition.schema, current.data, computed, actor);
    const next: RecordDoc = { ...current, data: computed, version: current.version + 1, updatedAt: new Date().toISOString(), updatedBy: actor };
    return { next, entry: logEntry(next, { type: 'updated', kind: 'updated', payload: patch, actor }) };
  }

  /**
   * Create a record and write its id into a field of another record (`link`: the record an
   * automation runs for) in one commit: both land, or neither (a link the other record
   * refuses leaves no record behind). Each is checked and logged as `create` and `update`
   * would, each under its own idempotency key; a record created before without its link
   * (an earlier attempt, an engine that linked in a second commit) is linked now.
   */
  async createLinked(
    entity: string,
    input: { data: RecordData; owner?: string; handler?: string },
    actor: Actor,
    options: CommandOptions,
    link: { entity: string; id: string; field: string; idempotencyKey?: string },
  ): Promise<RecordDoc> {
    const linkOptions: CommandOptions = link.idempotencyKey ? { idempotencyKey: link.idempotencyKey } : {};
    const linkTo = async (created: RecordDoc) => {
      await this.update(link.entity, link.id, { data: { [link.field]: created._id } }, actor, linkOptions);
      return created;
    };
    const done = await this.alreadyDone(options);
    if (done) return linkTo(done);
    const compiled = await this.definitions.latest(entity);
    assertNotArchived(compiled.definition.schema, entity);
    const { doc, plan, entry, event } = planNewRecord(compiled, this.registry, entity, input, actor);
    await this.assertReachable(compiled.definition.schema, undefined, doc.data, actor);
    for (let attempt = 0; ; attempt++) {
      const current = await this.load(link.entity, link.id);
      const linked = await this.patched(current, { [link.field]: doc._id }, actor);
      const writes = [
        await this.writeOps(doc, undefined, plan, entry, options, undefined, event),
        await this.writeOps(linked.next, current, { effects: [], timers: [] }, linked.entry, linkOptions, current.version, { type: linked.entry.type }, undefined, [doc]),
      ];
      try {
        await this.store.commit(writes.flatMap((write) => write.ops));
        await this.settled(writes);
        return doc;
      } catch (error) {
        const replayed = await this.replay(error, options);
        if (replayed) return linkTo(replayed);
        if (error instanceof VersionConflictError && attempt < 3) continue;
        throw error;
      }
    }
  }

  /**
   * Give a record to another owner and/or handler (a hand-over: "an operator can hand a
   * lead to someone else at any time"). `null` clears the handler. Logged as `assigned`.
   */
  async assign(
    entity: string,
    id: string,
    input: { owner?: string; handler?: string | null; version?: number },
    actor: Actor,
  ): Promise<RecordDoc> {
    const current = await this.load(entity, id);
    if (input.version !== undefined && input.version !== current.version) throw new VersionConflictError(RECORDS, id, input.version, current.version);
    const next: RecordDoc = { ...current, version: current.version + 1, updatedAt: new Date().toISOString(), updatedBy: actor };
    if (input.owner !== undefined) next.owner = input.owner;
    if (input.handler === null) delete next.handler;
    else if (input.handler !== undefined) next.handler = input.handler;
    const payload = {
      ...(input.owner !== undefined ? { owner: input.owner, previousOwner: current.owner ?? null } : {}),
      ...(input.handler !== undefined ? { handler: input.handler, previousHandler: current.handler ?? null } : {}),
    };
    const entry = logEntry(next, { type: 'assigned', kind: 'assigned', payload, actor });
    await this.commit(next, current, { effects: [], timers: [] }, entry, {}, current.version);
    return next;
  }

  async setActivity(entity: string, id: string, input: { activity: string; done: boolean; version?: number }, actor: Actor): Promise<RecordDoc> {
    const current = await this.load(entity, id);
    if (input.version !== undefined && input.version !== current.version) throw new VersionConflictError(RECORDS, id, input.version, current.version);
    const compiled = await this.definitions.version(entity, current.definitionVersion);
    const declared = compiled.stages.get(current.stage)?.activities ?? [];
    if (!declared.some((a) => a.id === input.activity)) {
      throw new UserError('invalid-request', `Stage ${current.stage} has no activity "${input.activity}"`, {
        issues: [{ pointer: '/activity', message: `one of: ${declared.map((a) => a.id).join(', ') || '(none)'}` }],
      });
    }
    const done = new Set(current.activitiesDone);
    if (input.done) done.add(input.activity);
    else done.delete(input.activity);
    const next: RecordDoc = { ...current, activitiesDone: [...done], version: current.version + 1, updatedAt: new Date().toISOString(), updatedBy: actor };
    const entry = logEntry(next, { type: input.done ? 'activity.done' : 'activity.reopened', kind: 'activity', payload: { activity: input.activity }, actor });
    await this.commit(next, current, { effects: [], timers: [] }, entry, {}, current.version);
    return next;
  }

  async remove(entity: string, id: string, input: { version?: number }, actor: Actor): Promise<void> {
    const current = await this.load(entity, id);
    const expectVersion = input.version ?? current.version;
    const at = new Date().toISOString();
    const timers = await this.store.find<TimerDoc>(TIMERS, { recordId: id });
    const version = current.version + 1;
    const entry: EventLogDoc = { _id: `${id}:deleted`, recordId: id, entity, version, type: 'deleted', kind: 'deleted', from: current.stage, actor, at };
    const writes = timerWriteOps(
      timers.map((doc) => ({ op: 'cancel', doc })),
      { id, entity, version },
      { actor, at, event: { type: 'deleted' }, sink: this.options.timers },
    );
    const rollups = (await this.options.rollups?.ops([{ before: current, after: undefined }], this.store)) ?? [];
    await this.store.commit([{ op: 'delete', collection: RECORDS, id, expectVersion }, { op: 'insert', collection: EVENTS, doc: entry }, ...writes.ops, ...rollups]);
    writes.committed?.();
    if (writes.queued) await this.onEffectsQueued();
    this.options.changes?.publish([{ entity, id }]);
  }
}

/** The record a write op puts, if it is one. */
function changedRecord(op: WriteOp): RecordChange[] {
  return op.collection === RECORDS && (op.op === 'insert' || op.op === 'put') ? [{ entity: String(op.doc.entity), id: op.doc._id }] : [];
}
