/**
 * Checks of the pack manifest's `recordViews` that its meta-schema cannot make: the
 * entities are the pack's, `link` is an x-ref field of the view's entity pointing at the
 * entity whose page shows the view, every column, sort key and field names something
 * that exists, and view ids are unique per entity. Pointers are into pack.json.
 */
import type { Issue } from '../errors.js';
import { isRecord, pointerOf } from './json-pointer.js';
import { fieldOf, refFieldsOf } from './ref-fields.js';
import { resolveViewPath } from './view-paths.js';

export interface ViewCheckContext {
  /** The entities pack.json lists. */
  listed: string[];
  /** The schemas of the entities that loaded (an entity with problems of its own is absent). */
  schemas: Map<string, unknown>;
}

function refsHint(entity: string, schema: unknown, owner: string): string {
  const refs = refFieldsOf(schema).filter((r) => r.entity === owner).map((r) => r.path);
  return refs.length > 0
    ? `(fields of "${entity}" that refer to "${owner}": ${refs.join(', ')})`
    : `("${entity}" has no field that refers to "${owner}")`;
}

function linkProblem(link: string, entity: string, schema: unknown, owner: string): string | undefined {
  const ref = refFieldsOf(schema).find((r) => r.path === link);
  if (ref?.entity === owner) return undefined;
  const hint = refsHint(entity, schema, owner);
  if (ref) return `"${link}" of "${entity}" refers to "${ref.entity}", not to "${owner}" ${hint}`;
  if (fieldOf(schema, link)) return `"${link}" of "${entity}" is not a reference (x-ref) field ${hint}`;
  return `"${link}" is not a field of "${entity}" ${hint}`;
}

/** Whether a path reads through a reference to an entity that is listed but did not load. */
function readsUnloaded(path: string, schema: unknown, context: ViewCheckContext): boolean {
  const via = path.includes('.') ? fieldOf(schema, path.split('.')[0] ?? '') : undefined;
  const target = via?.['x-ref'];
  return typeof target === 'string' && context.listed.includes(target) && !context.schemas.has(target);
}

function checkView(owner: string, view: Record<string, unknown>, at: (...keys: (string | number)[]) => string, context: ViewCheckContext): Issue[] {
  const issues: Issue[] = [];
  const ownerSchema = context.schemas.get(owner);
  if (ownerSchema !== undefined && Array.isArray(view.fields)) {
    view.fields.forEach((field, i) => {
      if (typeof field === 'string' && !fieldOf(ownerSchema, field)) {
        const known = isRecord(ownerSchema) && isRecord(ownerSchema.properties) ? Object.keys(ownerSchema.properties) : [];
        issues.push({ pointer: at('fields', i), message: `"${field}" is not a field of "${owner}" (fields: ${known.join(', ') || 'none'})` });
      }
    });
  }
  const entity = view.entity;
  if (typeof entity !== 'string') return issues;
  if (!context.listed.includes(entity)) {
    issues.push({ pointer: at('entity'), message: `entity "${entity}" is not in this pack (entities: ${context.listed.join(', ')})` });
    return issues;
  }
  const schema = context.schemas.get(entity);
  if (schema === undefined) return issues; // its own problems are reported with its files
  const schemaOf = (name: string) => context.schemas.get(name);
  if (typeof view.link === 'string') {
    const problem = linkProblem(view.link, entity, schema, owner);
    if (problem) issues.push({ pointer: at('link'), message: problem });
  }
  if (Array.isArray(view.columns)) {
    view.columns.forEach((column, i) => {
      if (!isRecord(column) || typeof column.path !== 'string' || readsUnloaded(column.path, schema, context)) return;
      const path = resolveViewPath(column.path, entity, schemaOf);
      if (!path.ok) issues.push({ pointer: at('columns', i, 'path'), message: path.message });
    });
  }
  if (isRecord(view.sort)) {
    for (const key of Object.keys(view.sort)) {
      const path = resolveViewPath(key, entity, schemaOf, { hops: false });
      if (!path.ok) issues.push({ pointer: at('sort', key), message: `sort key ${path.message}` });
    }
  }
  return issues;
}

/**
 * Problems of `recordViews` (pack.json's map of entity → views), pointers into pack.json.
 *
 * @example
 * checkRecordViews({ customer: [{ id: 'history', entity: 'order', link: 'productId', … }] }, context)
 * // [{ pointer: '/recordViews/customer/0/link', message: '"productId" of "order" refers to "product", not to "customer" …' }]
 */
export function checkRecordViews(recordViews: unknown, context: ViewCheckContext): Issue[] {
  if (!isRecord(recordViews)) return [];
  const issues: Issue[] = [];
  for (const [owner, views] of Object.entries(recordViews)) {
    if (!context.listed.includes(owner)) {
      issues.push({ pointer: pointerOf('recordViews', owner), message: `entity "${owner}" is not in this pack (entities: ${context.listed.join(', ')})` });
      continue;
    }
    if (!Array.isArray(views)) continue;
    const seen = new Map<string, number>();
    views.forEach((view, i) => {
      if (!isRecord(view)) return;
      const at = (...keys: (string | number)[]) => pointerOf('recordViews', owner, i, ...keys);
      if (typeof view.id === 'string') {
        const first = seen.get(view.id);
        if (first === undefined) seen.set(view.id, i);
        else issues.push({ pointer: at('id'), message: `view "${view.id}" of "${owner}" is declared twice (#${first} and #${i})` });
      }
      issues.push(...checkView(owner, view, at, context));
    });
  }
  return issues;
}
