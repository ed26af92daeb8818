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

/** The schema rjsf renders: titled, with `extraRequired` fields required. */
export function formSchema(schema: EntitySchema, lang: Lang, extraRequired: string[] = []): RJSFSchema {
  const out = titled(schema, lang, '');
  delete out.title; // the page heading names the entity already
  const required = new Set([...((schema.required ?? [])), ...extraRequired]);
  out.required = [...required];
  return out;
}

/** The widget of one field (and of the fields inside its items or properties). */
function fieldUi(field: Json, lang: Lang): UiSchema | undefined {
  let ui: UiSchema | undefined;
  const widget = field['x-widget'];
  if (typeof field['x-ref'] === 'string') ui = { 'ui:widget': 'ref', 'ui:options': { entity: field['x-ref'] } };
  else if (widget === 'money') ui = { 'ui:widget': 'money' };
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

function objectUi(schema: Json, lang: Lang, only?: string[]): UiSchema {
  const ui: UiSchema = {};
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  for (const [key, field] of Object.entries(properties)) {
    if (only && !only.includes(key)) continue;
    const one = isObject(field) ? fieldUi(field, lang) : undefined;
    if (one) ui[key] = one;
  }
  return ui;
}

/**
 * Widgets per field, at any depth (a quote line's product is a picker too): `x-ref` →
 * record picker, `x-widget: money` → VND amount, `textarea`, `phone`, dates by `format`
 * in the app's language; enum values labelled in `lang` from `x-enumLabels`.
 */
export function formUiSchema(schema: EntitySchema, lang: Lang, only?: string[]): UiSchema {
  const ui: UiSchema = { 'ui:submitButtonOptions': { norender: true }, ...objectUi(schema, lang, only) };
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
