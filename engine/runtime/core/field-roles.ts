/**
 * Field roles declared in an entity schema (issue 11.2): `readOnly: true` fields are set
 * only by the machine's actions and automations; `x-compute` fields are worked out by the
 * engine on every write from other fields of the same object (a quote line's amount =
 * quantity × unit price; the quote's total = the sum of its lines' amounts; a contract's
 * balance = value − paid). Both are refused when a person writes them. One mechanism for
 * every entity; a field inside a list's items is computed per item.
 */
import { isRecord } from '../../definitions/json-pointer.js';
import type { Issue } from '../../errors.js';
import type { RecordData } from '../../plugins/contract.js';

/** How a computed field is worked out: `product`, `sum` or `difference` (first minus the rest). */
export interface ComputeDecl {
  op: 'product' | 'sum' | 'difference';
  /** Fields of the same object; `lines[].amount` reads `amount` of every item of `lines`. */
  fields: string[];
}

/** What a schema declares about its fields, at any depth. */
export interface FieldRoles {
  /** Paths people may not write: `balanceAmount`, `lines[].amount`. */
  readOnly: Set<string>;
  /** The computed ones among them. */
  computedPaths: Set<string>;
  /** Computed fields per object path (`''` the record, `lines[]` each line), in declaration order. */
  computed: { at: string; field: string; compute: ComputeDecl; integer: boolean }[];
}

/** The schema keyword of computed fields. */
export const COMPUTE_KEYWORD = 'x-compute';

/**
 * Read the roles of a schema's fields (its properties, and the properties of list items).
 * @example fieldRoles(quoteSchema).readOnly // Set { 'total', 'lines[].amount', 'sentAt' }
 */
export function fieldRoles(schema: unknown): FieldRoles {
  const roles: FieldRoles = { readOnly: new Set(), computedPaths: new Set(), computed: [] };
  visitObject(schema, '', roles);
  return roles;
}

function visitObject(schema: unknown, at: string, roles: FieldRoles): void {
  if (!isRecord(schema) || !isRecord(schema.properties)) return;
  for (const [key, field] of Object.entries(schema.properties)) {
    if (!isRecord(field)) continue;
    const path = at === '' ? key : `${at}.${key}`;
    const compute = field[COMPUTE_KEYWORD];
    if (isComputeDecl(compute)) {
      roles.computed.push({ at, field: key, compute, integer: field.type === 'integer' });
      roles.computedPaths.add(path);
    }
    if (field.readOnly === true || compute !== undefined) roles.readOnly.add(path);
    if (isRecord(field.items)) visitObject(field.items, `${path}[]`, roles);
    else if (field.type === 'object') visitObject(field, path, roles);
  }
}

function isComputeDecl(value: unknown): value is ComputeDecl {
  return (
    isRecord(value) &&
    (value.op === 'product' || value.op === 'sum' || value.op === 'difference') &&
    Array.isArray(value.fields) &&
    value.fields.every((f) => typeof f === 'string')
  );
}

/** Every number a path reads in an object: one for a field, one per item for `list[].field`. */
function numbersAt(object: RecordData, path: string): number[] | undefined {
  const [list, rest] = path.split('[].', 2) as [string, string | undefined];
  if (rest === undefined) {
    const value = object[list];
    return typeof value === 'number' && Number.isFinite(value) ? [value] : undefined;
  }
  const items = object[list];
  if (!Array.isArray(items)) return undefined;
  return items.flatMap((item) => (isRecord(item) ? (numbersAt(item, rest) ?? []) : []));
}

function computeOne(object: RecordData, { op, fields }: ComputeDecl): number | undefined {
  const operands = fields.map((path) => numbersAt(object, path));
  if (op === 'product') {
    if (operands.some((found) => found === undefined || found.length !== 1)) return undefined;
    return operands.reduce<number>((product, found) => product * (found?.[0] ?? 0), 1);
  }
  if (operands.every((found) => found === undefined)) return undefined;
  const sums = operands.map((found) => (found ?? []).reduce((a, b) => a + b, 0));
  if (op === 'sum') return sums.reduce((a, b) => a + b, 0);
  const [first = 0, ...rest] = sums;
  return rest.reduce((a, b) => a - b, first);
}

