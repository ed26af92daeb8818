/**
 * Moving one live record to another version of its definition (DESIGN.md decision 12),
 * planned without I/O: the stage it lands in by the admin's mapping, its data with the
 * values the admin gave for fields it lacks, what it still lacks, whether it may move at
 * all, and its timers re-planned.
 *
 * Timer rule (docs/designer.md#migrating-records): every timer of the old version is
 * disarmed. A stage the record stays in keeps its clock (the same stage, or one new in this
 * version its stage was mapped to, as a renamed one): its delays and `after` reminders of
 * the new version count from when the record entered it, and one already overdue is due at
 * once. A stage of the old version it is moved into starts its clock at the migration.
 * Date reminders follow their field as always.
 */
import type { RecordData } from '../../plugins/contract.js';
import type { Issue } from '../../errors.js';
import { stagePath, stateValueOf, type CompiledDefinition } from './compiled-definition.js';
import { durationMs } from './duration.js';
import type { EventLogDoc, RecordDoc, TimerChange, TimerDoc } from './record.js';
import { activeStages, reminderDue, reminderTimerId } from './timer-plan.js';

/** Old stage path → new stage path. A stage the mapping omits keeps its path when the new version has it. */
export type StageMapping = Record<string, string>;

export interface MigrationInput {
  record: RecordDoc;
  from: CompiledDefinition;
  to: CompiledDefinition;
  mapping: StageMapping;
  /** Values for fields the record lacks (a new required field). */
  fill?: RecordData;
  /** The record's armed timers. */
  timers: TimerDoc[];
  now: Date;
  timeZone: string;
  actor: string;
}

/** Why a record cannot move. */
export interface MigrationProblem {
  code: 'unmapped-stage' | 'unknown-stage' | 'invalid-data';
  message: string;
  stage?: string;
  issues?: Issue[];
}

/** A timer as the preview shows it. */
export interface TimerBrief {
  kind: 'delay' | 'reminder';
  stage: string;
  /** The reminder's id, or the delayed event's type. */
  id: string;
  dueAt: string;
}

