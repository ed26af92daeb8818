/** The list page's controls as a MongoDB filter (DESIGN.md decision 4: filters are Mongo documents). */
import { enumKey, enumValues } from './enum-labels.js';
import type { Field } from './pipeline-model.js';

export interface ListControls {
  search: string;
  stage: string;
  field: string;
  value: string;
  sortBy: string;
  direction: 1 | -1;
  skip: number;
}

export const INITIAL_CONTROLS: ListControls = { search: '', stage: '', field: '', value: '', sortBy: 'updatedAt', direction: -1, skip: 0 };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A condition on one field from what the user typed: numbers and enums exactly (an enum by
 * the key of the chosen option; a list of enum values matches when it holds it), text by "contains".
 */
function condition(field: Field | undefined, value: string): unknown {
  const schema = (field?.schema ?? {}) as { type?: string };
  const choices = enumValues(schema);
  if (choices) return choices.find((choice) => enumKey(choice) === value) ?? value;
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = Number(value.replace(/[^\d.-]/g, ''));
    return Number.isFinite(n) ? n : value;
  }
  if (schema.type === 'boolean') return value === 'true';
  return { $regex: escape(value), $options: 'i' };
}

export function listFilter(controls: ListControls, fields: Field[], searchField: string): Record<string, unknown> {
  const all: Record<string, unknown>[] = [];
  if (controls.search.trim()) all.push({ [`data.${searchField}`]: { $regex: escape(controls.search.trim()), $options: 'i' } });
  if (controls.stage) all.push({ stage: controls.stage });
  if (controls.field && controls.value.trim())
    all.push({ [`data.${controls.field}`]: condition(fields.find((f) => f.key === controls.field), controls.value.trim()) });
  if (all.length === 0) return {};
  return all.length === 1 ? (all[0] ?? {}) : { $and: all };
}

export function listSort(controls: ListControls): Record<string, 1 | -1> {
  const key = ['updatedAt', 'createdAt', 'stage', 'owner'].includes(controls.sortBy) ? controls.sortBy : `data.${controls.sortBy}`;
  return { [key]: controls.direction };
}