/** The objects a computed field lives in: the record, or every item of a list (at any depth). */
function objectsAt(data: RecordData, at: string): RecordData[] {
  if (at === '') return [data];
  const [head, rest] = at.split('[]', 2) as [string, string | undefined];
  const parent = head.split('.').reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), data);
  if (rest === undefined) return isRecord(parent) ? [parent] : [];
  const items = Array.isArray(parent) ? parent.filter(isRecord) : [];
  const inner = rest.startsWith('.') ? rest.slice(1) : rest;
  return inner === '' ? items : items.flatMap((item) => objectsAt(item, inner));
}

/**
 * The data with every computed field worked out (inner lists first, so a total sums the
 * lines' fresh amounts); a field whose operands are missing is left out. Returns a copy.
 * @example computeFields(roles, { lines: [{ quantity: 2, unitPrice: 5 }] }) // { lines: [{ …, amount: 10 }], total: 10 }
 */
export function computeFields(roles: FieldRoles, data: RecordData): RecordData {
  if (roles.computed.length === 0) return data;
  const out = structuredClone(data);
  const deepestFirst = [...roles.computed].sort((a, b) => depth(b.at) - depth(a.at));
  for (const { at, field, compute, integer } of deepestFirst) {
    for (const object of objectsAt(out, at)) {
      const value = computeOne(object, compute);
      if (value === undefined) delete object[field];
      else object[field] = integer ? Math.round(value) : value;
    }
  }
  return out;
}

function depth(at: string): number {
  return at === '' ? 0 : at.split(/\.|\[\]/).filter(Boolean).length;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Read-only fields that `input` changes; `before` and `after` are walked alongside it. */
function writtenPaths(roles: FieldRoles, input: unknown, trees: { before: unknown; after: unknown }, at: string, pointer: string, out: Issue[]): void {
  if (!isRecord(input)) return;
  const { before, after } = trees;
  for (const [key, value] of Object.entries(input)) {
    const path = at === '' ? key : `${at}.${key}`;
    const here = `${pointer}/${key}`;
    const inner = { before: isRecord(before) ? before[key] : undefined, after: isRecord(after) ? after[key] : undefined };
    if (roles.readOnly.has(path)) {
      // Sending back what it holds, or for a computed field what the engine works out
      // anyway, is not writing it (a form posts the values it shows, a removed line
      // shifts the others).
      const worksOut = roles.computedPaths.has(path) && same(value, inner.after);
      if (!same(value, inner.before) && !worksOut)
        out.push({ pointer: here, message: `${key} is set by the system; it cannot be written` });
      continue;
    }
    if (Array.isArray(value))
      value.forEach((item, i) =>
        writtenPaths(roles, item, { before: Array.isArray(inner.before) ? inner.before[i] : undefined, after: Array.isArray(inner.after) ? inner.after[i] : undefined }, `${path}[]`, `${here}/${i}`, out),
      );
    else if (isRecord(value)) writtenPaths(roles, value, inner, path, here, out);
  }
}

/**
 * Issues for each read-only or computed field a person's input changes, pointers under
 * `base` (e.g. `/data`). `before` is the stored data, `after` the data the write would
 * store (computed fields worked out): a value equal to either is not a change.
 * @example readOnlyIssues(roles, { total: 1 }, {}, { total: 10 }, '/data') // [{ pointer: '/data/total', message: 'total is set by the system; …' }]
 */
export function readOnlyIssues(roles: FieldRoles, input: RecordData, before: RecordData | undefined, after: RecordData, base: string): Issue[] {
  const out: Issue[] = [];
  writtenPaths(roles, input, { before, after }, '', base, out);
  return out;
}
