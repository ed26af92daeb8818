/** Where a field of the entity is used by the pipeline, so that removing it can be refused. */
import type { Draft } from './draft.js';
import { fieldsNamedBy } from './field-params.js';
import type { NamedRef, StateConfig } from './pack-types.js';
import { listTransitions } from './transitions.js';

export type FieldUsage =
  | { kind: 'requiredField'; stage: string }
  | { kind: 'reminder'; stage: string; reminder: string }
  | { kind: 'stageAction'; stage: string; name: string }
  | { kind: 'guard' | 'action'; transitionId: string; source: string; event: string; name: string };

function refList(value: StateConfig['entry']): NamedRef[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const nameOf = (ref: NamedRef): string => (typeof ref === 'string' ? ref : ref.type);

/** Every place that names `field`: stages' required fields and reminders, guards and actions. */
export function fieldUsages(draft: Draft, field: string): FieldUsage[] {
  const out: FieldUsage[] = [];
  const visit = (stage: string, state: StateConfig): void => {
    if (state.meta.requiredFields?.includes(field)) out.push({ kind: 'requiredField', stage });
    for (const r of state.meta.reminders ?? [])
      if (r.field === field) out.push({ kind: 'reminder', stage, reminder: r.id });
    for (const ref of [...refList(state.entry), ...refList(state.exit)]) {
      if (fieldsNamedBy(ref).includes(field)) out.push({ kind: 'stageAction', stage, name: nameOf(ref) });
    }
    for (const [key, child] of Object.entries(state.states ?? {})) visit(`${stage}.${key}`, child);
  };
  for (const [key, state] of Object.entries(draft.machine.states)) visit(key, state);
  for (const t of listTransitions(draft)) {
    const at = { transitionId: t.id, source: t.source, event: t.key };
    if (t.guard && fieldsNamedBy(t.guard).includes(field))
      out.push({ kind: 'guard', ...at, name: nameOf(t.guard) });
    for (const a of t.actions)
      if (fieldsNamedBy(a).includes(field)) out.push({ kind: 'action', ...at, name: nameOf(a) });
  }
  return out;
}
