/**
 * Turn ajv's errors into issues a person can act on: one per real problem, with a JSON
 * pointer and a sentence. ajv (with `allErrors`) reports every failed branch of an
 * `anyOf`; we keep only the errors of the branch whose JSON type matches the data, which
 * is the branch the author meant, or a single "must be a string or an object" when none does.
 */
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.js';
import { sentence, type PointerDescriber } from './describe-pointer.js';
import { isRecord, pointerOf, valueAt } from './json-pointer.js';

export interface AjvIssueOptions {
  /** Names the thing at a pointer (relative to the validated value). */
  describe: PointerDescriber;
  /** The schema document the errors' local `$ref`s point into; used to read union branches. */
  schemaRoot?: unknown;
  /** Prepended to every pointer, when the validated value sits inside a larger file. */
  pointerPrefix?: string;
}

/**
 * Map ajv errors (compiled with `allErrors` and `verbose`) to issues.
 *
 * @example
 * validate(machine);
 * const issues = issuesFromAjv(validate.errors ?? [], { describe: describeMachinePointer });
 */
export function issuesFromAjv(errors: ErrorObject[], options: AjvIssueOptions): Issue[] {
  const kept = pruneUnionNoise(errors, options.schemaRoot);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const { pointer, text } = explain(error, options.schemaRoot);
    const message = sentence(options.describe(pointer), text);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer: (options.pointerPrefix ?? '') + pointer, message });
  }
  return issues;
}

function pruneUnionNoise(errors: ErrorObject[], root: unknown): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const atPath = (path: string) => errors.filter((e) => e.instancePath === path);
  for (const union of unions) {
    const here = atPath(union.instancePath);
    const noise = here.filter((e) => e.keyword === 'type' || e.keyword === 'anyOf' || e.keyword === 'oneOf');
    if (unionHasMatchingBranch(union, root)) {
      noise.forEach((e) => drop.add(e));
    } else {
      // ajv reports the outermost union last: keep it as the one explanation of this spot.
      const outermost = noise.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').at(-1);
      noise.filter((e) => e !== outermost).forEach((e) => drop.add(e));
    }
  }
  // propertyNames reports the inner failure and a summary; explain() reads the inner one.
  for (const e of errors) if (e.propertyName !== undefined) drop.add(e);
  return errors.filter((e) => !drop.has(e) && e.keyword !== 'if');
}

function unionHasMatchingBranch(union: ErrorObject, root: unknown): boolean {
  const branches = Array.isArray(union.schema) ? (union.schema as unknown[]) : [];
  const type = jsonTypeOf(union.data);
  return branches.some((b) => {
    const accepted = acceptedTypes(b, root, 0);
    return accepted === 'any' || accepted.has(type);
  });
}

function explain(error: ErrorObject, root: unknown): { pointer: string; text: string } {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  const parent = error.parentSchema;
  const hint = typeof parent?.description === 'string' ? parent.description : undefined;
  switch (error.keyword) {
    case 'required':
      return { pointer: at, text: `is missing "${String(p.missingProperty)}"` };
    case 'additionalProperties':
      return {
        pointer: at + pointerOf(String(p.additionalProperty)),
        text: 'is not allowed here (unknown property)',
      };
    case 'propertyNames':
      return {
        pointer: at + pointerOf(String(p.propertyName)),
        text: `is not a valid name: must be ${propertyNameHint(parent, root)}`,
      };
    case 'type':
      return { pointer: at, text: `must be ${typeWords(String(p.type).split(','))}` };
    case 'anyOf':
    case 'oneOf': {
      const branches = Array.isArray(error.schema) ? (error.schema as unknown[]) : [];
      const types = new Set<string>();
      for (const b of branches) {
        const t = acceptedTypes(b, root, 0);
        if (t !== 'any') t.forEach((x) => types.add(x));
      }
      return {
        pointer: at,
        text: types.size > 0 ? `must be ${typeWords([...types])}` : 'does not match any allowed form',
      };
    }
    case 'enum':
      return {
        pointer: at,
        text: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: at, text: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
    case 'format':
      return { pointer: at, text: hint ? `must be ${hint}` : `must match ${String(p.pattern ?? p.format)}` };
    case 'minLength':
      return {
        pointer: at,
        text: p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`,
      };
    case 'minItems':
      return { pointer: at, text: `must have at least ${String(p.limit)} item(s)` };
    case 'minProperties':
      return {
        pointer: at,
        text: `must have at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}`,
      };
    case 'dependentRequired':
      return {
        pointer: at,
        text: `needs "${String(p.missingProperty)}" when "${String(p.property)}" is given`,
      };
    case 'discriminator': {
      const tag = String(p.tag);
      if (!isRecord(error.data) || error.data[tag] === undefined)
        return { pointer: at, text: `is missing "${tag}"` };
      const values = discriminatorValues(parent, tag);
      return {
        pointer: at + pointerOf(tag),
        text: `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }
    default:
      return { pointer: at, text: error.message ?? `fails "${error.keyword}"` };
  }
}

function propertyNameHint(parent: unknown, root: unknown): string {
  const names = isRecord(parent) ? parent.propertyNames : undefined;
  const schema = resolveRef(names, root);
  if (isRecord(schema) && typeof schema.description === 'string') return schema.description;
  return isRecord(schema) && typeof schema.pattern === 'string'
    ? `a name matching ${schema.pattern}`
    : 'a valid name';
}

function discriminatorValues(parent: unknown, tag: string): unknown[] {
  const branches = isRecord(parent) && Array.isArray(parent.oneOf) ? (parent.oneOf as unknown[]) : [];
  return branches
    .map((b) => valueAt(b, pointerOf('properties', tag, 'const')))
    .filter((v) => v !== undefined);
}

/** The JSON types a schema can accept, following local `$ref`s; 'any' when it does not say. */
function acceptedTypes(schema: unknown, root: unknown, depth: number): Set<string> | 'any' {
  const s = resolveRef(schema, root);
  if (!isRecord(s) || depth > 20) return 'any';
  if (typeof s.type === 'string') return new Set([normaliseType(s.type)]);
  if (Array.isArray(s.type)) return new Set(s.type.map((t) => normaliseType(String(t))));
  const union = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (!union) return 'any';
  const out = new Set<string>();
  for (const branch of union as unknown[]) {
    const t = acceptedTypes(branch, root, depth + 1);
    if (t === 'any') return 'any';
    t.forEach((x) => out.add(x));
  }
  return out;
}

function resolveRef(schema: unknown, root: unknown): unknown {
  if (isRecord(schema) && typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    return valueAt(root, decodeURIComponent(schema.$ref.slice(1)));
  }
  return schema;
}

function normaliseType(type: string): string {
  return type === 'integer' ? 'number' : type;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeWords(types: string[]): string {
  const words = types.map((t) => (t === 'null' ? 'null' : /^[aeio]/.test(t) ? `an ${t}` : `a ${t}`));
  return words.length <= 1 ? (words[0] ?? 'valid') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
