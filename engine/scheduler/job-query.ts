/**
 * Agenda's database-agnostic job selections (`RemoveJobsOptions`, `JobsQueryOptions`)
 * as Store filters, with the same meaning @agendajs/mongo-backend gives them: names are
 * taken only when they are strings (no operator injection), `search` is a literal,
 * case-insensitive part of the name, and `data` matches field by field.
 */
import type { JobsQueryOptions, JobsSort, RemoveJobsOptions } from 'agenda';
import type { Filter, Sort } from '../store/store.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `{ a: 1, b: { c: 2 } }` → `{ 'data.a': 1, 'data.b.c': 2 }`: a partial match on `data`. */
export function dataFilter(data: unknown, prefix = 'data'): Filter {
  if (!isPlainObject(data)) return { [prefix]: data };
  const out: Filter = {};
  for (const [key, value] of Object.entries(data)) {
    Object.assign(out, isPlainObject(value) ? dataFilter(value, `${prefix}.${key}`) : { [`${prefix}.${key}`]: value });
  }
  return out;
}

const strings = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];

function idFilter(id: string | undefined, ids: unknown): Filter {
  if (id !== undefined && id !== '') return { _id: id };
  const list = Array.isArray(ids) ? ids.map(String) : [];
  return list.length > 0 ? { _id: { $in: list } } : {};
}

/**
 * The filter of a remove, disable or enable, or undefined when the options select
 * nothing (Agenda's backends then change nothing rather than everything).
 */
export function selectionFilter(options: RemoveJobsOptions): Filter | undefined {
  const filter: Filter = idFilter(options.id, options.ids);
  const names = strings(options.names);
  const notNames = strings(options.notNames);
  if (typeof options.name === 'string' && options.name !== '') filter.name = options.name;
  else if (names.length > 0) filter.name = { $in: names };
  else if (notNames.length > 0) filter.name = { $nin: notNames };
  if (options.data !== undefined) Object.assign(filter, dataFilter(options.data));
  return Object.keys(filter).length > 0 ? filter : undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The filter of `queryJobs` (its state filter is applied afterwards: state is computed). */
export function queryFilter(options: JobsQueryOptions): Filter {
  const filter: Filter = idFilter(options.id, options.ids);
  const names = strings(options.names);
  if (typeof options.name === 'string' && options.name !== '') filter.name = options.name;
  else if (names.length > 0) filter.name = { $in: names };
  if (typeof options.search === 'string' && options.search !== '') {
    filter.name = { $regex: escapeRegex(options.search), $options: 'i' };
  }
  if (options.data !== undefined) Object.assign(filter, dataFilter(options.data));
  if (options.includeDisabled === false) filter.disabled = { $ne: true };
  return filter;
}

/** Agenda's sort as a Store sort; by default the latest runs first, as in MongoDB. */
export function querySort(sort: JobsSort | undefined): Sort {
  const out: Sort = {};
  for (const [field, direction] of Object.entries(sort ?? {})) {
    if (direction === 'asc' || direction === 'desc') out[field] = direction === 'asc' ? 1 : -1;
  }
  return Object.keys(out).length > 0 ? out : { nextRunAt: -1, lastRunAt: -1 };
}

const FORBIDDEN_IN_UNIQUE = new Set(['$where', '$function', '$accumulator', '$expr']);

/** A `unique()` constraint may not carry operators that run code. */
export function assertSafeUnique(value: unknown): void {
  if (Array.isArray(value)) value.forEach(assertSafeUnique);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN_IN_UNIQUE.has(key)) throw new Error(`Unsafe operator "${key}" is not allowed in a unique() constraint`);
      assertSafeUnique(child);
    }
  }
}
