/**
 * The labels of enum values (`x-enumLabels` in the entity schema) in the user's language:
 * what forms, list cells, cards and filters show instead of the raw values the data keeps.
 * A value with no label is shown as itself.
 */
import type { UiSchema } from '@rjsf/utils';
import type { Lang } from '../model/draft.js';
import { labelIn } from '../model/draft.js';

type Json = Record<string, unknown>;

/** One choice of an enum: the stored value, its key in `x-enumLabels`, and its label. */
export interface EnumOption {
  value: unknown;
  key: string;
  label: string;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The subschema holding the enum: the field itself, or its `items` for a list of choices. */
function enumHolder(schema: unknown): Json | undefined {
  if (!isObject(schema)) return undefined;
  if (Array.isArray(schema.enum)) return schema;
  if (isObject(schema.items) && Array.isArray(schema.items.enum)) return schema.items;
  return undefined;
}

/**
 * The values of an enum field, or of the enum of a list field's items; undefined otherwise.
 *
 * @example
 * enumValues({ type: 'array', items: { enum: ['a', 'b'] } }) // ['a', 'b']
 */
export function enumValues(schema: unknown): unknown[] | undefined {
  return enumHolder(schema)?.enum as unknown[] | undefined;
}

/**
 * How a value is named in `x-enumLabels`: a text as is, anything else by its JSON text.
 *
 * @example
 * enumKey('vip') // 'vip'
 * enumKey(3) // '3'
 */
export function enumKey(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The choices of an enum field (or of a list field whose items are an enum) with labels in
 * `lang`; undefined when the field is not an enum.
 *
 * @example
 * enumOptions({ enum: ['individual'], 'x-enumLabels': { individual: { vi: 'Cá nhân', en: 'Individual' } } }, 'vi')
 * // [{ value: 'individual', key: 'individual', label: 'Cá nhân' }]
 */
export function enumOptions(schema: unknown, lang: Lang): EnumOption[] | undefined {
  const holder = enumHolder(schema);
  if (!holder) return undefined;
  const labels = isObject(holder['x-enumLabels']) ? holder['x-enumLabels'] : {};
  return (holder.enum as unknown[]).map((value) => {
    const key = enumKey(value);
    const label = labels[key];
    return { value, key, label: labelIn(isObject(label) ? label : undefined, lang, key) };
  });
}

/**
 * The label of one value of an enum field in `lang`; the value itself when the field is not
 * an enum or the value has no label.
 *
 * @example
 * enumLabel({ enum: ['agent'], 'x-enumLabels': { agent: { vi: 'Đại lý', en: 'Agent' } } }, 'agent', 'en') // 'Agent'
 */
export function enumLabel(schema: unknown, value: unknown, lang: Lang): string {
  const key = enumKey(value);
  return (
    enumOptions(schema, lang)?.find((o) => o.key === key)?.label ?? (typeof value === 'string' ? value : key)
  );
}

/**
 * A value of an enum field (or a list of them) for reading, labels joined by ", ";
 * undefined when the field is not an enum.
 *
 * @example
 * enumText({ type: 'array', items: { enum: ['a', 'b'] } }, ['a', 'b'], 'en') // 'a, b'
 */
export function enumText(schema: unknown, value: unknown, lang: Lang): string | undefined {
  if (!enumHolder(schema)) return undefined;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.map((v) => enumLabel(schema, v, lang)).join(', ');
}

/**
 * The uiSchema that makes @rjsf show enum labels in `lang` (`ui:enumNames` keyed by value,
 * which keeps `enum` in the schema so validation messages stay those of `enum`), for the
 * field, its `items` and its nested properties; {} when there is nothing to label. The
 * options carry the stored value in the DOM (`realValue`), not rjsf's default index.
 *
 * @example
 * enumUiSchema({ type: 'array', items: { enum: ['a'], 'x-enumLabels': { a: { vi: 'À', en: 'A' } } } }, 'vi')
 * // { 'ui:optionValueFormat': 'realValue', items: { 'ui:enumNames': { a: 'À' }, 'ui:optionValueFormat': 'realValue' } }
 */
export function enumUiSchema(schema: unknown, lang: Lang): UiSchema {
  if (!isObject(schema)) return {};
  const ui: UiSchema = {};
  if (Array.isArray(schema.enum)) {
    const options = enumOptions(schema, lang) ?? [];
    ui['ui:enumNames'] = Object.fromEntries(options.map((o) => [o.key, o.label]));
    ui['ui:optionValueFormat'] = 'realValue';
  }
  const items = enumUiSchema(schema.items, lang);
  if (Object.keys(items).length > 0) {
    ui.items = items;
    // A list of choices is one multi-select (or checkboxes) that reads the list's own options.
    if (items['ui:optionValueFormat']) ui['ui:optionValueFormat'] = 'realValue';
  }
  if (isObject(schema.properties)) {
    for (const [key, inner] of Object.entries(schema.properties)) {
      const nested = enumUiSchema(inner, lang);
      if (Object.keys(nested).length > 0) ui[key] = nested;
    }
  }
  return ui;
}
