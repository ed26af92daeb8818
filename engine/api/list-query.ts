/**
 * Parse a list query: `filter` and `sort` are MongoDB documents sent as JSON text
 * (DESIGN.md decision 4). Only query operators are accepted; the ones that run code or
 * evaluate expressions are refused with the pointer of the operator.
 */
import type { Request } from 'express';
import type { Issue } from '../errors.js';
import type { Filter, Sort } from '../store/store.js';
import { parseJsonInput } from './json-input.js';
import { readListQuery } from './request-schemas.js';
import { invalidRequest, pointerToken } from './validate-request.js';

const DEFAULT_LIMIT = 50;

/** Operators that run code or evaluate expressions: never from a client. */
const FORBIDDEN = new Set(['$where', '$function', '$accumulator', '$expr']);
/** The query operators both store adapters evaluate the same way. */
const ALLOWED = new Set(
  '$eq $ne $gt $gte $lt $lte $in $nin $exists $type $regex $options $and $or $nor $not $all $elemMatch $size $mod'.split(
    ' ',
  ),
);

export interface ParsedListQuery {
  filter?: Filter;
  sort?: Sort;
  limit: number;
  skip: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/** The longest `$regex` a client may send. */
const MAX_REGEX = 200;
/**
 * Shapes that make a backtracking engine take exponential time (ReDoS): a quantified group
 * that itself contains a quantifier, like `(a+)+` or `(\w*)*`, and back-references.
 * JavaScript's RegExp has no time limit, so such a pattern from a client is refused.
 */
const CATASTROPHIC = [/\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)\s*[*+{]/, /\\[1-9]/];

function regexIssue(value: unknown, pointer: string): Issue | undefined {
  const source = value instanceof RegExp ? value.source : value;
  if (typeof source !== 'string') return { pointer, message: 'must be a string' };
  if (source.length > MAX_REGEX) return { pointer, message: `must be at most ${MAX_REGEX} characters` };
  if (CATASTROPHIC.some((shape) => shape.test(source))) {
    return { pointer, message: 'nests quantifiers or uses a back-reference, which can take exponential time: simplify it' };
  }
  try {
    new RegExp(source);
  } catch (error) {
    return { pointer, message: `is not a valid regular expression (${(error as Error).message})` };
  }
  return undefined;
}

/** Collect every `$` key of a filter that is forbidden or unknown, at any depth. */
function operatorIssues(value: unknown, pointer: string, issues: Issue[]): Issue[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => operatorIssues(item, `${pointer}/${i}`, issues));
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const at = `${pointer}/${pointerToken(key)}`;
      if (FORBIDDEN.has(key)) issues.push({ pointer: at, message: `${key} is not allowed in a filter` });
      else if (key.startsWith('$') && !ALLOWED.has(key))
        issues.push({ pointer: at, message: `${key} is not a supported query operator` });
      else if (key === '$regex') {
        const issue = regexIssue(inner, at);
        if (issue) issues.push(issue);
      }
      operatorIssues(inner, at, issues);
    }
  }
  return issues;
}

function parseFilter(text: string): Filter {
  const filter = parseJsonInput(text, '/query/filter');
  if (!isObject(filter))
    throw invalidRequest([{ pointer: '/query/filter', message: 'must be a JSON object' }]);
  const issues = operatorIssues(filter, '/query/filter', []);
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
 */
export function parseListQuery(req: Request): ParsedListQuery {
  const raw = readListQuery(req);
  return {
    ...(raw.filter === undefined ? {} : { filter: parseFilter(raw.filter) }),
    ...(raw.sort === undefined ? {} : { sort: parseSort(raw.sort) }),
    limit: raw.limit ?? DEFAULT_LIMIT,
    skip: raw.skip ?? 0,
  };
}
