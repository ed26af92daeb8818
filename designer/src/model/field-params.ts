/**
 * Which params of a guard or action name a field of this entity. The engine's convention
 * (engine/definitions/check-refs.ts): `field`, `idField` and `fields`; the built-in
 * createRecord also names our fields in `backLink` and in the values of `copy`.
 */
import type { NamedRef } from './pack-types.js';

const SINGLE = ['field', 'idField', 'backLink'] as const;

/** The fields of this entity a guard or action reference names. */
export function fieldsNamedBy(ref: NamedRef): string[] {
  if (typeof ref === 'string' || !ref.params) return [];
  const p = ref.params;
  const names: string[] = [];
  for (const key of SINGLE) if (typeof p[key] === 'string') names.push(p[key]);
  if (Array.isArray(p.fields)) names.push(...p.fields.filter((f): f is string => typeof f === 'string'));
  if (p.copy && typeof p.copy === 'object') {
    names.push(
      ...Object.values(p.copy as Record<string, unknown>).filter((f): f is string => typeof f === 'string'),
    );
  }
  return names;
}

/** The same reference with field `from` renamed `to` wherever its params name it. */
export function renameFieldInRef(ref: NamedRef, from: string, to: string): NamedRef {
  if (typeof ref === 'string' || !ref.params) return ref;
  const params = { ...ref.params };
  for (const key of SINGLE) if (params[key] === from) params[key] = to;
  if (Array.isArray(params.fields)) params.fields = params.fields.map((f: unknown) => (f === from ? to : f));
  if (params.copy && typeof params.copy === 'object') {
    params.copy = Object.fromEntries(
      Object.entries(params.copy as Record<string, unknown>).map(([k, v]) => [k, v === from ? to : v]),
    );
  }
  return { ...ref, params };
}
