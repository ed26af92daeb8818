/**
 * Migrating live records to another version of their definition (DESIGN.md decision 12):
 * a preview of what each record would become, then a background job that moves them one
 * atomic commit at a time (./migration-plan.ts plans, RecordService commits), keeps its
 * progress in collection `migrations` and resumes after a restart where it stopped.
 */
import { randomUUID } from 'node:crypto';
import { pointerOf } from '../../definitions/json-pointer.js';
import { UserError, VersionConflictError } from '../../errors.js';
import type { RecordData } from '../../plugins/contract.js';
import type { Filter, Store } from '../../store/store.js';
import type { RecordService } from './record-service.js';
import { RECORDS, TIMERS, MIGRATIONS } from '../../collections.js';
import { planRecordMigration, recordTitle, type CompiledDefinition, type CompiledDefinitions, type MigrationProblem, type RecordDoc, type RecordMigration, type StageMapping, type TimerDoc } from '../core/index.js';

export interface MigrationRequest {
  /** The version to move records to (default: the latest). */
  toVersion?: number;
  mapping?: StageMapping;
  /** Values for fields records lack (a new required field). */
  fill?: RecordData;
  /** Only these records (default: every live record on another version). */
  ids?: string[];
}

/** What the preview says about one record (./migration-plan.ts without what to commit). */
export type RecordMigrationPreview = Omit<RecordMigration, 'next' | 'entry' | 'changes'> & { title?: string };

/** Records of one old version and stage, and where they go. */
export interface MigrationGroup {
  fromVersion: number;
  fromStage: string;
  toStage?: string;
  count: number;
  movable: number;
}

export interface MigrationPreview {
  entity: string;
  toVersion: number;
  total: number;
  movable: number;
  blocked: number;
  groups: MigrationGroup[];
  /** The records that cannot move first, then the others; at most `limit`. */
  records: RecordMigrationPreview[];
}

/** A record the job could not move, and why. */
export interface MigrationJobProblem {
  id: string;
  title?: string;
  fromStage: string;
  code: MigrationProblem['code'] | 'changed-meanwhile';
  message: string;
}

export type MigrationJob = {
  _id: string;
  entity: string;
  toVersion: number;
  mapping: StageMapping;
  fill?: RecordData;
  ids?: string[];
  status: 'running' | 'done';
  total: number;
  processed: number;
  moved: number;
  /** Records that could not move (their problems), or kept changing under the job. */
  skipped: number;
  /** The first of them, with why. */
  problems: MigrationJobProblem[];
  /** The last record id processed: the job resumes after it. */
  cursor: string;
  startedAt: string;
  startedBy: string;
  finishedAt?: string;
  version: number;
};

/** Records per batch, and how many of a batch commit at once. */
const BATCH = 200;
const PARALLEL = 8;
const KEPT_PROBLEMS = 100;
const ATTEMPTS = 3;

export interface MigrationDeps {
  store: Store;
  compiled: CompiledDefinitions;
  records: RecordService;
  timeZone: string;
}

/**
 * @example
 * const preview = await migrations.preview('deal', { mapping: { 'open.review': 'open.checking' } });
 * const job = await migrations.start('deal', { mapping: { 'open.review': 'open.checking' } }, 'user:admin');
 */
export class Migrations {
  private readonly running = new Map<string, Promise<void>>();
  private indexed?: Promise<void>;
  private stopping = false;

  constructor(private readonly deps: MigrationDeps) {}

  /** What migrating would do, record by record; changes nothing. */
  async preview(entity: string, request: MigrationRequest, limit = 50): Promise<MigrationPreview> {
    const to = await this.target(entity, request);
    const groups = new Map<string, MigrationGroup>();
    const blocked: RecordMigrationPreview[] = [];
    const movable: RecordMigrationPreview[] = [];
    let total = 0;
    let ok = 0;
    for await (const batch of this.batches(entity, to.definition.version, request.ids, '')) {
      for (const plan of (await this.plan(batch, to, request, 'system:preview')).map((p, i) => shown(p, to, batch[i]))) {
        total++;
        const key = `${plan.fromVersion} ${plan.fromStage}`;
        const group = groups.get(key) ?? { fromVersion: plan.fromVersion, fromStage: plan.fromStage, count: 0, movable: 0, ...(plan.toStage ? { toStage: plan.toStage } : {}) };
        group.count++;
        if (plan.problems.length === 0) {
          ok++;
          group.movable++;
          if (movable.length < limit) movable.push(plan);
        } else if (blocked.length < limit) blocked.push(plan);
        groups.set(key, group);
      }
    }
    return {
      entity,
      toVersion: to.definition.version,
      total,
      movable: ok,
      blocked: total - ok,
      groups: [...groups.values()].sort((a, b) => a.fromVersion - b.fromVersion || a.fromStage.localeCompare(b.fromStage)),
      records: [...blocked, ...movable].slice(0, limit),
    };
  }

