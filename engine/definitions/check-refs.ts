/**
 * Checks of the guards and actions a machine names: each name is registered, its params
 * satisfy the registered `paramsSchema`, and params that name something of the pack name
 * something that exists. By convention a params key says what its value names:
 *
 * - `field`, `idField` (string) and `fields` (string[]): fields of this entity's schema;
 * - `entity` (string): an entity of the pack (checked when the caller knows the entities);
 * - `stage` (string): a state of this machine, as a dotted path from the root.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import type { Registry } from '../plugins/registry.js';
import { issuesFromAjv } from './ajv-issues.js';
import { describeMachinePointer, describeParamsPointer } from './describe-pointer.js';
import { isRecord, pointerOf } from './json-pointer.js';
import { refsOf, type RefVisit } from './machine-walk.js';
import { stateAt } from './state-targets.js';

export interface RefContext {
  registry: Registry;
  /** Top-level property names of the entity schema. */
  fields: string[];
  /** Entities of the pack; when undefined, `entity` params are not checked. */
  knownEntities?: string[];
}

/**
 * Every problem with the guards and actions a machine names.
 *
 * @example
 * checkRefs(machine, { registry, fields: ['amount'], knownEntities: ['deal'] })
 */
export function checkRefs(machine: unknown, context: RefContext): Issue[] {
  return refsOf(machine).flatMap((ref) => checkRef(ref, machine, context));
}

function checkRef(ref: RefVisit, machine: unknown, context: RefContext): Issue[] {
  const where = describeMachinePointer(ref.pointer).head;
  const def = ref.kind === 'guard' ? context.registry.guard(ref.name) : context.registry.action(ref.name);
  if (!def) {
    const known = (ref.kind === 'guard' ? context.registry.listGuards() : context.registry.listActions()).map(
      (e) => e.name,
    );
    return [
      {
        pointer: ref.namePointer,
        message: `${where} uses unknown ${ref.kind} "${ref.name}" (registered ${ref.kind}s: ${known.join(', ') || 'none'})`,
      },
    ];
  }
  const owner = `${ref.kind} "${ref.name}" of ${where}`;
  const validate = paramsValidator(def.paramsSchema);
  if (validate instanceof Error) {
    return [
      {
        pointer: ref.pointer,
        message: `${owner} cannot be checked: its params schema does not compile (${validate.message})`,
      },
    ];
  }
  const params = ref.params ?? {};
  if (!validate(params)) {
    return issuesFromAjv(validate.errors ?? [], {
      describe: describeParamsPointer(owner),
      schemaRoot: def.paramsSchema,
      pointerPrefix: ref.paramsPointer,
    });
  }
  return isRecord(params) ? checkNames(ref, owner, params, machine, context) : [];
}

function checkNames(
  ref: RefVisit,
  owner: string,
  params: Record<string, unknown>,
  machine: unknown,
  context: RefContext,
): Issue[] {
  const issues: Issue[] = [];
  const at = (...keys: (string | number)[]) => ref.paramsPointer + pointerOf(...keys);
  const fieldNamed = (name: unknown, pointer: string, label: string): void => {
    if (typeof name === 'string' && !context.fields.includes(name)) {
      issues.push({
        pointer,
        message: `${owner}: ${label} names "${name}", which is not a field of the schema (fields: ${context.fields.join(', ') || 'none'})`,
      });
    }
  };
  for (const key of ['field', 'idField']) fieldNamed(params[key], at(key), `params.${key}`);
  if (Array.isArray(params.fields))
    params.fields.forEach((f, i) => fieldNamed(f, at('fields', i), `params.fields[${i}]`));
  const entity = params.entity;
  if (typeof entity === 'string' && context.knownEntities && !context.knownEntities.includes(entity)) {
    issues.push({
      pointer: at('entity'),
      message: `${owner}: params.entity names "${entity}", which is not an entity of the pack (entities: ${context.knownEntities.join(', ')})`,
    });
  }
  const stage = params.stage;
  if (typeof stage === 'string' && !stateAt(machine, stage.split('.'))) {
    issues.push({
      pointer: at('stage'),
      message: `${owner}: params.stage names "${stage}", which is not a state of the machine`,
    });
  }
  return issues;
}

const paramsAjv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
const validators = new WeakMap<object, ValidateFunction | Error>();

/** Params schemas come from plugins: compile each once, and keep a failure as a value. */
function paramsValidator(schema: Record<string, unknown>): ValidateFunction | Error {
  let validate = validators.get(schema);
  if (!validate) {
    try {
      validate = paramsAjv.compile(schema);
    } catch (error) {
      validate = error instanceof Error ? error : new Error(String(error));
    }
    validators.set(schema, validate);
  }
  return validate;
}
