/**
 * What a person may write into a record's data (issue 11.2): never a read-only or computed
 * field (./field-roles.ts), not a field the current stage locks (`meta.lockedFields` of it
 * and the stages containing it), and nothing at all once the record sits in a final stage
 * unless they are an admin. Automations (system actors) write what their actions say.
 */
import { UserError, type Issue } from '../../errors.js';
import type { RecordData } from '../../plugins/contract.js';
import type { CompiledDefinition } from './compiled-definition.js';
import { computeFields, readOnlyIssues } from './field-roles.js';
import { requiredFieldsOf } from './plan-transition.js';
import type { RecordDoc } from './record.js';
import { isSystemActor } from './reference-reach.js';

/** Fields a stage locks: its own and those of the stages containing it. */
export function lockedFieldsOf(compiled: CompiledDefinition, stage: string): string[] {
  const parts = stage.split('.');
  const out: string[] = [];
  for (let i = 1; i <= parts.length; i++) out.push(...(compiled.stages.get(parts.slice(0, i).join('.'))?.lockedFields ?? []));
  return out;
}

export interface FieldWrite {
  /** What the person sent (a create's or patch's data, an event's data). */
  input: RecordData;
  /** The stored data (undefined for a new record). */
  before: RecordData | undefined;
  /** The data the write would store, computed fields worked out. */
  after: RecordData;
  /** Where the record stands before the write (undefined for a new record). */
  stage?: string;
  status?: 'active' | 'done';
  admin: boolean;
}

const changed = (input: RecordData, before: RecordData | undefined, key: string) =>
  JSON.stringify(input[key] ?? null) !== JSON.stringify(before?.[key] ?? null);

/**
 * Refuse, as `field-read-only` naming each field, a person's write of fields they may not
 * write; system actors pass.
 * @example assertFieldsWritable(compiled, actor, { input: { total: 1 }, before, after, stage: 'draft', admin: false })
 */
export function assertFieldsWritable(compiled: CompiledDefinition, actor: string, write: FieldWrite): void {
  if (isSystemActor(actor)) return;
  const issues: Issue[] = readOnlyIssues(compiled.roles, write.input, write.before, write.after, '/data');
  const flagged = new Set(issues.map((i) => i.pointer));
  if (write.stage !== undefined) {
    const finalForThem = write.status === 'done' && !write.admin;
    const locked = new Set(lockedFieldsOf(compiled, write.stage));
    for (const key of Object.keys(write.input)) {
      const pointer = `/data/${key}`;
      if (flagged.has(pointer) || !changed(write.input, write.before, key)) continue;
      if (finalForThem) issues.push({ pointer, message: `${key} cannot be changed: the record is in final stage ${write.stage} (only an admin may)` });
      else if (locked.has(key)) issues.push({ pointer, message: `${key} cannot be changed in stage ${write.stage}` });
    }
  }
  if (issues.length > 0)
    throw new UserError('field-read-only', `Not writable: ${issues.map((i) => i.pointer.slice('/data/'.length)).join(', ')}`, {
      issues,
      extra: { fields: issues.map((i) => i.pointer.slice('/data/'.length)) },
    });
}

/**
 * The data a person's merge-patch leaves (a field set to null is removed), computed fields
 * worked out; refused when it writes what they may not, breaks the schema, or empties a
 * field the record's stage requires.
 * @example const data = planPatch(compiled, record, { title: 'Hạ Long' }, 'minh', false);
 */
export function planPatch(compiled: CompiledDefinition, current: RecordDoc, patch: RecordData, actor: string, admin: boolean): RecordData {
  const data: RecordData = { ...current.data };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete data[field];
    else data[field] = value;
  }
  const computed = computeFields(compiled.roles, data);
  assertFieldsWritable(compiled, actor, { input: patch, before: current.data, after: computed, stage: current.stage, status: current.status, admin });
  const issues = compiled.validateData(computed);
  if (issues.length > 0) throw new UserError('validation-failed', `The data does not match the schema: ${issues[0]?.message}`, { issues });
  const missing = requiredFieldsOf(compiled, current.stage).filter((f) => patch[f] === null);
  if (missing.length > 0)
    throw new UserError('required-fields-missing', `Stage ${current.stage} requires: ${missing.join(', ')}`, {
      issues: missing.map((f) => ({ pointer: `/data/${f}`, message: `${f} is required in stage ${current.stage}` })),
    });
  return computed;
}
