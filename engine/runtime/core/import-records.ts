/**
 * Creating many records at once, all or nothing (a CSV import): every row is planned
 * exactly as a single create is planned, the issues of every row are collected, and the
 * batch is refused as a whole when any row has one. Pure: no I/O, the record service
 * commits what is planned here.
 */
import { assertFieldsWritable } from './field-writes.js';
import { randomUUID } from 'node:crypto';
import { UserError, type Issue } from '../../errors.js';
import type { EventFacts, RecordData } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';
import type { CompiledDefinition } from './compiled-definition.js';
import { planCreate, type TransitionPlan } from './plan-transition.js';
import type { EventLogDoc, RecordDoc } from './record.js';

/** Rows per import: a bigger file is split by the caller (one commit holds them all). */
export const IMPORT_ROW_LIMIT = 5000;

/** One record to create. */
export interface ImportRow {
  data: RecordData;
  owner?: string;
  handler?: string;
}

export interface ImportOptions {
  /** Check every row and say how many would be created, writing nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  dryRun: boolean;
  /** Records created (or, for a dry run, that would be). */
  count: number;
  /** Ids of the created records, in row order; empty for a dry run. */
  ids: string[];
}

/** A record ready to be written: the document, its plan, its first log entry. */
export interface PlannedRecord {
  doc: RecordDoc;
  plan: TransitionPlan;
  entry: EventLogDoc;
  /** The event the effects and timers of the creation name. */
  event: EventFacts;
}

/**
 * Plan a new record as `create` does: validate its data, enter the initial stage (its
 * required fields checked, data actions applied), and build its document and log entry.
 * Throws the UserError of the first thing wrong.
 * @example const { doc, entry } = planNewRecord(compiled, registry, 'lead', { data: { fullName: 'An' } }, 'user:an');
 */
export function planNewRecord(
  compiled: CompiledDefinition,
  registry: Registry,
  entity: string,
  input: { data: RecordData; owner?: string; handler?: string },
  actor: string,
  now: string = new Date().toISOString(),
): PlannedRecord {
  const id = randomUUID();
  const owner = input.owner ?? (actor.startsWith('system:') ? undefined : actor);
  const plan = planCreate(compiled, registry, { id, entity, owner, handler: input.handler }, input.data);
  assertFieldsWritable(compiled, actor, { input: input.data, before: undefined, after: plan.data, admin: false });
  const doc: RecordDoc = {
    _id: id,
    entity,
    definitionVersion: compiled.definition.version,
    state: plan.stateValue,
    stage: plan.stage,
    status: plan.status,
    data: plan.data,
    activitiesDone: [],
    ...(owner === undefined ? {} : { owner }),
    ...(input.handler === undefined ? {} : { handler: input.handler }),
    version: 1,
    createdAt: now,
    updatedAt: now,
    stageEnteredAt: now,
    createdBy: actor,
    updatedBy: actor,
  };
  const entry: EventLogDoc = {
    _id: `${id}:1`,
    recordId: id,
    entity,
    version: 1,
    at: now,
    type: 'created',
    kind: 'created',
    to: plan.stage,
    payload: input.data,
    actor,
  };
  return { doc, plan, entry, event: { type: 'xstate.init', data: input.data } };
}

function checkRowCount(count: number): void {
  if (count === 0) {
    throw new UserError('invalid-request', 'There is nothing to import: rows is empty', {
      issues: [{ pointer: '/rows', message: 'must hold at least one row' }],
    });
  }
  if (count > IMPORT_ROW_LIMIT) {
    throw new UserError('invalid-request', `At most ${IMPORT_ROW_LIMIT} rows can be imported at once, not ${count}: split the file`, {
      issues: [{ pointer: '/rows', message: `must hold at most ${IMPORT_ROW_LIMIT} rows (it holds ${count})` }],
      extra: { limit: IMPORT_ROW_LIMIT },
    });
  }
}

/** The refusal of a whole batch: every issue of every failing row, the rows named in the detail. */
export function importRejected(issues: Issue[], rejected: number[], total: number): UserError {
  const named = rejected.slice(0, 10).map((index) => `rows[${index}]`);
  const more = rejected.length > named.length ? ` and ${rejected.length - named.length} more` : '';
  const first = issues[0] ? ` First: ${issues[0].pointer} ${issues[0].message}.` : '';
  return new UserError(
    'import-rejected',
    `Nothing was imported: ${rejected.length} of ${total} rows are not valid (${named.join(', ')}${more}).${first}`,
    { issues, extra: { rejectedRows: rejected, rowCount: total } },
  );
}

/**
 * Plan every row of an import. When any row fails, throws one `import-rejected` error
 * whose issues point into the rows (`/rows/3/data/phone`); errors that are not the
 * caller's (a bug, a missing action) are thrown as they are.
 * @example const planned = planImport(compiled, registry, 'lead', [{ data: { fullName: 'An' } }], 'user:an');
 */
export function planImport(compiled: CompiledDefinition, registry: Registry, entity: string, rows: ImportRow[], actor: string): PlannedRecord[] {
  checkRowCount(rows.length);
  const now = new Date().toISOString();
  const planned: PlannedRecord[] = [];
  const issues: Issue[] = [];
  const rejected: number[] = [];
  rows.forEach((row, index) => {
    try {
      planned.push(planNewRecord(compiled, registry, entity, row, actor, now));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      rejected.push(index);
      const found = error.issues.length > 0 ? error.issues : [{ pointer: '', message: error.message }];
      for (const issue of found) issues.push({ pointer: `/rows/${index}${issue.pointer}`, message: issue.message });
    }
  });
  if (rejected.length > 0) throw importRejected(issues, rejected, rows.length);
  return planned;
}
