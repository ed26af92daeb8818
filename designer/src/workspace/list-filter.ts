/** The list page's controls as a MongoDB filter and sort (DESIGN.md decision 4: filters are Mongo documents). */
import { conditionFilter, escapeRegex, type FilterContext } from './condition-filter.js';
import { fieldKind, OWNER_FIELD, STAGE_FIELD, type Condition, type FieldKind } from './filter-ops.js';
import type { Field } from './pipeline-model.js';

export type { FilterContext };

export interface ListControls {
  search: string;
  stage: string;
  /** Conditions on fields, stage or owner, all of which a record meets. */
  conditions: Condition[];
  sortBy: string;
  direction: 1 | -1;
  skip: number;
  /** The records behind a report's figure (a drill-down): its filter, and what it was. */
  from?: { filter: Record<string, unknown>; label: string };
}

export const INITIAL_CONTROLS: ListControls = {
  search: '',
  stage: '',
  conditions: [],
  sortBy: 'updatedAt',
  direction: -1,
  skip: 0,
};

/** The kind of the field a condition names (stage, owner, a schema field); undefined for a field gone from the schema. */
export function conditionKind(key: string, field: Field | undefined): FieldKind | undefined {
  if (key === STAGE_FIELD) return 'stage';
  if (key === OWNER_FIELD) return 'owner';
  return field ? fieldKind(field.schema) : undefined;
}

/**
 * The filter of the list's search box, stage and conditions, AND-ed; relative conditions
 * are resolved against `context.now` (call it at query time).
 *
 * @example
 * listFilter({ ...INITIAL_CONTROLS, conditions: [{ field: 'tier', op: 'anyOf', value: ['VIP1'] }] }, fields, 'name', context)
 * // { 'data.tier': { $in: ['VIP1'] } }
 */
export function listFilter(
  controls: ListControls,
  fields: Field[],
  searchField: string,
  context: FilterContext,
): Record<string, unknown> {
  const all: Record<string, unknown>[] = [];
  if (controls.search.trim())
    all.push({ [`data.${searchField}`]: { $regex: escapeRegex(controls.search.trim()), $options: 'i' } });
  if (controls.stage) all.push({ stage: controls.stage });
  if (controls.from) all.push(controls.from.filter);
  for (const condition of controls.conditions) {
    const field = fields.find((f) => f.key === condition.field);
    const filter = conditionFilter(condition, conditionKind(condition.field, field), field, context);
    if (filter) all.push(filter);
  }
  if (all.length === 0) return {};
  return all.length === 1 ? (all[0] ?? {}) : { $and: all };
}

/** The sort of the list's chosen column. */
export function listSort(controls: ListControls): Record<string, 1 | -1> {
  const key = ['updatedAt', 'createdAt', 'stage', 'owner'].includes(controls.sortBy) ? controls.sortBy : `data.${controls.sortBy}`;
  return { [key]: controls.direction };
}
