/**
 * The list controls a saved segment holds, read back whatever version saved them: today's
 * `conditions`, or the single `field` + `value` of older segments (and of segments an older
 * version kept in a browser), turned into the condition that filtered the same way. Pure.
 */
import { enumValues } from './enum-labels.js';
import { FILTER_OPS, fieldKind, isWhole, type Condition, type FilterOp } from './filter-ops.js';
import { INITIAL_CONTROLS, type ListControls } from './list-filter.js';
import type { Field } from './pipeline-model.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isOp = (value: unknown): value is FilterOp => FILTER_OPS.includes(value as FilterOp);
const isValue = (value: unknown): value is Condition['value'] =>
  value === undefined || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

/** A saved condition as it is, when well formed. */
function readCondition(saved: unknown): Condition | undefined {
  if (!isObject(saved) || typeof saved.field !== 'string' || !saved.field || !isOp(saved.op) || !isValue(saved.value))
    return undefined;
  return { field: saved.field, op: saved.op, ...(saved.value === undefined ? {} : { value: saved.value }) };
}

/**
 * The condition an old `field` = `value` filter meant: an enum (or a list of them) held the
 * chosen value, a number equalled it, a boolean was yes or no, anything else contained the text.
 */
function legacyCondition(key: string, value: string, fields: Field[]): Condition {
  const field = fields.find((f) => f.key === key);
  const kind = field ? fieldKind(field.schema) : undefined;
  if (enumValues(field?.schema)) return { field: key, op: 'anyOf', value: [value] };
  if (kind === 'number') {
    // Whole numbers (VND amounts) may have been typed with thousands separators.
    const n = Number(value.replace(isWhole(field) ? /[^\d-]/g : /[^\d.-]/g, ''));
    if (Number.isFinite(n)) return { field: key, op: 'eq', value: String(n) };
  }
  if (kind === 'boolean') return { field: key, op: value === 'true' ? 'yes' : 'no' };
  return { field: key, op: 'contains', value };
}

/**
 * The list controls of a saved segment: the defaults, overlaid with what it holds that is
 * well formed (malformed conditions are dropped), paging from the start.
 *
 * @example
 * readSavedControls({ field: 'tier', value: 'VIP1', stage: '' }, fields)
 * // { ...INITIAL_CONTROLS, conditions: [{ field: 'tier', op: 'anyOf', value: ['VIP1'] }] }
 */
export function readSavedControls(saved: unknown, fields: Field[]): ListControls {
  const s = isObject(saved) ? saved : {};
  const conditions = Array.isArray(s.conditions)
    ? s.conditions.map(readCondition).filter((c): c is Condition => c !== undefined)
    : [];
  if (typeof s.field === 'string' && s.field && typeof s.value === 'string' && s.value.trim())
    conditions.push(legacyCondition(s.field, s.value.trim(), fields));
  return {
    ...INITIAL_CONTROLS,
    ...(typeof s.search === 'string' ? { search: s.search } : {}),
    ...(typeof s.stage === 'string' ? { stage: s.stage } : {}),
    ...(typeof s.sortBy === 'string' && s.sortBy ? { sortBy: s.sortBy } : {}),
    ...(s.direction === 1 || s.direction === -1 ? { direction: s.direction } : {}),
    conditions,
  };
}
