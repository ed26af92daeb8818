/**
 * `?include=`: what a record read adds to each record beyond the record itself. For now
 * `reminders`, where the record stands with its stage reminders (overdue ones of its
 * current stage, the next one armed), which boards show on their cards.
 */
import type { Request } from 'express';
import type { AutomationState, Engine } from '../runtime/engine-port.js';
import { LIST_QUERY } from './request-schemas.js';
import { invalidRequest, queryReader } from './validate-request.js';
import type { RecordView } from '../runtime/core/index.js';
import type { RecordReminders } from '../runtime/read/index.js';

export const INCLUDABLE = ['reminders', 'automations'] as const;
export type Includable = (typeof INCLUDABLE)[number];

/** A record with what `include` asked for. */
export type RecordWithExtras = RecordView & { reminders?: RecordReminders; automations?: AutomationState };

/** The single-record read takes only `include` (as the list does). */
export const RECORD_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { include: LIST_QUERY.properties.include },
} as const;
const readRecordQuery = queryReader<{ include?: string }>(RECORD_QUERY);

/**
 * The extras `include` names; unknown or empty names are refused at `/query/include`.
 * @example parseInclude('reminders') // Set { 'reminders' }
 */
export function parseInclude(raw: string | undefined): Set<Includable> {
  if (raw === undefined) return new Set();
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(INCLUDABLE as readonly string[]).includes(name));
  if (unknown.length > 0) {
    const shown = unknown.map((name) => (name === '' ? 'an empty name' : `"${name}"`)).join(', ');
    throw invalidRequest([
      { pointer: '/query/include', message: `names ${shown}: each must be one of ${INCLUDABLE.join(', ')}` },
    ]);
  }
  return new Set(names as Includable[]);
}

/** `include` of a single-record read (which takes no other query parameter). */
export function recordInclude(req: Request): Set<Includable> {
  return parseInclude(readRecordQuery(req).include);
}

/**
 * Add what `include` asked for to a record, or to each record of a page with one query
 * per extra for the whole page.
 * @example res.json({ items: await withExtras(engine, items, parseInclude(raw)) });
 */
export async function withExtras(
  engine: Engine,
  records: RecordView[],
  include: Set<Includable>,
): Promise<RecordWithExtras[]>;
export async function withExtras(
  engine: Engine,
  record: RecordView,
  include: Set<Includable>,
): Promise<RecordWithExtras>;
export async function withExtras(
  engine: Engine,
  input: RecordView | RecordView[],
  include: Set<Includable>,
): Promise<RecordWithExtras | RecordWithExtras[]> {
  const records = Array.isArray(input) ? input : [input];
  let out: RecordWithExtras[] = records;
  if (include.has('reminders')) {
    const reminders = await engine.remindersOf(records);
    out = out.map((record) => ({ ...record, reminders: reminders[record.id] ?? { overdue: [] } }));
  }
  if (include.has('automations')) {
    const automations = await engine.automationsOf(records);
    out = out.map((record) => ({ ...record, automations: automations[record.id] ?? { pending: 0, failed: 0 } }));
  }
  return Array.isArray(input) ? out : (out[0] ?? input);
}
