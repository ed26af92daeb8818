/**
 * The shapes of request bodies and queries, compiled once. Unknown members are refused
 * (`additionalProperties: false`) so a typo is an error, not a silently ignored field.
 */
import type { EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { RecordData } from '../plugins/contract.js';
import { bodyReader, queryReader } from './validate-request.js';

const USER_ID = {
  type: 'string',
  pattern: '^[A-Za-z0-9_.:@-]{1,100}$',
  description: 'a user id: 1–100 letters, digits or _ . : @ -',
} as const;
const VERSION = { type: 'integer', minimum: 1 } as const;
const DATA = { type: 'object' } as const;
/** Event types are the machine's; `xstate.*` are XState's own and never sent from outside. */
export const EVENT_TYPE = {
  type: 'string',
  pattern: '^(?!xstate\\.)[A-Za-z_][A-Za-z0-9_.]{0,99}$',
  description:
    'an event type: a letter or _, then up to 99 letters, digits, _ or ., not starting with "xstate."',
} as const;

/** A record to create. */
export const CREATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { data: DATA, owner: USER_ID, handler: USER_ID },
} as const;

export const readCreateRecord = bodyReader<{ data: RecordData; owner?: string; handler?: string }>(CREATE_BODY);

/** Rows to create all or nothing; the engine caps how many (engine/runtime/core/import-records.ts). */
export const IMPORT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['rows'],
  properties: {
    rows: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', additionalProperties: false, required: ['data'], properties: { data: DATA, owner: USER_ID, handler: USER_ID } },
    },
    dryRun: { type: 'boolean' },
  },
} as const;

/** A top-level merge patch of a record's data. */
export const PATCH_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['data', 'version'],
  properties: { data: DATA, version: VERSION },
} as const;

/** An event sent to a record. */
export const EVENT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: EVENT_TYPE, data: DATA, payload: DATA, version: VERSION },
} as const;

/** An activity ticked or unticked. */
export const ACTIVITY_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['done'],
  properties: { done: { type: 'boolean' }, version: VERSION },
} as const;

/** A hand-over: a new owner and/or handler (null clears the handler). */
export const ASSIGN_BODY = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { owner: USER_ID, handler: { anyOf: [USER_ID, { type: 'null' }] }, version: VERSION },
} as const;

/** A definition to validate or save; `summary` describes the change (kept with the version). */
/** A definition as the designer sends it; also the OpenAPI document's `DefinitionInput`. */
export const DEFINITION_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'machine'],
  properties: {
    schema: { type: 'object' },
    machine: { type: 'object' },
    summary: { type: 'string', maxLength: 1000 },
    baseVersion: {
      type: 'integer',
      minimum: 0,
      description: 'the version the change was made on (0 for a new entity); required to save over an existing entity: another version saved since is a 409 version-conflict',
    },
  },
} as const;

export const readDefinitionInput = bodyReader<{
  schema: EntitySchema;
  machine: MachineConfig;
  summary?: string;
  baseVersion?: number;
}>(DEFINITION_INPUT);

/** A draft kept over days: `version` is the draft's own, absent for the first save. */
export const DRAFT_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'machine', 'baseVersion'],
  properties: {
    schema: { type: 'object' },
    machine: { type: 'object' },
    baseVersion: { type: 'integer', minimum: 0, description: 'the published version the draft was started from (0: a new entity)' },
    version: { type: 'integer', minimum: 1, description: 'the draft version this save replaces; absent when there is no draft yet' },
  },
} as const;

export const readDraftInput = bodyReader<{ schema: EntitySchema; machine: MachineConfig; baseVersion: number; version?: number }>(DRAFT_INPUT);

/** What moving live records to another version needs (engine/runtime/services/migrations.ts). */
export const MIGRATION_INPUT = {
  type: 'object',
  additionalProperties: false,
  properties: {
    toVersion: { ...VERSION, description: 'the version to move records to; default the latest' },
    mapping: {
      type: 'object',
      maxProperties: 500,
      description: 'old stage path → new stage path; a stage left out keeps its path when the new version has it',
      additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
    },
    fill: { type: 'object', maxProperties: 200, description: 'values for fields the records lack (a new required field)' },
    ids: { type: 'array', minItems: 1, maxItems: 10000, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'only these records' },
  },
} as const;

export const readMigrationInput = bodyReader<{ toVersion?: number; mapping?: Record<string, string>; fill?: RecordData; ids?: string[] }>(MIGRATION_INPUT);

/** `?version=N`: an older definition, or the record version a delete expects. */
export const VERSION_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { version: VERSION },
} as const;

export const readVersionQuery = queryReader<{ version?: number }>(VERSION_QUERY);

/** The list query, as the list route reads and documents it; ./list-query.ts parses `filter` and `sort`. */
export const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'string', description: 'MongoDB query document as JSON; $where, $function, $accumulator and $expr are refused' },
    sort: { type: 'string', description: 'MongoDB sort document as JSON, values 1 or -1' },
    limit: { type: 'integer', minimum: 1, maximum: 500, description: 'at most this many records (50 unless given)' },
    skip: { type: 'integer', minimum: 0 },
    // Names checked by ./record-include.ts.
    include: { type: 'string', description: 'comma-separated extras for each record: `reminders` (the overdue reminders of its stage and the next one armed), `automations` (how many of its effects are still to run, and failed for good)' },
    sum: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', description: 'a number field of the entity: the response adds `sum`, its total over every record the filter selects' },
  },
} as const;

export const readListQuery = queryReader<{ filter?: string; sort?: string; limit?: number; skip?: number; include?: string; sum?: string }>(LIST_QUERY);
