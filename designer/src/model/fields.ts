/** The entity schema's fields as the Fields tab edits them: kind, titles, options (with labels), required. */
import { edit, type Draft } from './draft.js';
import { renameFieldInRef } from './field-params.js';
import { mapCandidates } from './machine-walk.js';
import type { FieldSchema, Labels, NamedRef, StateConfig } from './pack-types.js';

export const FIELD_KINDS = [
  'text',
  'number',
  'integer',
  'boolean',
  'date',
  'dateTime',
  'email',
  'choice',
  'reference',
  'money',
  'percent',
  'phone',
  'longText',
  'user',
] as const;

/** Kinds that are a JSON type plus how the form shows it (`x-widget`). */
const WIDGET_KINDS = {
  money: { type: 'number', widget: 'money', minimum: 0 },
  percent: { type: 'number', widget: 'percent' },
  phone: { type: 'string', widget: 'phone' },
  longText: { type: 'string', widget: 'textarea' },
  user: { type: 'string', widget: 'user' },
} as const;
export type FieldKind = (typeof FIELD_KINDS)[number] | 'other';

export interface FieldInfo {
  key: string;
  schema: FieldSchema;
  kind: FieldKind;
  labels: Labels;
  required: boolean;
  options: string[];
  /** vi/en labels of the options (`x-enumLabels`), by option. */
  optionLabels: OptionLabels;
}

/** Labels of a choice field's options, by option value (`x-enumLabels`). */
export type OptionLabels = Record<string, Partial<Labels>>;

function optionLabelsOf(schema: FieldSchema | undefined): OptionLabels {
  const labels = schema?.['x-enumLabels'];
  return typeof labels === 'object' && labels !== null && !Array.isArray(labels) ? (labels as OptionLabels) : {};
}

