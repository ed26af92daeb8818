/**
 * A three-way merge of drafts, for a save that met someone else's version: what only one
 * side changed is taken from that side; what both changed differently is a conflict (kept
 * as mine, and named by its JSON pointer so the admin decides). Arrays are one value each.
 */
import { sameContent, type Draft } from './draft.js';

export interface MergeResult {
  merged: Draft;
  /** JSON pointers of the places both changed differently. */
  conflicts: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function mergeValue(base: unknown, mine: unknown, theirs: unknown, at: string, conflicts: string[]): unknown {
  if (sameContent(mine, theirs)) return mine;
  if (sameContent(base, mine)) return theirs;
  if (sameContent(base, theirs)) return mine;
  if (isObject(mine) && isObject(theirs)) {
    const from = isObject(base) ? base : {};
    const out: Record<string, unknown> = {};
    // Mine's order, then what only they added.
    for (const key of [...Object.keys(mine), ...Object.keys(theirs).filter((k) => !(k in mine))]) {
      const value = mergeValue(from[key], mine[key], theirs[key], `${at}/${escape(key)}`, conflicts);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  conflicts.push(at);
  return mine;
}

/**
 * @example
 * mergeDrafts(base, mine, theirs) // { merged, conflicts: ['/machine/states/open/meta/labels'] }
 */
export function mergeDrafts(base: Draft, mine: Draft, theirs: Draft): MergeResult {
  const conflicts: string[] = [];
  const merged = mergeValue(base, mine, theirs, '', conflicts) as Draft;
  return { merged: structuredClone(merged), conflicts };
}
