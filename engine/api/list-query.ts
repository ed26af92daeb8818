/**
 * Parse a list query: `filter` and `sort` are MongoDB documents sent as JSON text
 * (DESIGN.md decision 4). A filter is checked operator by operator (../definitions/filter-shape.ts)
 * before the store evaluates it.
 */
import type { Request } from 'express';
import type { Issue } from '../errors.js';
import type { Filter, Sort } from '../store/store.js';
import { filterIssues } from '../definitions/filter-shape.js';
import { parseJsonInput } from './json-input.js';
import { readListQuery } from './request-schemas.js';
import { invalidRequest, pointerToken } from './validate-request.js';

const DEFAULT_LIMIT = 50;

export interface ParsedListQuery {
  filter?: Filter;
  sort?: Sort;
  limit: number;
  skip: number;
  /** A number field to total over every record selected (not only the page). */
  sum?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


function parseFilter(text: string): Filter {
  const filter = parseJsonInput(text, '/query/filter');
  if (!isObject(filter))
    throw invalidRequest([{ pointer: '/query/filter', message: 'must be a JSON object' }]);
  const issues = filterIssues(filter, '/query/filter');
  if (issues.length > 0) throw invalidRequest(issues);
  return filter;
}

function parseSort(text: string): Sort {
  const sort = parseJsonInput(text, '/query/sort');
  if (!isObject(sort))
    throw invalidRequest([
      { pointer: '/query/sort', message: 'must be a JSON object such as {"updatedAt":-1}' },
    ]);
  const issues: Issue[] = [];
  for (const [field, direction] of Object.entries(sort)) {
    const at = `/query/sort/${pointerToken(field)}`;
    if (field === '' || field.startsWith('$')) issues.push({ pointer: at, message: 'must be a field path' });
    if (direction !== 1 && direction !== -1) issues.push({ pointer: at, message: 'must be 1 or -1' });
  }
  if (issues.length > 0) throw invalidRequest(issues);
  return sort as Sort;
}

/**
 * Read `filter`, `sort`, `limit` (1–500, default 50) and `skip` (≥ 0, default 0).
 * @example
 * // GET /api/records/deal?filter={"data.amount":{"$gt":100}}&sort={"updatedAt":-1}&limit=20
 * const { filter, sort, limit, skip } = parseListQuery(req);
 * // `raw`: the query already read (the list route reads it once for `include` too).
 */
export function parseListQuery(req: Request, raw = readListQuery(req)): ParsedListQuery {
  return {
    ...(raw.filter === undefined ? {} : { filter: parseFilter(raw.filter) }),
    ...(raw.sort === undefined ? {} : { sort: parseSort(raw.sort) }),
    limit: raw.limit ?? DEFAULT_LIMIT,
    skip: raw.skip ?? 0,
    ...(raw.sum === undefined ? {} : { sum: raw.sum }),
  };
}
