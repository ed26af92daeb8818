/**
 * What a client may send as a list filter (DESIGN.md decision 4: MongoDB query documents),
 * checked operator by operator before anything evaluates it. Every operand must have its
 * operator's shape (an `$in` takes an array, `$and` a list of filters, `$size` a count…),
 * operators that run code are refused, and a field operator is never at the top level.
 *
 * `$regex` takes only patterns that run in linear time on a backtracking engine: literal
 * characters (escaped where special), `.`, the classes `\d \w \s` and their negations,
 * each at most repeated a fixed number of times (`\d{4}`), with optional `^` and `$`. No
 * groups, alternation or open-ended quantifiers: each match attempt reads at most the
 * pattern's length, so no pattern can stall the server. That is what the web app's text
 * conditions send ("contains", "is", "month of"), escaped.
 */
import type { Issue } from '../errors.js';
import { pointerOf } from './json-pointer.js';

/** Operators that run code or evaluate expressions: never from a client. */
const FORBIDDEN = new Set(['$where', '$function', '$accumulator', '$expr', '$jsonSchema', '$text', '$near', '$geoWithin']);
/** The longest `$regex` a client may send. */
export const MAX_REGEX = 200;
/** The most values an `$in`, `$nin` or `$all` may list, and filters a `$and`/`$or`/`$nor`. */
const MAX_LIST = 1000;

type Check = (operand: unknown, at: string, issues: Issue[]) => void;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function list(check: (item: unknown, at: string, issues: Issue[]) => void, what: string): Check {
  return (operand, at, issues) => {
    if (!Array.isArray(operand)) return void issues.push({ pointer: at, message: `must be an array of ${what}` });
    if (operand.length > MAX_LIST) return void issues.push({ pointer: at, message: `must list at most ${MAX_LIST} ${what}` });
    operand.forEach((item, i) => check(item, `${at}/${i}`, issues));
  };
}

const anyValue: Check = () => undefined;
const scalar: Check = (operand, at, issues) => {
  if (!isScalar(operand)) issues.push({ pointer: at, message: 'must be a string, a number, true, false or null' });
};
const filters: Check = list((item, at, issues) => {
  if (!isObject(item)) issues.push({ pointer: at, message: 'must be a filter (a JSON object)' });
  else filterIssues(item, at, issues);
}, 'filters');

const FIELD_OPERATORS: Record<string, Check> = {
  $eq: anyValue,
  $ne: anyValue,
  $gt: scalar,
  $gte: scalar,
  $lt: scalar,
  $lte: scalar,
  $in: list(anyValue, 'values'),
  $nin: list(anyValue, 'values'),
  $all: list(anyValue, 'values'),
  $exists: (operand, at, issues) => {
    if (typeof operand !== 'boolean') issues.push({ pointer: at, message: 'must be true or false' });
  },
  $type: (operand, at, issues) => {
    const ok = (t: unknown) => typeof t === 'string' || (typeof t === 'number' && Number.isInteger(t));
    if (!(ok(operand) || (Array.isArray(operand) && operand.length > 0 && operand.length <= 20 && operand.every(ok)))) {
      issues.push({ pointer: at, message: 'must be a type name or number, or a list of them' });
    }
  },
  $regex: (operand, at, issues) => {
    const issue = regexIssue(operand, at);
    if (issue) issues.push(issue);
  },
  $options: (operand, at, issues) => {
    if (typeof operand !== 'string' || !/^[ims]{0,3}$/.test(operand) || new Set(operand).size !== operand.length) {
      issues.push({ pointer: at, message: 'must be regular expression options among i, m and s' });
    }
  },
  $not: (operand, at, issues) => {
    if (!isObject(operand) || Object.keys(operand).length === 0) issues.push({ pointer: at, message: 'must be an operator expression such as {"$gt": 5}' });
    else operatorsIssues(operand, at, issues);
  },
  $elemMatch: (operand, at, issues) => {
    if (!isObject(operand)) return void issues.push({ pointer: at, message: 'must be a filter or an operator expression' });
    // Either conditions on the element's fields, or operators on the element itself.
    if (Object.keys(operand).some((k) => k.startsWith('$') && !LOGICAL.has(k))) operatorsIssues(operand, at, issues);
    else filterIssues(operand, at, issues);
  },
  $size: (operand, at, issues) => {
    if (!(typeof operand === 'number' && Number.isInteger(operand) && operand >= 0)) issues.push({ pointer: at, message: 'must be a whole number, 0 or more' });
  },
  $mod: (operand, at, issues) => {
    if (!(Array.isArray(operand) && operand.length === 2 && operand.every((n) => typeof n === 'number' && Number.isFinite(n)) && operand[0] !== 0)) {
      issues.push({ pointer: at, message: 'must be [divisor, remainder], two numbers with a divisor other than 0' });
    }
  },
};

