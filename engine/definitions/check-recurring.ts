/**
 * Checks of the pack manifest's recurring jobs that its meta-schema cannot make: ids are
 * unique, the cron expression and time zone are usable, the entity is one of the pack's,
 * an event sent is one the entity's machine handles somewhere, and a filter uses only
 * query operators both stores answer alike plus the date placeholders.
 */
import type { Issue } from '../errors.js';
import { cronProblems } from '../scheduler/cron.js';
import { dayOffset, isDatePlaceholder } from '../scheduler/date-placeholders.js';
import { isRecord, pointerOf } from './json-pointer.js';
import { statesOf } from './machine-walk.js';
import { isTimeZone } from '../runtime/core/index.js';

/** The query operators a recurring job's filter may use (as the list API's filters). */
const QUERY_OPERATORS = new Set(
  '$eq $ne $gt $gte $lt $lte $in $nin $exists $type $regex $options $and $or $nor $not $all $elemMatch $size $mod'.split(' '),
);

function filterIssues(value: unknown, pointer: string, issues: Issue[]): Issue[] {
  if (Array.isArray(value)) value.forEach((item, i) => filterIssues(item, `${pointer}/${i}`, issues));
  if (!isRecord(value)) return issues;
  for (const [key, inner] of Object.entries(value)) {
    const at = pointer + pointerOf(key);
    if (isDatePlaceholder(key)) {
      if (dayOffset(inner) === undefined) issues.push({ pointer: at, message: `${key} takes "today", "today+N" or "today-N", not ${JSON.stringify(inner)}` });
      if (Object.keys(value).length > 1) issues.push({ pointer: at, message: `${key} must be the only operator on its field` });
      continue;
    }
    if (key.startsWith('$') && !QUERY_OPERATORS.has(key)) {
      issues.push({ pointer: at, message: `${key} is not a query operator a filter may use (nor $monthDayIs, $dateIs, $lunarMonthDayIs)` });
    }
    filterIssues(inner, at, issues);
  }
  return issues;
}

function handledEvents(machine: unknown): Set<string> {
  const events = new Set<string>();
  if (isRecord(machine) && isRecord(machine.on)) for (const e of Object.keys(machine.on)) events.add(e);
  for (const state of statesOf(machine)) if (isRecord(state.node.on)) for (const e of Object.keys(state.node.on)) events.add(e);
  return events;
}

/**
 * Problems of `recurring` (pack.json's list), pointers into pack.json.
 * @example
 * checkRecurring(manifest.recurring, new Map([['account', machine]]))
 * // [{ pointer: '/recurring/0/do/event', message: 'entity "account" handles no event "BIRTHDY"…' }]
 */
export function checkRecurring(recurring: unknown, machines: Map<string, unknown>): Issue[] {
  if (!Array.isArray(recurring)) return [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  recurring.forEach((job, i) => {
    if (!isRecord(job)) return;
    const at = (...keys: (string | number)[]) => pointerOf('recurring', i, ...keys);
    if (typeof job.id === 'string') {
      const first = seen.get(job.id);
      if (first === undefined) seen.set(job.id, i);
      else issues.push({ pointer: at('id'), message: `recurring job "${job.id}" is declared twice (#${first} and #${i})` });
    }
    if (typeof job.cron === 'string') {
      for (const problem of cronProblems(job.cron)) issues.push({ pointer: at('cron'), message: `cron "${job.cron}": ${problem}` });
    }
    if (typeof job.timezone === 'string' && !isTimeZone(job.timezone)) {
      issues.push({ pointer: at('timezone'), message: `"${job.timezone}" is not a time zone (use an IANA name such as Asia/Ho_Chi_Minh)` });
    }
    const action = job.do;
    if (!isRecord(action) || typeof action.entity !== 'string') return;
    const machine = machines.get(action.entity);
    if (machine === undefined) {
      issues.push({ pointer: at('do', 'entity'), message: `entity "${action.entity}" is not in this pack (entities: ${[...machines.keys()].join(', ')})` });
      return;
    }
    if (typeof action.event === 'string' && !handledEvents(machine).has(action.event)) {
      issues.push({ pointer: at('do', 'event'), message: `entity "${action.entity}" handles no event "${action.event}" in any stage` });
    }
    if (action.filter !== undefined) filterIssues(action.filter, at('do', 'filter'), issues);
  });
  return issues;
}
