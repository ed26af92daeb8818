/**
 * The OpenAPI schemas of one entity, from its definition: the entity's JSON Schema becomes
 * `<Name>Data`, its machine's events the enum of the event body's `type`. Its paths are the
 * record routes' contracts, documented once per entity (./contract.ts `perEntity`).
 */
import type { EntityDefinition, StateConfig } from '../definitions/definition.js';
import { ANY_EVENT_TYPE, ref, STATE_VALUE } from './openapi-common.js';

type Json = Record<string, unknown>;

/** `travel-request` → `TravelRequest`. */
export function schemaName(entity: string): string {
  return entity.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

/**
 * A copy of an entity schema placed at `#/components/schemas/<name>`. Without its own
 * `$id`, its local `$ref`s ("#/$defs/x") would resolve against the OpenAPI document, so
 * they are rewritten to point inside the component.
 */
function embedSchema(schema: Json, name: string): Json {
  if (typeof schema.$id === 'string') return schema;
  const base = `#/components/schemas/${name}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${base}${v.slice(1)}` : rewrite(v),
      ]),
    );
  };
  return rewrite(schema) as Json;
}

/** Every event type and activity id the machine names, at any depth. */
export function machineNames(definition: EntityDefinition): { events: string[]; activities: string[] } {
  const events = new Set(Object.keys(definition.machine.on ?? {}));
  const activities = new Set<string>();
  const visit = (states: Record<string, StateConfig> | undefined) => {
    for (const state of Object.values(states ?? {})) {
      for (const type of Object.keys(state.on ?? {})) events.add(type);
      for (const activity of state.meta?.activities ?? []) activities.add(activity.id);
      visit(state.states);
    }
  };
  visit(definition.machine.states);
  const external = [...events].filter((t) => t !== '*' && !t.startsWith('xstate.'));
  return { events: external.sort(), activities: [...activities].sort() };
}

const VERSION = { type: 'integer', minimum: 1 };

/** A record of any entity, its data left open: what the web app's generic pages read. */
export function anyRecordSchema(): Json {
  const schema = recordSchema('');
  return { ...schema, properties: { ...(schema.properties as Json), data: { type: 'object', additionalProperties: true } } };
}

/** A page of records whose items are `items`. */
export const recordPage = (items: Json): Json => ({
  type: 'object',
  required: ['items', 'total', 'limit', 'skip'],
  properties: { items: { type: 'array', items }, total: { type: 'integer' }, sum: { type: 'number', description: 'Only with ?sum=' }, limit: { type: 'integer' }, skip: { type: 'integer' } },
});

const items = (of: Json): Json => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: of } } });

/**
 * What the routes under /records answer for any entity: a page of records (each entity's
 * list is documented with its own record schema), a picker's choices, a timeline, an import.
 */
export const recordAnswerSchemas: Json = {
  RecordPage: recordPage(ref('AnyRecord')),
  RecordChoices: items(ref('RecordSummary')),
  Timeline: { ...items(ref('TimelineEntry')), description: 'The event log, oldest first' },
  ImportChecked: { type: 'object', required: ['dryRun', 'valid'], properties: { dryRun: { const: true }, valid: { type: 'integer', description: 'rows checked' } } },
  ImportDone: { type: 'object', required: ['imported', 'ids'], properties: { imported: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' } } } },
};

function recordSchema(name: string): Json {
  return {
    type: 'object',
    required: ['id', 'entity', 'definitionVersion', 'state', 'stateValue', 'status', 'data', 'activitiesDone', 'version', 'createdAt', 'updatedAt', 'stageEnteredAt', 'allowedEvents'],
    properties: {
      id: { type: 'string' },
      entity: { type: 'string' },
      definitionVersion: { type: 'integer' },
      state: { type: 'string', description: 'Dotted path of the current stage' },
      stateValue: STATE_VALUE,
      status: { enum: ['active', 'done'] },
      data: ref(`${name}Data`),
      title: { type: 'string', description: 'what names it for people (its x-title fields, or title, name, fullName, or its first filled required text field); absent when none is filled' },
      activitiesDone: { type: 'array', items: { type: 'string' } },
      owner: { type: 'string' },
      handler: { type: 'string' },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      stageEnteredAt: { type: 'string', format: 'date-time', description: 'When the record entered its current stage' },
      allowedEvents: { type: 'array', items: ref('AllowedEvent') },
      reminders: { ...ref('RecordReminders'), description: 'Only with ?include=reminders' },
      automations: { type: 'object', description: 'Only with ?include=automations: effects still to run and effects that failed for good', required: ['pending', 'failed'], properties: { pending: { type: 'integer' }, failed: { type: 'integer' } } },
    },
  };
}

/**
 * The component schemas of one entity.
 * @example const { schemas } = entityOpenApi(dealDefinition, 'Deal');
 */
export function entityOpenApi(definition: EntityDefinition, name: string): { schemas: Json } {
  const { events } = machineNames(definition);

  const schemas: Json = {
    [`${name}Data`]: embedSchema(definition.schema, `${name}Data`),
    [`${name}Record`]: recordSchema(name),
    [`${name}Event`]: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: events.length > 0 ? { enum: events } : ANY_EVENT_TYPE,
        data: { type: 'object', description: 'Fields merged into the record data before guards run.' },
        payload: { type: 'object', description: 'Facts about the event itself: seen by guards and actions, not stored in the data.' },
        version: VERSION,
      },
    },
  };
  return { schemas };
}
