/**
 * One filter condition as a MongoDB filter, using only the operators the list API accepts
 * (engine/api/list-query.ts: no `$expr`). Dates are text, "yyyy-mm-dd" or ISO UTC date-times,
 * so ranges are text comparisons and a month of any year is a `$regex`. Relative conditions
 * ("today", "this month", "in the last 7 days") are resolved against `now` in the business
 * time zone each time the list asks, which is what keeps them relative in a saved segment.
 */
import { enumKey, enumValues } from './enum-labels.js';
import { addDays, businessDay, dayStart } from './filter-dates.js';
import { OWNER_FIELD, STAGE_FIELD, type Condition, type FieldKind } from './filter-ops.js';
import type { Field } from './pipeline-model.js';

type Filter = Record<string, unknown>;

/** What relative conditions need: the moment of the query, the business zone, the signed-in user. */
export interface FilterContext {
  now: Date;
  timeZone: string;
  /** The signed-in user's id, for "owner is me". */
  me: string | undefined;
}

/**
 * `text` as a regular expression that matches it literally.
 *
 * @example escapeRegex('a.b (1)') // 'a\\.b \\(1\\)'
 */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EMPTY = { $in: [null, ''] };
const one = (value: Condition['value']) => (typeof value === 'string' ? value.trim() : '');
const many = (value: Condition['value']) => (Array.isArray(value) ? value.filter((v) => v !== '') : []);
const pair = (value: Condition['value']): [string, string] => {
  const [from = '', to = ''] = Array.isArray(value) ? value.map((v) => v.trim()) : [];
  return [from, to];
};
const number = (text: string) => {
  const n = text === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
};
const bounds = (from: unknown, to: unknown, below: '$lt' | '$lte' = '$lte') => ({
  ...(from === undefined || from === '' ? {} : { $gte: from }),
  ...(to === undefined || to === '' ? {} : { [below]: to }),
});
const days = (value: Condition['value']) => {
  const n = Number(one(value));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};
const month = (m: number) => ({ $regex: `^\\d{4}-${String(m).padStart(2, '0')}-` });

/** A `date` field (yyyy-mm-dd text): the condition on its value, undefined when incomplete. */
function dateFilter(c: Condition, today: string): unknown {
  const day = one(c.value);
  switch (c.op) {
    case 'on':
      return day || undefined;
    case 'before':
      return day ? { $lt: day } : undefined;
    case 'after':
      return day ? { $gt: day } : undefined;
    case 'between': {
      const [from, to] = pair(c.value);
      return from || to ? bounds(from, to) : undefined;
    }
    case 'today':
      return today;
    case 'thisMonth':
      return month(Number(today.slice(5, 7)));
    case 'inMonth': {
      const m = Number(day);
      return Number.isInteger(m) && m >= 1 && m <= 12 ? month(m) : undefined;
    }
    case 'lastDays': {
      const n = days(c.value);
      return n === undefined ? undefined : bounds(addDays(today, -n), today);
    }
    case 'nextDays': {
      const n = days(c.value);
      return n === undefined ? undefined : bounds(today, addDays(today, n));
    }
    default:
      return undefined;
  }
}

/** A `date-time` field (ISO UTC text): whole business days, as `[start, end)` instants. */
function dateTimeFilter(c: Condition, today: string, timeZone: string): unknown {
  const start = (day: string) => dayStart(day, timeZone);
  const span = (from: string, to: string) => bounds(from && start(from), to && start(addDays(to, 1)), '$lt');
  const day = one(c.value);
  switch (c.op) {
    case 'on':
      return day ? span(day, day) : undefined;
    case 'before':
      return day ? { $lt: start(day) } : undefined;
    case 'after':
      return day ? { $gte: start(addDays(day, 1)) } : undefined;
    case 'between': {
      const [from, to] = pair(c.value);
      return from || to ? span(from, to) : undefined;
    }
    case 'today':
      return span(today, today);
    case 'lastDays': {
      const n = days(c.value);
      return n === undefined ? undefined : span(addDays(today, -n), today);
    }
    case 'nextDays': {
      const n = days(c.value);
      return n === undefined ? undefined : span(today, addDays(today, n));
    }
    default:
      return dateFilter(c, today); // a month of the year: by the text's month
  }
}

