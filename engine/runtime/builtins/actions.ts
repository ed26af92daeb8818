/** Built-in actions: data changes applied in the commit, and effects run from the outbox. */
import type { DataActionDefinition, EffectActionDefinition, RecordData } from '../../plugins/contract.js';
import type { Labels } from '../../definitions/definition.js';
import { readField } from '../field-path.js';

const setField: DataActionDefinition<{ field: string; value?: unknown; fromEvent?: string; now?: boolean }> = {
  kind: 'data',
  description: "Set a field to a value, to a field of the event's data, or to the current time.",
  paramsSchema: {
    type: 'object',
    required: ['field'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', minLength: 1 },
      value: {},
      fromEvent: { type: 'string', minLength: 1 },
      now: { type: 'boolean' },
    },
  },
  apply({ event }, { field, value, fromEvent, now }) {
    if (now) return { [field]: new Date().toISOString() };
    if (fromEvent !== undefined) return { [field]: event.data ? readField(event.data, fromEvent) : undefined };
    return { [field]: value };
  },
};

const incrementField: DataActionDefinition<{ field: string; by?: number }> = {
  kind: 'data',
  description: 'Add a number to a numeric field (missing counts as 0).',
  paramsSchema: {
    type: 'object',
    required: ['field'],
    additionalProperties: false,
    properties: { field: { type: 'string', minLength: 1 }, by: { type: 'number' } },
  },
  apply({ data }, { field, by = 1 }) {
    const current = data[field];
    return { [field]: (typeof current === 'number' ? current : 0) + by };
  },
};

const createRecord: EffectActionDefinition<{
  entity: string;
  data?: RecordData;
  copy?: Record<string, string>;
  link?: string;
}> = {
  kind: 'effect',
  description: 'Create a record of another entity, copying fields and linking it back to this record.',
  paramsSchema: {
    type: 'object',
    required: ['entity'],
    additionalProperties: false,
    properties: {
      entity: { type: 'string', minLength: 1 },
      data: { type: 'object' },
      copy: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      link: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx, { entity, data = {}, copy = {}, link }) {
    const created: RecordData = { ...data };
    for (const [target, source] of Object.entries(copy)) {
      const value = readField(ctx.record.data, source);
      if (value !== undefined) created[target] = value;
    }
    if (link) created[link] = ctx.record.id;
    await ctx.createRecord(entity, { data: created, owner: ctx.record.owner, handler: ctx.record.handler });
  },
};

const sendEvent: EffectActionDefinition<{ entity: string; idField: string; event: string }> = {
  kind: 'effect',
  description: 'Send an event to a related record whose id is held in a field of this record.',
  paramsSchema: {
    type: 'object',
    required: ['entity', 'idField', 'event'],
    additionalProperties: false,
    properties: {
      entity: { type: 'string', minLength: 1 },
      idField: { type: 'string', minLength: 1 },
      event: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx, { entity, idField, event }) {
    const id = readField(ctx.record.data, idField);
    if (typeof id !== 'string' || id === '') throw new Error(`Field ${idField} holds no ${entity} id`);
    await ctx.sendEvent(entity, id, { type: event });
  },
};

const notify: EffectActionDefinition<{ to: string; message: Labels }> = {
  kind: 'effect',
  description: "Put a message in a user's inbox: the record's owner, handler, the actor, or a user id.",
  paramsSchema: {
    type: 'object',
    required: ['to', 'message'],
    additionalProperties: false,
    properties: {
      to: { type: 'string', minLength: 1 },
      message: {
        type: 'object',
        required: ['vi', 'en'],
        additionalProperties: false,
        properties: { vi: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
      },
    },
  },
  async run(ctx, { to, message }) {
    const user = to === 'owner' ? ctx.record.owner : to === 'handler' ? ctx.record.handler : to === 'actor' ? ctx.actor : to;
    // A record with nobody in that role has nobody to tell: nothing to do, not a failure.
    if (!user) return;
    await ctx.notify(user, message, { entity: ctx.record.entity, id: ctx.record.id });
  },
};

export const builtinActions = { setField, incrementField, createRecord, sendEvent, notify };
