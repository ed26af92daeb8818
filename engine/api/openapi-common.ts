/**
 * The parts of the OpenAPI document that do not depend on definitions: shared schemas
 * (Problem, AllowedEvent, …), response helpers, and the definitions/registry/health paths.
 */
import { securitySchemes as authSchemes } from './auth.js';
import { DEFINITION_INPUT, EVENT_TYPE } from './request-schemas.js';
import { ENTITY_NAME, RECORD_ID } from './validate-request.js';

type Json = Record<string, unknown>;

/** `{ $ref: '#/components/schemas/<name>' }` */
export function ref(name: string): Json {
  return { $ref: `#/components/schemas/${name}` };
}

/** `{ $ref: '#/components/parameters/<name>' }` */
export function paramRef(name: string): Json {
  return { $ref: `#/components/parameters/${name}` };
}

/** A JSON response with a schema. */
export function jsonResponse(description: string, schema: Json): Json {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body. */
export function jsonBody(schema: Json): Json {
  return { required: true, content: { 'application/json': { schema } } };
}

/** Problem responses for the given statuses, each described by the codes it may carry. */
export function problems(statuses: Record<number, string>): Json {
  const content = { 'application/problem+json': { schema: ref('Problem') } };
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [status, { description, content }]),
  );
}

/** Every route but signing in needs a session: a bearer token or the session cookie. */
export const WRITE_SECURITY = [{ bearer: [] }, { sessionCookie: [] }];

const LABELS = {
  type: 'object',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
};
/** A record's XState state value. */
export const STATE_VALUE = { description: 'XState state value: the stage key, or an object of nested keys', anyOf: [{ type: 'string' }, { type: 'object' }] };

const ISSUE = {
  type: 'object',
  required: ['pointer', 'message'],
  properties: { pointer: { type: 'string' }, message: { type: 'string' }, file: { type: 'string', description: 'the pack file the pointer is into, when the issue is about a file (a draft: `<entity>.schema.json`, `<entity>.machine.json`)' } },
};

/** Schemas every document shares. */
export const sharedSchemas: Json = {
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details; `type` is urn:tourflow:problem:<code>. Extra members (reasons, acceptedEvents, currentVersion, …) depend on the code.',
    required: ['type', 'title', 'status', 'detail', 'instance'],
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      errors: { type: 'array', items: ISSUE },
      labels: { ...LABELS, description: 'The refusal in both languages, for people, when the detail names keys or ids' },
    },
  },
  Labels: LABELS,
  Issue: ISSUE,
  AllowedEvent: {
    type: 'object',
    required: ['type', 'enabled', 'reasons'],
    properties: {
      type: { type: 'string' },
      labels: ref('Labels'),
      target: { type: 'string' },
      enabled: { type: 'boolean' },
      reasons: { type: 'array', items: ref('Labels') },
      missingFields: { type: 'array', items: { type: 'string' }, description: 'Fields the target stage requires that the record lacks: send them as the event’s data' },
      senders: { description: 'Who may send it, when the pack says (pack.json `events`)' },
    },
  },
  TimelineEntry: {
    type: 'object',
    required: ['_id', 'recordId', 'entity', 'version', 'type', 'kind', 'actor', 'at'],
    properties: {
      _id: { type: 'string' },
      recordId: { type: 'string' },
      entity: { type: 'string' },
      version: { type: 'integer' },
      type: { type: 'string' },
      kind: {
        enum: ['created', 'event', 'updated', 'assigned', 'deleted', 'activity', 'effect', 'effect-failed', 'timer', 'reminder', 'message', 'migrated'],
      },
      from: { type: 'string' },
      to: { type: 'string' },
      payload: { type: 'object' },
      actor: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
      guards: { type: 'array', description: 'The guards evaluated for this step and their verdicts', items: { type: 'object', required: ['guard', 'ok'], properties: { guard: { type: 'string' }, ok: { type: 'boolean' } } } },
      effect: {
        type: 'object',
        description: 'For effect entries: the outbox entry and its error',
        required: ['id', 'action', 'attempts'],
        properties: { id: { type: 'string' }, action: { type: 'string' }, attempts: { type: 'integer' }, error: { type: 'string' }, code: { type: 'string' }, final: { type: 'boolean' } },
      },
    },
  },
  DefinitionSummary: {
    type: 'object',
    description: 'The latest version of an entity, as the list of pipelines shows it.',
    required: ['entity', 'version', 'pack', 'labels', 'hash', 'createdAt'],
    properties: {
      entity: { type: 'string' },
      version: { type: 'integer' },
      pack: { type: 'string' },
      labels: ref('Labels'),
      hash: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  DefinitionVersion: {
    type: 'object',
    description: 'One version of an entity in its history, without schema and machine.',
    required: ['entity', 'version', 'pack', 'hash', 'createdAt', 'createdBy'],
    properties: {
      entity: { type: 'string' },
      version: { type: 'integer' },
      pack: { type: 'string' },
      hash: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      createdBy: { type: 'string' },
      summary: { type: 'string' },
    },
  },
  Definition: {
    type: 'object',
    required: ['entity', 'version', 'pack', 'hash', 'schema', 'machine', 'createdAt', 'createdBy'],
    properties: {
      entity: { type: 'string' },
      version: { type: 'integer' },
      pack: { type: 'string' },
      hash: { type: 'string' },
      schema: { type: 'object', description: 'JSON Schema 2020-12 of the record data' },
      machine: { type: 'object', description: 'XState v5 machine config as JSON' },
      createdAt: { type: 'string', format: 'date-time' },
      createdBy: { type: 'string' },
      summary: { type: 'string' },
    },
  },
  DefinitionInput: DEFINITION_INPUT,
  RegistryEntry: {
    type: 'object',
    required: ['name', 'description', 'paramsSchema', 'source'],
    properties: {
      name: { type: 'string' },
      description: { type: 'string' },
      paramsSchema: { type: 'object' },
      source: { type: 'string' },
      kind: { enum: ['data', 'effect'] },
    },
  },
};

export const sharedParameters: Json = {
  Entity: { name: 'entity', in: 'path', required: true, schema: ENTITY_NAME },
  Id: { name: 'id', in: 'path', required: true, schema: RECORD_ID },
  Version: { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'The record ETag ("<version>") the delete expects',
  },
  Filter: {
    name: 'filter',
    in: 'query',
    required: false,
    schema: { type: 'string' },
    description: 'MongoDB query document as JSON; $where, $function, $accumulator and $expr are refused',
  },
  Sort: {
    name: 'sort',
    in: 'query',
    required: false,
    schema: { type: 'string' },
    description: 'MongoDB sort document as JSON, values 1 or -1',
  },
  Limit: {
    name: 'limit',
    in: 'query',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  Skip: { name: 'skip', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
};

export const securitySchemes: Json = { ...authSchemes };

/** The event type rule, for entities whose machine names no event. */
export const ANY_EVENT_TYPE: Json = { type: 'string', pattern: EVENT_TYPE.pattern };
