/**
 * Paths of a record view (pack.json `recordViews`): what a column or a sort key reads
 * from a linked record. A path is a field of the record (`quantity`), a field read
 * through one of its x-ref fields (`productId.name`), or a fact every record has
 * (`$stage`, `$createdAt`, `$updatedAt`, `$owner`). The loader checks paths with this
 * module and the runtime reads them with it, so both agree on what a path means.
 */
import { isRecord } from './json-pointer.js';
import { fieldOf } from './ref-fields.js';

export const RECORD_FACTS = ['$stage', '$createdAt', '$updatedAt', '$owner'] as const;
export type RecordFact = (typeof RECORD_FACTS)[number];

export type ViewPathResolution =
  | { ok: true; kind: 'fact'; fact: RecordFact }
  | { ok: true; kind: 'field'; field: string; schema: Record<string, unknown> }
  | { ok: true; kind: 'hop'; via: string; entity: string; field: string; schema: Record<string, unknown> }
  | { ok: false; message: string };

function fieldNames(schema: unknown): string {
  const properties = isRecord(schema) && isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  return properties.join(', ') || 'none';
}

function isFact(path: string): path is RecordFact {
  return (RECORD_FACTS as readonly string[]).includes(path);
}

/**
 * What `path` reads from a record of `entity`, or why it reads nothing. `schemaOf` gives
 * the schema of an entity (undefined when there is no such entity); `hops: false` refuses
 * paths through a reference (sort keys: the store sorts by the record's own values).
 *
 * @example
 * resolveViewPath('productId.name', 'order', schemaOf)
 * // { ok: true, kind: 'hop', via: 'productId', entity: 'product', field: 'name', schema: {…} }
 */
export function resolveViewPath(
  path: string,
  entity: string,
  schemaOf: (entity: string) => unknown,
  options: { hops?: boolean } = {},
): ViewPathResolution {
  if (path.startsWith('$')) {
    if (isFact(path)) return { ok: true, kind: 'fact', fact: path };
    return { ok: false, message: `"${path}" is not a fact of a record (facts: ${RECORD_FACTS.join(', ')})` };
  }
  const segments = path.split('.');
  if (segments.length > 2 || segments.some((s) => s === '')) {
    return {
      ok: false,
      message: `"${path}" is not a view path: write "field" or "refField.field" (one hop through an x-ref field)`,
    };
  }
  const [first = '', second] = segments;
  const schema = schemaOf(entity);
  const field = fieldOf(schema, first);
  if (!field) return { ok: false, message: `"${first}" is not a field of "${entity}" (fields: ${fieldNames(schema)})` };
  if (second === undefined) return { ok: true, kind: 'field', field: first, schema: field };
  if (options.hops === false) {
    return { ok: false, message: `"${path}" reads through a reference: only fields of "${entity}" itself and record facts can be used here` };
  }
  const target = field['x-ref'];
  if (typeof target !== 'string') {
    return { ok: false, message: `"${first}" of "${entity}" is not a reference (x-ref) field, so "${path}" cannot read through it` };
  }
  const targetSchema = schemaOf(target);
  if (targetSchema === undefined) {
    return { ok: false, message: `"${first}" of "${entity}" refers to "${target}", which is not an entity of this pack` };
  }
  const leaf = fieldOf(targetSchema, second);
  if (!leaf) {
    return {
      ok: false,
      message: `"${second}" is not a field of "${target}", which "${first}" of "${entity}" refers to (fields: ${fieldNames(targetSchema)})`,
    };
  }
  return { ok: true, kind: 'hop', via: first, entity: target, field: second, schema: leaf };
}