export interface RecordMigration {
  id: string;
  fromVersion: number;
  fromStage: string;
  toStage?: string;
  /** The stage's fields (new version) the record lacks: people are asked for them at its next step. */
  missingFields: string[];
  /** Fields given a value from the migration's `fill`. */
  filled: string[];
  problems: MigrationProblem[];
  cancelled: TimerBrief[];
  planned: TimerBrief[];
  /** What to commit, when it may move. */
  next?: RecordDoc;
  entry?: EventLogDoc;
  changes?: TimerChange[];
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** Plan one record's move. Never throws for the record's own state: problems say why it cannot move. */
export function planRecordMigration(input: MigrationInput): RecordMigration {
  const { record, to, mapping } = input;
  const base: RecordMigration = {
    id: record._id,
    fromVersion: record.definitionVersion,
    fromStage: record.stage,
    missingFields: [],
    filled: [],
    problems: [],
    cancelled: input.timers.map(brief),
    planned: [],
  };
  const targets: string[] = [];
  for (const leaf of record.stage.split(',')) {
    const target = mapping[leaf] ?? (to.stages.has(leaf) ? leaf : undefined);
    if (target === undefined) {
      base.problems.push({ code: 'unmapped-stage', stage: leaf, message: `Stage "${leaf}" is not in version ${to.definition.version}: map it to one of its stages` });
    } else if (!to.stages.has(target)) {
      base.problems.push({ code: 'unknown-stage', stage: target, message: `Version ${to.definition.version} has no stage "${target}"` });
    } else targets.push(target);
  }
  if (base.problems.length > 0) return base;

  const data: RecordData = { ...record.data };
  for (const [key, value] of Object.entries(input.fill ?? {})) {
    if (isEmpty(data[key]) && !isEmpty(value)) {
      data[key] = value;
      base.filled.push(key);
    }
  }
  let snapshot: { value: unknown; status: string };
  try {
    snapshot = to.machine.resolveState({ value: stateValueOf(targets.join(',')) as never, context: data });
  } catch (error) {
    base.problems.push({ code: 'unknown-stage', stage: targets.join(','), message: error instanceof Error ? error.message : String(error) });
    return base;
  }
  const { value } = snapshot;
  const final = snapshot.status === 'done';
  const stage = stagePath(value);
  base.toStage = stage;
  const issues = to.validateData(data);
  if (issues.length > 0) {
    base.problems.push({ code: 'invalid-data', message: `The record's data does not fit version ${to.definition.version}: ${issues[0]?.message}`, issues });
    base.missingFields = missingOf(issues);
    return base;
  }
  const stages = activeStages(stage);
  base.missingFields = [...new Set([...stages].flatMap((s) => to.stages.get(s)?.requiredFields ?? []))].filter((f) => isEmpty(data[f]));

  const at = input.now.toISOString();
  const was = activeStages(record.stage);
  const kept = new Set([...stages].filter((s) => was.has(s) || !input.from.stages.has(s)));
  const next: RecordDoc = {
    ...record,
    definitionVersion: to.definition.version,
    state: value,
    stage,
    status: final ? 'done' : 'active',
    data,
    activitiesDone: kept.has(stage) ? record.activitiesDone.filter((id) => to.stages.get(stage)?.activities.some((a) => a.id === id)) : [],
    version: record.version + 1,
    updatedAt: at,
    stageEnteredAt: kept.has(stage) ? (record.stageEnteredAt ?? record.createdAt) : at,
    updatedBy: input.actor,
  };
  const planned = final ? [] : plannedTimers(input, next, stages, kept);
  const changes: TimerChange[] = [...input.timers.map((doc) => ({ op: 'cancel' as const, doc })), ...planned.map((doc) => ({ op: 'schedule' as const, doc }))];
  const entry: EventLogDoc = {
    _id: `${record._id}:${next.version}`,
    recordId: record._id,
    entity: record.entity,
    version: next.version,
    type: 'migrated',
    kind: 'migrated',
    from: record.stage,
    to: stage,
    payload: { fromVersion: record.definitionVersion, toVersion: to.definition.version, ...(base.filled.length > 0 ? { filled: base.filled } : {}) },
    actor: input.actor,
    at,
  };
  return { ...base, planned: planned.map(brief), next, entry, changes };
}

/** Fields a schema's `required` names that the data lacks, from ajv's issues. */
function missingOf(issues: Issue[]): string[] {
  return issues.flatMap((issue) => (/^\/data\/([^/]+)$/.exec(issue.pointer) && issue.message.endsWith(' is required') ? [issue.pointer.slice(6)] : []));
}

/** When the record entered `stage`, as far as its timers and stage clock tell. */
function enteredAt(input: MigrationInput, stage: string): number {
  for (const timer of input.timers) {
    if (timer.kind !== 'reminder' || timer.reminder?.stage !== stage) continue;
    const decl = input.from.stages.get(stage)?.reminders.find((r) => r.id === timer.reminder?.id);
    const after = decl && decl.field === undefined && decl.after !== undefined ? durationMs(decl.after) : undefined;
    if (after !== undefined) return Date.parse(timer.dueAt) - after;
  }
  return Date.parse(input.record.stageEnteredAt ?? input.record.createdAt);
}

/** The timers of the new version's active stages, by the rule above. */
function plannedTimers(input: MigrationInput, next: RecordDoc, stages: Set<string>, kept: Set<string>): TimerDoc[] {
  const { to, now } = input;
  const out: TimerDoc[] = [];
  const common = { recordId: next._id, entity: next.entity, instance: next.version, version: next.version, enteredVersion: next.version };
  const dueFrom = (stage: string, ms: number) => new Date(Math.max(now.getTime(), (kept.has(stage) ? enteredAt(input, stage) : now.getTime()) + ms)).toISOString();
  const delays = (to.machine.implementations.delays ?? {}) as Record<string, unknown>;
  for (const stage of stages) {
    let node = to.machine.root as { states: Record<string, unknown> };
    for (const key of stage.split('.')) node = node.states[key] as typeof node;
    for (const delayed of (node as unknown as { after: { eventType: string; delay: number | string }[] }).after) {
      const ms = typeof delayed.delay === 'number' ? delayed.delay : delays[delayed.delay];
      if (typeof ms !== 'number') continue;
      out.push({ ...common, _id: `${next._id}:${delayed.eventType}`, kind: 'delay', timerId: delayed.eventType, event: { type: delayed.eventType }, dueAt: dueFrom(stage, ms) });
    }
    for (const decl of to.stages.get(stage)?.reminders ?? []) {
      const after = decl.field === undefined && decl.after !== undefined ? durationMs(decl.after) : undefined;
      const due = after !== undefined ? dueFrom(stage, after) : reminderDue(decl, next.data, now, input.timeZone)?.toISOString();
      if (!due) continue;
      const timerId = reminderTimerId(stage, decl.id);
      out.push({ ...common, _id: `${next._id}:${timerId}`, kind: 'reminder', timerId, reminder: { stage, id: decl.id }, dueAt: due });
    }
  }
  return out;
}

function brief(doc: TimerDoc): TimerBrief {
  return doc.kind === 'reminder'
    ? { kind: 'reminder', stage: doc.reminder?.stage ?? '', id: doc.reminder?.id ?? doc.timerId, dueAt: doc.dueAt }
    : { kind: 'delay', stage: doc.timerId.replace(/^xstate\.after\.[^.]+\.[^.]+\./, ''), id: doc.event?.type ?? doc.timerId, dueAt: doc.dueAt };
}