/** The labels kept for `options`: those of other values are dropped, and so are empty ones. */
function labelsFor(options: string[], labels: OptionLabels): OptionLabels | undefined {
  const kept = Object.entries(labels)
    .filter(([value, l]) => options.includes(value) && (l.vi?.trim() || l.en?.trim()))
    .map(([value, l]) => [value, { vi: l.vi ?? '', en: l.en ?? '' }] as const);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

export function kindOf(schema: FieldSchema): FieldKind {
  if (Array.isArray(schema.enum)) return 'choice';
  if (typeof schema['x-ref'] === 'string') return 'reference';
  const widget = (schema as { 'x-widget'?: unknown })['x-widget'];
  const byWidget = Object.entries(WIDGET_KINDS).find(([, k]) => k.widget === widget && k.type === schema.type);
  if (byWidget) return byWidget[0] as FieldKind;
  if (schema.type === 'string') {
    if (schema.format === 'date') return 'date';
    if (schema.format === 'date-time') return 'dateTime';
    if (schema.format === 'email') return 'email';
    return 'text';
  }
  if (schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean') return schema.type;
  return 'other';
}

/** A field schema of a kind; keeps the titles and description of `previous`, and its option labels. */
export function schemaFor(
  kind: Exclude<FieldKind, 'other'>,
  labels: Labels,
  previous?: FieldSchema,
  options: string[] = [],
): FieldSchema {
  const base: FieldSchema = { 'x-labels': labels };
  if (typeof previous?.description === 'string') base.description = previous.description;
  switch (kind) {
    case 'text':
      return previous && kindOf(previous) === 'text'
        ? { ...previous, 'x-labels': labels }
        : { type: 'string', ...base };
    case 'date':
      return { type: 'string', format: 'date', ...base };
    case 'dateTime':
      return { type: 'string', format: 'date-time', ...base };
    case 'email':
      return { type: 'string', format: 'email', ...base };
    case 'money':
    case 'percent':
    case 'phone':
    case 'longText':
    case 'user': {
      const k = WIDGET_KINDS[kind];
      return { type: k.type, 'x-widget': k.widget, ...('minimum' in k ? { minimum: k.minimum } : {}), ...base };
    }
    case 'reference':
      // `options` holds the record type it links to.
      return { type: 'string', 'x-ref': options[0] ?? (typeof previous?.['x-ref'] === 'string' ? previous['x-ref'] : ''), ...base };
    case 'choice': {
      const values = options.length > 0 ? options : ['option1'];
      const labels = labelsFor(values, optionLabelsOf(previous));
      return { type: 'string', enum: values, ...base, ...(labels ? { 'x-enumLabels': labels } : {}) };
    }
    default:
      return previous && kindOf(previous) === kind
        ? { ...previous, 'x-labels': labels }
        : { type: kind, ...base };
  }
}

export function listFields(draft: Draft): FieldInfo[] {
  const required = new Set(draft.schema.required ?? []);
  return Object.entries(draft.schema.properties ?? {}).map(([key, schema]) => ({
    key,
    schema,
    kind: kindOf(schema),
    labels: schema['x-labels'],
    required: required.has(key),
    options: Array.isArray(schema.enum) ? schema.enum.map(String) : typeof schema['x-ref'] === 'string' ? [schema['x-ref']] : [],
    optionLabels: optionLabelsOf(schema),
  }));
}

/** Add a field; `options` are a choice's values, or the record type a reference links to. */
export function addField(
  draft: Draft,
  key: string,
  labels: Labels,
  kind: Exclude<FieldKind, 'other'>,
  options: string[] = [],
): Draft {
  return edit(draft, ({ schema }) => {
    schema.properties = { ...schema.properties, [key]: schemaFor(kind, labels, undefined, options) };
  });
}

export interface FieldPatch {
  labels?: Labels;
  kind?: Exclude<FieldKind, 'other'>;
  options?: string[];
  /** New labels of the options; an option with both labels empty loses its label. */
  optionLabels?: OptionLabels;
  required?: boolean;
  /** Who writes the field: people, only automations (`readOnly`), or the engine from other fields (`x-compute`). */
  setBy?: SetBy;
  /** How a computed field is worked out. */
  compute?: ComputeDecl;
}

/** Who writes a field. */
export type SetBy = 'people' | 'automation' | 'computed';

/** `x-compute`: an operation over number fields beside it (`lines[].amount` reads each line's). */
export interface ComputeDecl {
  op: 'product' | 'sum' | 'difference';
  fields: string[];
}

/** Who writes a field, from its schema. */
export function setByOf(field: FieldSchema | undefined): SetBy {
  if (field?.['x-compute'] !== undefined) return 'computed';
  return field?.readOnly === true ? 'automation' : 'people';
}

/** A field's computation, when it has a well-formed one. */
export function computeOf(field: FieldSchema | undefined): ComputeDecl | undefined {
  const found = field?.['x-compute'] as Partial<ComputeDecl> | undefined;
  return found && typeof found.op === 'string' && Array.isArray(found.fields) ? { op: found.op, fields: found.fields } : undefined;
}

export function updateField(draft: Draft, key: string, patch: FieldPatch): Draft {
  return edit(draft, ({ schema }) => {
    const current = schema.properties?.[key];
    if (!current || !schema.properties) return;
    const labels = patch.labels ?? current['x-labels'];
    const kind = patch.kind ?? kindOf(current);
    let next: FieldSchema = { ...current, 'x-labels': labels };
    if (kind !== 'other' && (patch.kind !== undefined || patch.options !== undefined)) {
      next = schemaFor(
        kind,
        labels,
        current,
        patch.options ?? (Array.isArray(current.enum) ? current.enum.map(String) : typeof current['x-ref'] === 'string' && patch.kind === undefined ? [current['x-ref']] : []),
      );
    }
    if (patch.optionLabels !== undefined && Array.isArray(next.enum)) {
      const labels = labelsFor(next.enum.map(String), patch.optionLabels);
      if (labels) next['x-enumLabels'] = labels;
      else delete next['x-enumLabels'];
    }
    // Who writes it survives a change of type, unless the patch changes it.
    const setBy = patch.setBy ?? setByOf(current);
    delete next.readOnly;
    delete next['x-compute'];
    if (setBy === 'automation') next.readOnly = true;
    if (setBy === 'computed') next['x-compute'] = patch.compute ?? computeOf(current) ?? { op: 'sum', fields: [] };
    schema.properties[key] = next;
    if (patch.required !== undefined) {
      const rest = (schema.required ?? []).filter((f) => f !== key);
      if (patch.required) rest.push(key);
      if (rest.length > 0) schema.required = rest;
      else delete schema.required;
    }
  });
}

function renameRefs(value: StateConfig['entry'], from: string, to: string): StateConfig['entry'] {
  if (value === undefined) return undefined;
  const rename = (r: NamedRef) => renameFieldInRef(r, from, to);
  return Array.isArray(value) ? value.map(rename) : rename(value);
}

/** Rename a field; required lists, reminders, guards and actions that name it follow. */
export function renameField(draft: Draft, from: string, to: string): Draft {
  if (from === to || !draft.schema.properties?.[from] || draft.schema.properties[to]) return draft;
  return edit(draft, ({ schema, machine }) => {
    schema.properties = Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, v]) => [k === from ? to : k, v]),
    );
    if (schema.required) schema.required = schema.required.map((f) => (f === from ? to : f));
    const visit = (state: StateConfig): void => {
      const meta = state.meta;
      if (meta.requiredFields) meta.requiredFields = meta.requiredFields.map((f) => (f === from ? to : f));
      if (meta.reminders)
        meta.reminders = meta.reminders.map((r) => (r.field === from ? { ...r, field: to } : r));
      if (state.entry !== undefined) state.entry = renameRefs(state.entry, from, to);
      if (state.exit !== undefined) state.exit = renameRefs(state.exit, from, to);
      for (const child of Object.values(state.states ?? {})) visit(child);
    };
    for (const state of Object.values(machine.states)) visit(state);
    mapCandidates(machine, (candidate) => {
      const next = { ...candidate };
      if (next.guard !== undefined) next.guard = renameFieldInRef(next.guard, from, to);
      if (next.actions !== undefined) next.actions = renameRefs(next.actions, from, to);
      return next;
    });
  });
}

/** Remove a field (callers refuse when fieldUsages() finds uses). */
export function removeField(draft: Draft, key: string): Draft {
  return edit(draft, ({ schema }) => {
    if (!schema.properties) return;
    const { [key]: _removed, ...rest } = schema.properties;
    schema.properties = rest;
    if (schema.required) {
      schema.required = schema.required.filter((f) => f !== key);
      if (schema.required.length === 0) delete schema.required;
    }
  });
}
