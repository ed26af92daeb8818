/**
 * The list's filter conditions ("Tier is VIP1", "Date of birth in this month"): what a
 * condition is, which kind of field it tests and which operators each kind offers. Pure.
 */
import { enumValues } from './enum-labels.js';
import type { Field } from './pipeline-model.js';

/** Every operator a condition may use; its meaning is in ./condition-filter.ts. */
export const FILTER_OPS = [
  'contains',
  'is',
  'isEmpty',
  'isNotEmpty',
  'eq',
  'gte',
  'lte',
  'between',
  'anyOf',
  'yes',
  'no',
  'on',
  'before',
  'after',
  'today',
  'thisMonth',
  'inMonth',
  'lastDays',
  'nextDays',
  'me',
] as const;

export type FilterOp = (typeof FILTER_OPS)[number];

/**
 * One condition of the list (conditions are AND-ed). `value` is text for one value (numbers
 * as plain digits, dates as yyyy-mm-dd, a month as 1–12, a count of days), `[from, to]` for
 * `between`, the chosen keys for `anyOf`, and absent for operators that need none.
 */
export interface Condition {
  field: string;
  op: FilterOp;
  value?: string | string[];
}

/** What a field holds, as far as filtering goes. */
export type FieldKind = 'text' | 'number' | 'enum' | 'list' | 'boolean' | 'date' | 'dateTime' | 'stage' | 'owner';

/** The record's stage and owner, filterable beside the data fields (keys no schema field can take). */
export const STAGE_FIELD = '@stage';
export const OWNER_FIELD = '@owner';

const OPS: Record<FieldKind, FilterOp[]> = {
  text: ['contains', 'is', 'isEmpty', 'isNotEmpty'],
  number: ['eq', 'gte', 'lte', 'between', 'isEmpty'],
  enum: ['anyOf', 'isEmpty'],
  list: ['anyOf', 'contains', 'isEmpty'],
  boolean: ['yes', 'no'],
  date: ['on', 'before', 'after', 'between', 'today', 'thisMonth', 'inMonth', 'lastDays', 'nextDays', 'isEmpty'],
  // Month of the year is left out: a date-time keeps UTC, whose month is not the business zone's.
  dateTime: ['on', 'before', 'after', 'between', 'today', 'lastDays', 'nextDays', 'isEmpty'],
  stage: ['anyOf'],
  owner: ['me', 'is', 'isEmpty'],
};

/** Operators that take no value. */
const NO_VALUE = new Set<FilterOp>(['isEmpty', 'isNotEmpty', 'yes', 'no', 'today', 'thisMonth', 'me']);

type SchemaLike = { type?: unknown; format?: unknown; items?: unknown; 'x-widget'?: unknown };

/**
 * The kind of a schema field, or undefined when the list cannot filter on it (objects,
 * lists of objects or numbers).
 *
 * @example
 * fieldKind({ type: 'string', format: 'date' }) // 'date'
 * fieldKind({ type: 'array', items: { type: 'string' } }) // 'list'
 */
export function fieldKind(schema: unknown): FieldKind | undefined {
  const s = (schema ?? {}) as SchemaLike;
  if (s.type === 'array') {
    const items = (s.items ?? {}) as SchemaLike;
    return enumValues(schema) || items.type === 'string' ? 'list' : undefined;
  }
  if (enumValues(schema)) return 'enum';
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'string' && s.format === 'date') return 'date';
  if (s.type === 'string' && s.format === 'date-time') return 'dateTime';
  if (s.type === 'string' || s.type === undefined) return 'text';
  return undefined;
}

/** A field the filter bar offers: a schema field, or the record's stage or owner. */
export interface FilterField {
  key: string;
  kind: FieldKind;
  /** The schema field; absent for the stage and the owner. */
  field?: Field;
}

/**
 * The fields a list can filter on: stage and owner first, then the schema's in order.
 *
 * @example filterFields(listFields(schema)).map((f) => f.key) // ['@stage', '@owner', 'name', …]
 */
export function filterFields(fields: Field[]): FilterField[] {
  const data = fields.flatMap((field) => {
    const kind = fieldKind(field.schema);
    return kind ? [{ key: field.key, kind, field }] : [];
  });
  return [{ key: STAGE_FIELD, kind: 'stage' }, { key: OWNER_FIELD, kind: 'owner' }, ...data];
}

/** The operators a kind of field offers, the first being the default. */
export function opsFor(kind: FieldKind): FilterOp[] {
  return OPS[kind];
}

/** Whether an operator takes a value. */
export function needsValue(op: FilterOp): boolean {
  return !NO_VALUE.has(op);
}

/** Whether a field is a VND amount (typed and shown with thousands separators). */
export function isMoney(field: Field | undefined): boolean {
  return (field?.schema as SchemaLike | undefined)?.['x-widget'] === 'money';
}

/** Whether a number field holds whole numbers (integers and VND amounts). */
export function isWhole(field: Field | undefined): boolean {
  const s = (field?.schema ?? {}) as SchemaLike;
  return s.type === 'integer' || s['x-widget'] === 'money';
}
