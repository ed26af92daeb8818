/**
 * The check of `x-enumLabels`, the vi/en labels of an enum's values that forms, lists and
 * filters show instead of the raw values: it sits beside `enum` (also inside an array's
 * `items`), each key is one of the enum's values, each label has a non-empty vi and en. A
 * value without a label is allowed: people then see the value itself.
 */
import type { Issue } from '../errors.js';
import { describeSchemaPointer, sentence } from './describe-pointer.js';
import { isRecord, pointerOf } from './json-pointer.js';

/** The keyword's name, as written in entity schemas. */
export const ENUM_LABELS_KEYWORD = 'x-enumLabels';

// Where subschemas live in a 2020-12 schema (maps of schemas, lists of schemas, single schemas).
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];

/**
 * Every problem with the `x-enumLabels` of an entity schema and its subschemas; pointers
 * are into the schema file.
 *
 * @example
 * checkEnumLabels({ type: 'object', properties: { kind: { enum: ['a'], 'x-enumLabels': { b: { vi: 'B', en: 'B' } } } } })
 * // [{ pointer: '/properties/kind/x-enumLabels/b', message: 'field "kind": x-enumLabels.b labels "b", which is not one of the enum\'s values ("a")' }]
 */
export function checkEnumLabels(schema: unknown): Issue[] {
  const issues: Issue[] = [];
  visit(schema, '', issues);
  return issues;
}

function visit(node: unknown, at: string, issues: Issue[]): void {
  if (!isRecord(node)) return;
  if (Object.hasOwn(node, ENUM_LABELS_KEYWORD)) issues.push(...checkOne(node, at));
  for (const key of SCHEMA_MAPS) {
    const map = node[key];
    if (isRecord(map))
      for (const [name, inner] of Object.entries(map)) visit(inner, at + pointerOf(key, name), issues);
  }
  for (const key of SCHEMA_LISTS) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((inner, i) => visit(inner, at + pointerOf(key, i), issues));
  }
  for (const key of SCHEMAS) visit(node[key], at + pointerOf(key), issues);
}

function checkOne(node: Record<string, unknown>, at: string): Issue[] {
  const labels = node[ENUM_LABELS_KEYWORD];
  const here = at + pointerOf(ENUM_LABELS_KEYWORD);
  const say = (pointer: string, text: string): Issue => ({
    pointer,
    message: sentence(describeSchemaPointer(pointer), text),
  });
  if (!Array.isArray(node.enum)) {
    return [say(here, 'needs an "enum" beside it: it labels the values of that enum')];
  }
  if (!isRecord(labels)) {
    return [say(here, 'must be an object: { "<value>": { "vi": …, "en": … } }')];
  }
  const values = node.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  const issues: Issue[] = [];
  for (const [value, label] of Object.entries(labels)) {
    const pointer = here + pointerOf(value);
    if (!values.includes(value)) {
      const known = values.map((v) => `"${v}"`).join(', ');
      issues.push(say(pointer, `labels "${value}", which is not one of the enum's values (${known})`));
      continue;
    }
    if (!isRecord(label)) {
      issues.push(say(pointer, 'must be an object { "vi": …, "en": … }'));
      continue;
    }
    for (const lang of ['vi', 'en'] as const) {
      const text = label[lang];
      if (typeof text !== 'string' || text.trim() === '') {
        issues.push(say(pointer + pointerOf(lang), 'must be a non-empty text'));
      }
    }
    for (const extra of Object.keys(label).filter((k) => k !== 'vi' && k !== 'en')) {
      issues.push(say(pointer + pointerOf(extra), 'is not allowed here: a label has only "vi" and "en"'));
    }
  }
  return issues;
}
