/**
 * How the embedded store's secondary indexes turn field values into lookup keys, and
 * which parts of a MongoDB filter they can answer. Indexes only ever narrow the
 * candidates mingo sees, so every function here may answer "too many" but never
 * "too few": when in doubt it says "not indexable" and the caller scans.
 */

import { resolve } from 'mingo/util';
import type { Filter } from './store.js';

/** What a document holds at an indexed path. */
export type PathKeys =
  /** The lookup keys of the primitive values found (possibly none); `list` when the path holds an array. */
  | { kind: 'keys'; keys: string[]; list?: true }
  /** The path crosses an array: MongoDB would look inside each element, so never skip this doc. */
  | { kind: 'unindexable' };

/**
 * The lookup key of a value a filter can compare with equality, or undefined when the
 * value is not one the index handles (null, objects, arrays, regular expressions).
 * Type-tagged so that `1` and `'1'` stay apart, as they do in MongoDB.
 */
export function keyOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s:${value}`;
    case 'number':
      return `n:${String(value)}`;
    case 'boolean':
      return `b:${String(value)}`;
    default:
      // Dates compare by time in MongoDB and mingo alike.
      if (value instanceof Date && !Number.isNaN(value.getTime())) return `d:${value.getTime()}`;
      return undefined;
  }
}

/**
 * The key of a path that holds nothing at all, so that `{ field: { $exists: false } }`
 * (which a reader's scope asks for: records nobody owns) is answered by the index too.
 */
export const MISSING_KEY = 'u:';

const NOTHING: PathKeys = { kind: 'keys', keys: [MISSING_KEY] };

/** The lookup keys of `doc` at a dotted `path` such as `data.stage`. */
export function keysAtPath(doc: Record<string, unknown>, path: string): PathKeys {
  const segments = path.split('.');
  let value: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(value)) return { kind: 'unindexable' };
    // Below a scalar (or null) nothing exists, as MongoDB sees it.
    if (value === null || typeof value !== 'object' || value instanceof Date) return NOTHING;
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === undefined) return NOTHING;
  if (!Array.isArray(value)) {
    const key = keyOf(value);
    return { kind: 'keys', keys: key === undefined ? [] : [key] };
  }
  // A leaf array matches an equality on any of its elements ({tags: 'vip'}).
  const keys = new Set<string>();
  for (const leaf of value as unknown[]) {
    const key = keyOf(leaf);
    if (key !== undefined) keys.add(key);
  }
  return { kind: 'keys', keys: [...keys], list: true };
}

/**
 * The value a scalar's key stands for, as `sortValueOf` gives it (missing is null), or
 * NOT_SCALAR for NaN: so an index sorts by its keys without keeping the values twice.
 */
export function valueOfKey(key: string): unknown {
  const rest = key.slice(2);
  switch (key[0]) {
    case 's':
      return rest;
    case 'n': {
      const number = Number(rest);
      return Number.isNaN(number) ? NOT_SCALAR : number;
    }
    case 'b':
      return rest === 'true';
    case 'd':
      return new Date(Number(rest));
    default:
      return key === MISSING_KEY ? null : NOT_SCALAR;
  }
}

/**
 * The equality constraints of a filter an index can answer: for each field, the keys
 * one of which a matching document must hold. Only top-level conditions (and those
 * inside a top-level `$and`) count, because every one of them must hold.
 */
export function equalityConstraints(filter: Filter): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (part: Filter): void => {
    for (const [field, condition] of Object.entries(part)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const sub of condition as unknown[]) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (field.startsWith('$')) continue;
      const keys = conditionKeys(condition);
      if (keys === undefined) continue;
      const previous = found.get(field);
      // Two constraints on one field: either narrows, keep the smaller.
      if (previous === undefined || keys.length < previous.length) found.set(field, keys);
    }
  };
  visit(filter);
  return found;
}

/**
 * The `$or`s a matching document must satisfy (top-level ones and those inside a top-level
 * `$and`), each as its branches: an index narrows by one when it narrows every branch.
 */
export function disjunctions(filter: Filter): Filter[][] {
  const found: Filter[][] = [];
  const visit = (part: Filter): void => {
    for (const [field, condition] of Object.entries(part)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const sub of condition as unknown[]) if (isPlainObject(sub)) visit(sub);
      } else if (field === '$or' && Array.isArray(condition) && condition.length > 0 && condition.every(isPlainObject)) {
        found.push(condition);
      }
    }
  };
  visit(filter);
  return found;
}

/**
 * A condition indexes answer exactly: one field holding one of `keys`, or at least one
 * branch of an `$or` whose every term holds.
 */
export type CoveredTerm = [field: string, keys: string[]] | { or: CoveredTerm[][] };

/**
 * Every condition of a filter as an indexed equality, when the filter holds nothing else
 * (top-level fields, `$and`s and `$or`s of them): then the documents holding one key of
 * each constraint are exactly the matches. Undefined when any part needs the document
 * itself. `{}` gives no constraints: every document matches.
 */
export function coveredConstraints(filter: Filter): CoveredTerm[] | undefined {
  const visit = (part: Filter, found: CoveredTerm[]): boolean => {
    for (const [field, condition] of Object.entries(part)) {
      if ((field === '$and' || field === '$or') && Array.isArray(condition) && condition.length > 0) {
        const branches: CoveredTerm[][] = [];
        for (const sub of condition as unknown[]) {
          const terms: CoveredTerm[] = [];
          if (!isPlainObject(sub) || !visit(sub, terms)) return false;
          // A branch of an `$or` with no condition matches every document: nothing to narrow.
          if (field === '$or' && terms.length === 0) return false;
          branches.push(terms);
        }
        if (field === '$and') found.push(...branches.flat());
        else found.push({ or: branches });
        continue;
      }
      if (field.startsWith('$')) return false;
      const keys = conditionKeys(condition);
      if (keys === undefined || !isExactCondition(condition)) return false;
      found.push([field, keys]);
    }
    return true;
  };
  const found: CoveredTerm[] = [];
  return visit(filter, found) ? found : undefined;
}

/** Marks a sort value the index cannot give: read the document. */
export const NOT_SCALAR = Symbol('not-scalar');

/**
 * The value `path` sorts by, as mingo's `$sort` sees it (missing is null), or NOT_SCALAR
 * for arrays, objects and NaN, whose order the caller leaves to mingo.
 */
export function sortValueOf(doc: Record<string, unknown>, path: string): unknown {
  const value: unknown = resolve(doc, path);
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isNaN(value) ? NOT_SCALAR : value;
    default:
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value : NOT_SCALAR;
  }
}

/** `{$eq: v}`, `{$in: [...]}` and `{$exists: false}` alone: a condition with another operator beside them is not covered. */
function isExactCondition(condition: unknown): boolean {
  if (!isPlainObject(condition) || condition instanceof Date) return true;
  const operators = Object.keys(condition);
  return operators.length === 1 && (operators[0] === '$eq' || operators[0] === '$in' || (operators[0] === '$exists' && condition.$exists === false));
}

function conditionKeys(condition: unknown): string[] | undefined {
  const direct = keyOf(condition);
  if (direct !== undefined) return [direct];
  if (!isPlainObject(condition)) return undefined;
  const operators = Object.keys(condition);
  // {a: {b: 1}} is equality with an embedded document, not an operator expression.
  if (operators.length === 0 || !operators.every((name) => name.startsWith('$'))) return undefined;
  if ('$eq' in condition) {
    const key = keyOf(condition.$eq);
    if (key !== undefined) return [key];
  }
  if (Array.isArray(condition.$in)) {
    const keys = (condition.$in as unknown[]).map(keyOf);
    if (keys.every((key): key is string => key !== undefined)) return [...new Set(keys)];
  }
  if (condition.$exists === false) return [MISSING_KEY];
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