  /** Start a migration job in the background; its progress is `get(id)`. */
  async start(entity: string, request: MigrationRequest, actor: string): Promise<MigrationJob> {
    const to = await this.target(entity, request);
    await this.ready();
    const total = await this.deps.store.count(RECORDS, liveFilter(entity, to.definition.version, request.ids));
    const job: MigrationJob = {
      _id: randomUUID(),
      entity,
      toVersion: to.definition.version,
      mapping: request.mapping ?? {},
      ...(request.fill ? { fill: request.fill } : {}),
      ...(request.ids ? { ids: request.ids } : {}),
      status: 'running',
      total,
      processed: 0,
      moved: 0,
      skipped: 0,
      problems: [],
      cursor: '',
      startedAt: new Date().toISOString(),
      startedBy: actor,
      version: 1,
    };
    await this.deps.store.commit([{ op: 'insert', collection: MIGRATIONS, doc: job }]);
    this.launch(job);
    return job;
  }

  /** A job as it stands. Throws `not-found`. */
  async get(entity: string, id: string): Promise<MigrationJob> {
    const job = await this.deps.store.get<MigrationJob>(MIGRATIONS, id);
    if (!job || job.entity !== entity) throw new UserError('not-found', `There is no migration ${id} of ${entity}`, { extra: { entity, id } });
    return job;
  }

  /** An entity's jobs, newest first. */
  async list(entity: string): Promise<MigrationJob[]> {
    await this.ready();
    return this.deps.store.find<MigrationJob>(MIGRATIONS, { entity }, { sort: { startedAt: -1 }, limit: 20 });
  }

  /** Go on with the jobs a stop interrupted (called when the engine starts). */
  async resume(): Promise<void> {
    await this.ready();
    for (const job of await this.deps.store.find<MigrationJob>(MIGRATIONS, { status: 'running' })) this.launch(job);
  }

