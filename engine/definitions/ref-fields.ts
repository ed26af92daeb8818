/**
 * The reference fields of an entity schema: every property that carries `x-ref` (the
 * entity whose record id it holds), at any depth. A reference inside an array's items
 * keeps the array's dotted path, as MongoDB queries read it (`lines.productId` matches
 * any line).
 */
import type { Labels } from './definition.js';
import { isRecord } from './json-pointer.js';

/** One reference field of a schema. */
export interface RefField {
  /** Dotted path in the record data (`accountId`, `lines.productId`). */
  path: string;
  /** The entity the field points at. */
  entity: string;
  /** The field's own labels, or the nearest labelled parent's (an array of references). */
  labels?: Labels;
  /** Whether the path crosses an array (a list of ids, or ids inside list items). */
  inArray: boolean;
}

function asLabels(value: unknown): Labels | undefined {
  return isRecord(value) && typeof value.vi === 'string' && typeof value.en === 'string'
    ? { vi: value.vi, en: value.en }
    : undefined;
}

/**
 * Every `x-ref` field of an entity schema, in declaration order.
 *
 * @example
 * refFieldsOf({ type: 'object', properties: { accountId: { type: 'string', 'x-ref': 'account' } } })
 * // [{ path: 'accountId', entity: 'account', labels: undefined, inArray: false }]
 */
export function refFieldsOf(schema: unknown): RefField[] {
  const found: RefField[] = [];
  const visit = (node: unknown, path: string, labels: Labels | undefined, inArray: boolean): void => {
    if (!isRecord(node)) return;
    const own = asLabels(node['x-labels']) ?? labels;
    const ref = node['x-ref'];
    if (typeof ref === 'string' && path !== '') found.push({ path, entity: ref, ...(own ? { labels: own } : {}), inArray });
    if (isRecord(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        visit(child, path === '' ? key : `${path}.${key}`, undefined, inArray);
      }
    }
    if (isRecord(node.items)) visit(node.items, path, own, true);
  };
  visit(schema, '', undefined, false);
  return found;
}

/**
 * The record ids a reference field holds in record data: the string values at its dotted
 * path, looking inside arrays.
 * @example refIdsAt({ lines: [{ productId: 'p1' }, { productId: 'p2' }] }, 'lines.productId') // ['p1', 'p2']
 */
export function refIdsAt(data: unknown, path: string): string[] {
  const walk = (node: unknown, rest: string[]): string[] => {
    if (Array.isArray(node)) return node.flatMap((item) => walk(item, rest));
    if (rest.length === 0) return typeof node === 'string' && node !== '' ? [node] : [];
    const [head = '', ...tail] = rest;
    return isRecord(node) ? walk(node[head], tail) : [];
  };
  return walk(data, path.split('.'));
}

/**
 * A top-level property of an entity schema, when it has one by that name.
 *
 * @example
 * fieldOf(schema, 'departureDate') // { type: 'string', format: 'date', 'x-labels': {…} }
 */
export function fieldOf(schema: unknown, name: string): Record<string, unknown> | undefined {
  if (!isRecord(schema) || !isRecord(schema.properties) || !Object.hasOwn(schema.properties, name)) return undefined;
  const field = schema.properties[name];
  return isRecord(field) ? field : undefined;
}

/** The field's `x-labels`, when it has proper ones. */
export function labelsOf(field: unknown): Labels | undefined {
  return isRecord(field) ? asLabels(field['x-labels']) : undefined;
}
