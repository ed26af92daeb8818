/**
 * The entity schema made ready for @rjsf: titles from `x-labels` in the chosen language,
 * the current stage's required fields added to `required`, and a uiSchema choosing the
 * widgets (`x-widget: money` → VND amount, `textarea`, dates by `format`) and naming enum
 * values by their `x-enumLabels`.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Lang } from '../model/draft.js';
import { labelIn } from '../model/draft.js';
import type { EntitySchema, Labels } from '../model/pack-types.js';
import { enumUiSchema } from './enum-labels.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copy a (sub)schema, giving it and its properties titles in `lang`. */
function titled(schema: Json, lang: Lang, fallback: string): Json {
  const out: Json = {
    ...schema,
    title: labelIn(schema['x-labels'] as Partial<Labels> | undefined, lang, fallback),
  };
  delete out.$schema;
  if (isObject(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, inner]) => [
        key,
        isObject(inner) ? titled(inner, lang, key) : inner,
      ]),
    );
  }
  if (isObject(schema.items)) out.items = titled(schema.items, lang, '');
  return out;
}

/** The schema rjsf renders: titled, with `extraRequired` fields required and `hidden` ones left out. */
export function formSchema(schema: EntitySchema, lang: Lang, extraRequired: string[] = [], hidden: string[] = []): RJSFSchema {
  const out = titled(schema, lang, '');
  if (hidden.length > 0 && isObject(out.properties))
    out.properties = Object.fromEntries(Object.entries(out.properties).filter(([key]) => !hidden.includes(key)));
  delete out.title; // the page heading names the entity already
  // A hidden field cannot be filled in here: it is not required of this form (the engine still checks the record).
  const required = new Set([...((schema.required ?? [])), ...extraRequired].filter((key) => !hidden.includes(key)));
  out.required = [...required];
  return out;
}

/** Whether people never write a field: automations set it (`readOnly`) or the engine computes it (`x-compute`). */
export function isSystemField(field: Json): boolean {
  return field.readOnly === true || field['x-compute'] !== undefined;
}

/** How a field people may not change here is shown: as text, a reference as its name and link. */
function lockedUi(field: Json): UiSchema {
  if (typeof field['x-ref'] === 'string') return { 'ui:widget': 'ref', 'ui:readonly': true, 'ui:options': { entity: field['x-ref'] } };
  if (field.type === 'array' || field.type === 'object')
    return { 'ui:readonly': true, 'ui:options': { addable: false, removable: false, orderable: false } };
  return { 'ui:widget': 'valueText' };
}

/** The widget of one field (and of the fields inside its items or properties). */
function fieldUi(field: Json, lang: Lang): UiSchema | undefined {
  let ui: UiSchema | undefined;
  const widget = field['x-widget'];
  if (isSystemField(field)) ui = lockedUi(field);
  else if (typeof field['x-ref'] === 'string') ui = { 'ui:widget': 'ref', 'ui:options': { entity: field['x-ref'] } };
  else if (widget === 'money') ui = { 'ui:widget': 'money' };
  else if (widget === 'user') ui = { 'ui:widget': 'user' };
  else if (widget === 'audience') ui = { 'ui:field': 'audience' };
  else if (widget === 'textarea') ui = { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } };
  else if (widget === 'phone') ui = { 'ui:inputType': 'tel', 'ui:placeholder': '0901 234 567' };
  else if (field.format === 'date') ui = { 'ui:widget': 'day' };
  else if (field.format === 'date-time') ui = { 'ui:widget': 'instant' };
  else if (isObject(field.items)) {
    const items = field.items.type === 'object' ? objectUi(field.items, lang) : fieldUi(field.items, lang);
    if (items && Object.keys(items).length > 0) ui = { items };
  } else if (field.type === 'object') ui = objectUi(field, lang);
  const enumNames = enumUiSchema(field, lang);
  if (Object.keys(enumNames).length > 0) ui = { ...enumNames, ...ui };
  return ui;
}

function objectUi(schema: Json, lang: Lang, only?: string[], locked: ReadonlySet<string> | 'all' = new Set()): UiSchema {
  const ui: UiSchema = {};
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  for (const [key, field] of Object.entries(properties)) {
    if (only && !only.includes(key)) continue;
    if (!isObject(field)) continue;
    const one = locked === 'all' || locked.has(key) ? { ...fieldUi(field, lang), ...lockedUi(field) } : fieldUi(field, lang);
    if (one) ui[key] = one;
  }
  return ui;
}

/** What the current stage and the reader allow on a record's form. */
export interface FormAccess {
  /** Fields not shown. */
  hidden?: string[];
  /** Fields shown as text; `'all'` for a record people may no longer change. */
  locked?: string[] | 'all';
}

/**
 * Widgets per field, at any depth (a quote line's product is a picker too): `x-ref` →
 * record picker, `x-widget: money` → VND amount, `textarea`, `phone`, dates by `format`
 * in the app's language; enum values labelled in `lang` from `x-enumLabels`.
 */
export function formUiSchema(schema: EntitySchema, lang: Lang, only?: string[], access: FormAccess = {}): UiSchema {
  const locked = access.locked === 'all' ? 'all' : new Set(access.locked ?? []);
  const ui: UiSchema = { 'ui:submitButtonOptions': { norender: true }, ...objectUi(schema, lang, only, locked) };
  if (only) ui['ui:order'] = [...only, '*'];
  return ui;
}

/** The part of a schema with only `fields` (the missing-fields dialog), all required. */
export function pickFields(schema: EntitySchema, fields: string[]): EntitySchema {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  return {
    ...schema,
    properties: Object.fromEntries(fields.filter((f) => f in properties).map((f) => [f, properties[f]])),
    required: fields,
  } as EntitySchema;
}