  /** Resolves once every job this process runs has finished (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stop after the batch under way; the jobs stay `running` and resume at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private launch(job: MigrationJob): void {
    if (this.running.has(job._id) || this.stopping) return;
    const run = this.run(job)
      .catch((error: unknown) => console.error(`migration ${job._id} of ${job.entity} stopped; it resumes at the next start:`, error))
      .finally(() => this.running.delete(job._id));
    this.running.set(job._id, run);
  }

  private async run(start: MigrationJob): Promise<void> {
    let job = start;
    const to = await this.deps.compiled.version(job.entity, job.toVersion);
    const request: MigrationRequest = { mapping: job.mapping, ...(job.fill ? { fill: job.fill } : {}) };
    for await (const batch of this.batches(job.entity, job.toVersion, job.ids, job.cursor)) {
      if (this.stopping) return;
      // The batch's timers are read once and every record planned; only a record written
      // meanwhile is read and planned again on its own.
      const plans = await this.plan(batch, to, request, job.startedBy);
      const outcomes: (MigrationJobProblem | undefined)[] = [];
      for (let i = 0; i < batch.length; i += PARALLEL) {
        outcomes.push(...(await Promise.all(batch.slice(i, i + PARALLEL).map((record, j) => this.move(record, plans[i + j], to, request, job.startedBy)))));
      }
      const problems = outcomes.filter((p): p is MigrationJobProblem => p !== undefined);
      const next: MigrationJob = {
        ...job,
        processed: job.processed + batch.length,
        moved: job.moved + batch.length - problems.length,
        skipped: job.skipped + problems.length,
        problems: [...job.problems, ...problems].slice(0, KEPT_PROBLEMS),
        cursor: batch[batch.length - 1]._id,
        version: job.version + 1,
      };
      await this.deps.store.commit([{ op: 'put', collection: MIGRATIONS, doc: next, expectVersion: job.version }]);
      job = next;
    }
    const done: MigrationJob = { ...job, status: 'done', total: Math.max(job.total, job.processed), finishedAt: new Date().toISOString(), version: job.version + 1 };
    await this.deps.store.commit([{ op: 'put', collection: MIGRATIONS, doc: done, expectVersion: job.version }]);
  }

  /** Move one record, re-planning when it changed meanwhile; a problem when it cannot. */
  private async move(record: RecordDoc, planned: RecordMigration | undefined, to: CompiledDefinition, request: MigrationRequest, actor: string): Promise<MigrationJobProblem | undefined> {
    let current: RecordDoc | undefined = record;
    for (let attempt = 1; ; attempt++) {
      if (!current || current.status !== 'active' || current.definitionVersion === to.definition.version) return undefined;
      const [plan] = attempt === 1 && planned ? [planned] : await this.plan([current], to, request, actor);
      if (!plan?.next || !plan.entry || !plan.changes) {
        const problem = plan?.problems[0];
        return { id: current._id, fromStage: current.stage, code: problem?.code ?? 'invalid-data', message: problem?.message ?? 'cannot move', ...titled(to, current) };
      }
      try {
        await this.deps.records.commitMigration(current, plan.next, plan.entry, plan.changes);
        return undefined;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= ATTEMPTS) {
          if (error instanceof UserError) return { id: current._id, fromStage: current.stage, code: 'changed-meanwhile', message: error.message, ...titled(to, current) };
          throw error;
        }
        current = await this.deps.store.get<RecordDoc>(RECORDS, current._id);
      }
    }
  }

  private async plan(records: RecordDoc[], to: CompiledDefinition, request: MigrationRequest, actor: string): Promise<RecordMigration[]> {
    const timers = await this.deps.store.find<TimerDoc>(TIMERS, { recordId: { $in: records.map((r) => r._id) } });
    const now = new Date();
    const plans: RecordMigration[] = [];
    for (const record of records) {
      const from = await this.deps.compiled.version(record.entity, record.definitionVersion);
      const plan = planRecordMigration({
        record,
        from,
        to,
        mapping: request.mapping ?? {},
        ...(request.fill ? { fill: request.fill } : {}),
        timers: timers.filter((t) => t.recordId === record._id),
        now,
        timeZone: this.deps.timeZone,
        actor,
      });
      plans.push(plan);
    }
    return plans;
  }

  /** The live records to move, by id, in batches after `cursor`. */
  private async *batches(entity: string, toVersion: number, ids: string[] | undefined, cursor: string): AsyncGenerator<RecordDoc[]> {
    let after = cursor;
    for (;;) {
      const filter = liveFilter(entity, toVersion, ids);
      if (after) filter._id = { ...(filter._id as object | undefined), $gt: after };
      const batch = await this.deps.store.find<RecordDoc>(RECORDS, filter, { sort: { _id: 1 }, limit: BATCH });
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1]._id;
      if (batch.length < BATCH) return;
    }
  }

  /** The version records go to, checked, and the request's fill checked against it. */
  private async target(entity: string, request: MigrationRequest): Promise<CompiledDefinition> {
    const to = request.toVersion === undefined ? await this.deps.compiled.latest(entity) : await this.deps.compiled.version(entity, request.toVersion);
    const unknownTargets = Object.entries(request.mapping ?? {}).filter(([, stage]) => !to.stages.has(stage));
    const properties = (to.definition.schema.properties ?? {}) as Record<string, unknown>;
    const unknownFields = Object.keys(request.fill ?? {}).filter((key) => !(key in properties));
    const issues = [
      ...unknownTargets.map(([from, stage]) => ({ pointer: pointerOf('body', 'mapping', from), message: `version ${to.definition.version} has no stage "${stage}"` })),
      ...unknownFields.map((key) => ({ pointer: pointerOf('body', 'fill', key), message: `version ${to.definition.version} has no field "${key}"` })),
    ];
    if (issues.length > 0) throw new UserError('invalid-request', `The migration does not fit version ${to.definition.version}: ${issues[0]?.message}`, { issues });
    return to;
  }

  private ready(): Promise<void> {
    this.indexed ??= this.deps.store.ensureIndex(MIGRATIONS, ['entity', 'status']);
    return this.indexed;
  }
}

/** Live records of an entity not on `toVersion` (records in a final stage stay where they ended). */
function liveFilter(entity: string, toVersion: number, ids: string[] | undefined): Filter {
  return { entity, status: 'active', definitionVersion: { $ne: toVersion }, ...(ids ? { _id: { $in: ids } } : {}) };
}

/** A plan as the preview shows it: without what it would commit, with the record's title. */
function shown(plan: RecordMigration, to: CompiledDefinition, record: RecordDoc): RecordMigrationPreview {
  const { next: _next, entry: _entry, changes: _changes, ...rest } = plan;
  return { ...rest, ...titled(to, record) };
}

function titled(to: CompiledDefinition, record: RecordDoc): { title?: string } {
  const title = recordTitle(to.definition.schema, record.data);
  return title === undefined ? {} : { title };
}