/** An enum's stored values for the chosen keys (numbers stay numbers). */
function storedValues(field: Field | undefined, keys: string[]): unknown[] {
  const values = enumValues(field?.schema);
  return keys.map((key) => values?.find((v) => enumKey(v) === key) ?? key);
}

/** The condition on one path's value; undefined when incomplete (such a condition filters nothing). */
function valueFilter(c: Condition, kind: FieldKind | undefined, field: Field | undefined, context: FilterContext): unknown {
  const text = one(c.value);
  switch (c.op) {
    case 'contains':
      return text ? { $regex: escapeRegex(text.normalize('NFC')), $options: 'i' } : undefined;
    case 'is':
      if (kind === 'owner') return text || undefined;
      return text ? { $regex: `^${escapeRegex(text.normalize('NFC'))}$`, $options: 'i' } : undefined;
    case 'isEmpty':
      return kind === 'list' ? undefined : EMPTY; // a list: see conditionFilter
    case 'isNotEmpty':
      return { $exists: true, $nin: [null, ''] };
    case 'eq':
      return number(text);
    case 'gte':
      return number(text) === undefined ? undefined : { $gte: number(text) };
    case 'lte':
      return number(text) === undefined ? undefined : { $lte: number(text) };
    case 'yes':
      return true;
    case 'no':
      return { $ne: true };
    case 'me':
      return context.me ?? { $in: [] };
    case 'anyOf': {
      const keys = many(c.value);
      return keys.length === 0 ? undefined : { $in: storedValues(field, keys) };
    }
    default: {
      const today = businessDay(context.now, context.timeZone);
      if (c.op === 'between' && kind === 'number') {
        const [from, to] = pair(c.value);
        const [low, high] = [number(from), number(to)];
        return low === undefined && high === undefined ? undefined : bounds(low, high);
      }
      return kind === 'dateTime' ? dateTimeFilter(c, today, context.timeZone) : dateFilter(c, today);
    }
  }
}

/**
 * The MongoDB filter of one condition, or undefined when it is incomplete. `field` is the
 * schema field it names (absent for stage, owner, or a field the schema no longer has: the
 * operator alone then decides).
 *
 * @example
 * conditionFilter({ field: 'province', op: 'contains', value: 'Hà Nội' }, 'text', field, context)
 * // { 'data.province': { $regex: 'Hà Nội', $options: 'i' } }
 * conditionFilter({ field: 'dateOfBirth', op: 'thisMonth' }, 'date', field, context) // in November:
 * // { 'data.dateOfBirth': { $regex: '^\\d{4}-11-' } }
 */
export function conditionFilter(
  condition: Condition,
  kind: FieldKind | undefined,
  field: Field | undefined,
  context: FilterContext,
): Filter | undefined {
  const path =
    condition.field === STAGE_FIELD ? 'stage' : condition.field === OWNER_FIELD ? 'owner' : `data.${condition.field}`;
  if (condition.op === 'isEmpty' && kind === 'list')
    return { $or: [{ [path]: { $exists: false } }, { [path]: null }, { [path]: { $size: 0 } }] };
  // Text that is any of several values, ignoring case: one regex per value.
  if (condition.op === 'anyOf' && kind === 'list' && !enumValues(field?.schema)) {
    const values = many(condition.value).map((v) => ({ [path]: { $regex: `^${escapeRegex(v.trim().normalize('NFC'))}$`, $options: 'i' } }));
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : { $or: values };
  }
  const value = valueFilter(condition, kind, field, context);
  return value === undefined ? undefined : { [path]: value };
}
