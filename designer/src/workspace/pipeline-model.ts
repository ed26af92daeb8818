/**
 * What the workspace reads from a definition: the stages a record can sit in (leaf
 * states, as the dotted paths records carry), their labels, required fields and
 * activities, and the fields of the schema with their vi/en titles.
 */
import type {
  ActivityDecl,
  EntitySchema,
  FieldSchema,
  Labels,
  MachineConfig,
  StateConfig,
} from '../model/pack-types.js';
import { orderedStates } from '../model/stages.js';

export interface Stage {
  path: string;
  labels: Labels;
  /** Labels of the parent stages, outermost first ("Open" for open.proposal). */
  parents: Labels[];
  requiredFields: string[];
  /** Fields the form does not show here (this stage's and its parents'). */
  hiddenFields: string[];
  /** Fields people may not change here (this stage's and its parents'). */
  lockedFields: string[];
  activities: ActivityDecl[];
  final: boolean;
}

export interface Field {
  key: string;
  schema: FieldSchema;
  labels?: Partial<Labels>;
}

/** Leaf stages in their order (`meta.order`, else declaration); transient stages (only `always`) are left out. */
export function listLeafStages(machine: MachineConfig): Stage[] {
  const out: Stage[] = [];
  const visit = (
    states: Record<string, StateConfig>,
    prefix: string,
    parents: Labels[],
    inherited: { required: string[]; hidden: string[]; locked: string[] },
  ) => {
    for (const [key, state] of orderedStates(states)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const here = {
        required: [...inherited.required, ...(state.meta.requiredFields ?? [])],
        hidden: [...inherited.hidden, ...(state.meta.hiddenFields ?? [])],
        locked: [...inherited.locked, ...(state.meta.lockedFields ?? [])],
      };
      if (state.states && Object.keys(state.states).length > 0) {
        visit(state.states, path, [...parents, state.meta.labels], here);
        continue;
      }
      if (state.always && !state.on && state.type !== 'final') continue;
      out.push({
        path,
        labels: state.meta.labels,
        parents,
        requiredFields: [...new Set(here.required)],
        hiddenFields: [...new Set(here.hidden)],
        lockedFields: [...new Set(here.locked)],
        activities: state.meta.activities ?? [],
        final: state.type === 'final',
      });
    }
  };
  visit(machine.states, '', [], { required: [], hidden: [], locked: [] });
  return out;
}

export function stageOf(stages: Stage[], path: string): Stage | undefined {
  return stages.find((s) => s.path === path);
}

/** The schema's fields in declaration order. */
export function listFields(schema: EntitySchema): Field[] {
  const properties = (schema.properties ?? {}) as Record<string, FieldSchema>;
  return Object.entries(properties).map(([key, field]) => ({
    key,
    schema: field,
    labels: (field as { 'x-labels'?: Partial<Labels> })['x-labels'],
  }));
}

/** Fields worth showing on a card or in a list: the required ones and short text, first. */
export function keyFields(schema: EntitySchema, count: number): Field[] {
  const required = new Set((schema.required ?? []));
  const shown = listFields(schema).filter((f) => {
    const type = (f.schema as { type?: unknown }).type;
    const format = (f.schema as { format?: unknown }).format;
    return (
      (type === 'string' || type === 'integer' || type === 'number') &&
      !(f.schema as { 'x-ref'?: unknown })['x-ref'] &&
      format !== 'date-time'
    );
  });
  return [...shown.filter((f) => required.has(f.key)), ...shown.filter((f) => !required.has(f.key))].slice(
    0,
    count,
  );
}

/**
 * The field a list searches by name: the first of the schema's `x-title` fields, else
 * title, name or fullName when declared, else the first required text field (as the
 * engine names records, engine/runtime/core/record-summary.ts).
 */
export function titleField(schema: EntitySchema): string {
  const properties = schema.properties ?? {};
  const declared = schema['x-title'];
  if (Array.isArray(declared) && typeof declared[0] === 'string' && declared[0] in properties) return declared[0];
  const named = ['title', 'name', 'fullName'].find((key) => key in properties);
  // As the engine names related records (engine/runtime/core/record-summary.ts): plain text,
  // not a choice ("call"), a date or a reference.
  const requiredText = (schema.required ?? []).find((key) => {
    const field = properties[key] as Record<string, unknown> | undefined;
    return field?.type === 'string' && field.enum === undefined && field.format === undefined && field['x-ref'] === undefined;
  });
  return named ?? requiredText ?? Object.keys(properties)[0] ?? 'title';
}

/**
 * What names a record for people: the title the engine gives it, else its kind and the
 * day it was created ("Thanh lý tour 02/12/2026"); never its id.
 * @example recordName(record, label(definition.schema['x-labels']), formatDay)
 */
export function recordName(
  record: { title?: string; createdAt: string },
  entityName: string,
  formatDay: (value: string) => string,
): string {
  return record.title ?? `${entityName} ${formatDay(record.createdAt)}`;
}

/** The stage's label with its parents' ("Open › Needs survey"). */
export function stageTitle(stage: Stage | undefined, label: (labels: Labels) => string, fallback: string): string {
  if (!stage) return fallback;
  return [...stage.parents, stage.labels].map(label).join(' › ');
}

/** A guard's reason for people: the activity ids it names become their titles. */
export function reasonText(reason: Labels, activities: ActivityDecl[], label: (labels: Labels) => string): string {
  return activities.reduce(
    (text, a) => text.replace(new RegExp(`\\b${a.id}\\b`, 'g'), `"${label(a.title)}"`),
    label(reason),
  );
}

/**
 * What a reminder of a stage says (its notify or escalate message), for the timeline;
 * undefined for an automatic step or when the stage or reminder no longer exists.
 * @example reminderMessage(machine, 'open.needsSurvey', 'surveyOverdue') // { vi: '…', en: 'Survey not done' }
 */
export function reminderMessage(machine: MachineConfig, stagePath: string, id: string): Labels | undefined {
  let states: Record<string, StateConfig> | undefined = machine.states;
  let state: StateConfig | undefined;
  for (const key of stagePath.split('.')) {
    state = states?.[key];
    states = state?.states;
  }
  const action = state?.meta.reminders?.find((r) => r.id === id)?.do;
  return action && 'message' in action ? action.message : undefined;
}
