/**
 * Validate one entity of a pack (its schema and its machine) and return every problem at
 * once, each with the file, a JSON pointer into it and a sentence naming the thing.
 */
import type { Issue } from '../errors.js';
import type { Registry } from '../plugins/registry.js';
import { checkEnumLabels } from './check-enum-labels.js';
import { checkMachine } from './check-machine.js';
import { checkRefs } from './check-refs.js';
import { checkStages } from './check-stages.js';
import { checkBoardSum, checkTitle } from './check-title.js';
import { checkCompute } from './check-compute.js';
import { checkEntitySchemaCompiles } from './entity-ajv.js';
import { isRecord } from './json-pointer.js';
import { checkStructure } from './meta-schema.js';
import { checkWithXState } from './xstate-check.js';

export interface EntityInput {
  entity: string;
  schema: unknown;
  machine: unknown;
  /** File names used in issues; default `<entity>.schema.json` and `<entity>.machine.json`. */
  schemaFile?: string;
  machineFile?: string;
}

export interface ValidationContext {
  /** Entities of the pack, for `entity` params of actions (createRecord, sendEvent); unchecked when absent. */
  knownEntities?: string[];
}

/**
 * Every problem of an entity's schema and machine; [] when the entity is valid.
 *
 * Checks, in order: both files against the pack format's meta-schema; the schema compiles
 * with ajv and its `x-enumLabels` label known enum values; the machine's initial states,
 * node types, final states, targets and reachability; stage metadata (required fields,
 * reminders, ids) and event labels; guard/action names, params and the names their params
 * mention. Only when all of that passes does XState itself build the machine, as a last net.
 *
 * @example
 * const issues = validateEntity({ entity: 'deal', schema, machine }, registry, { knownEntities: ['deal'] });
 * // [{ file: 'deal.machine.json', pointer: '/states/open/on/WIN/target', message: '…' }]
 */
export function validateEntity(
  input: EntityInput,
  registry: Registry,
  context: ValidationContext = {},
): Issue[] {
  const schemaFile = input.schemaFile ?? `${input.entity}.schema.json`;
  const machineFile = input.machineFile ?? `${input.entity}.machine.json`;
  const fields = fieldsOf(input.schema);
  const schemaIssues = checkEntitySchema(input.schema);
  const machineIssues = [
    ...checkStructure('machine', input.machine),
    ...checkMachine(input.machine),
    ...checkStages(input.machine, fields),
    ...checkRefs(input.machine, { registry, fields, knownEntities: context.knownEntities }),
  ];
  const issues = [...inFile(schemaFile, schemaIssues), ...inFile(machineFile, machineIssues)];
  if (issues.length > 0) return issues;
  return inFile(machineFile, checkWithXState(input.machine));
}

/**
 * The checks of an entity schema alone (structure, ajv compilation, `x-enumLabels`), for
 * when its machine cannot be read. Pointers are into the schema file; no `file` is set.
 *
 * @example
 * checkEntitySchema({ type: 'object' }) // [{ pointer: '', message: 'the schema is missing "x-labels"' }]
 */
export function checkEntitySchema(schema: unknown): Issue[] {
  return [
    ...checkStructure('entitySchema', schema),
    ...checkEntitySchemaCompiles(schema),
    ...checkEnumLabels(schema),
    ...checkTitle(schema),
    ...checkBoardSum(schema),
    ...checkCompute(schema),
  ];
}

/** Top-level property names of an entity schema. */
export function fieldsOf(schema: unknown): string[] {
  return isRecord(schema) && isRecord(schema.properties) ? Object.keys(schema.properties) : [];
}

function inFile(file: string, issues: Issue[]): Issue[] {
  return issues.map((issue) => ({ file, pointer: issue.pointer, message: issue.message }));
}