const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * Every problem of a filter, each with its pointer; empty when it may be evaluated.
 * @example filterIssues({ 'data.city': { $in: 'Huế' } }, '/query/filter') // [{ pointer: '/query/filter/data.city/$in', message: 'must be an array of values' }]
 */
export function filterIssues(filter: Record<string, unknown>, pointer: string, issues: Issue[] = []): Issue[] {
  for (const [key, value] of Object.entries(filter)) {
    const at = `${pointer}${pointerOf(key)}`;
    if (FORBIDDEN.has(key)) issues.push({ pointer: at, message: `${key} is not allowed in a filter` });
    else if (LOGICAL.has(key)) filters(value, at, issues);
    else if (key.startsWith('$')) {
      const where = key in FIELD_OPERATORS ? ' at the top of a filter: put it under a field, as {"field": {"' + key + '": …}}' : '';
      issues.push({ pointer: at, message: `${key} is not a supported query operator${where}` });
    } else if (key === '') issues.push({ pointer: at, message: 'must be a field path' });
    else if (isObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) operatorsIssues(value, at, issues);
  }
  return issues;
}

/** The operators applied to one field: every key an operator, each operand of its shape. */
function operatorsIssues(operators: Record<string, unknown>, pointer: string, issues: Issue[]): void {
  for (const [key, operand] of Object.entries(operators)) {
    const at = `${pointer}${pointerOf(key)}`;
    if (FORBIDDEN.has(key)) issues.push({ pointer: at, message: `${key} is not allowed in a filter` });
    else if (!key.startsWith('$')) issues.push({ pointer: at, message: 'cannot be mixed with operators: a condition is either a value or operators' });
    else if (!(key in FIELD_OPERATORS)) issues.push({ pointer: at, message: `${key} is not a supported query operator` });
    else FIELD_OPERATORS[key]?.(operand, at, issues);
  }
  if ('$options' in operators && !('$regex' in operators)) issues.push({ pointer: `${pointer}/$options`, message: 'needs a $regex beside it' });
}

// One atom: an escaped character, a class escape, `.`, or a plain character; optionally `{n}`.
const ATOM = String.raw`(?:\\[dDwWsS]|\\[^A-Za-z0-9]|\\[nrt]|\.|[^\\^$.|?*+()[\]{}])(?:\{\d{1,2}\})?`;
const BOUNDED_PATTERN = new RegExp(`^\\^?(?:${ATOM})*\\$?$`);

/** Why a `$regex` operand may not be run, or undefined when it may. */
function regexIssue(value: unknown, pointer: string): Issue | undefined {
  if (typeof value !== 'string') return { pointer, message: 'must be a string' };
  if (value.length > MAX_REGEX) return { pointer, message: `must be at most ${MAX_REGEX} characters` };
  if (!BOUNDED_PATTERN.test(value)) {
    return {
      pointer,
      message: 'may hold only text (special characters escaped with \\), ., \\d, \\w, \\s, fixed counts such as {4}, and ^ or $ at the ends: no groups, alternatives or open-ended repeats',
    };
  }
  try {
    new RegExp(value);
  } catch (error) {
    return { pointer, message: `is not a valid regular expression (${(error as Error).message})` };
  }
  return undefined;
}
