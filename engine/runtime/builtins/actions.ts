/** Built-in actions: data changes applied in the commit, and effects run from the outbox. */
import type { DataActionDefinition, EffectActionDefinition, RecordData } from '../../plugins/contract.js';
import type { Labels } from '../../definitions/definition.js';
import { UserError } from '../../errors.js';
import { readField } from '../field-path.js';

const setField: DataActionDefinition<{ field: string; value?: unknown; fromEvent?: string; now?: boolean }> = {
  kind: 'data',
  description: "Set a field to a value, to a value of the event ('payload.email', 'data.amount'), or to the current time.",
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
    if (fromEvent !== undefined) return { [field]: readField({ ...event }, fromEvent) };
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

const fieldMap = { type: 'object', additionalProperties: { type: 'string', minLength: 1 } };

const createRecord: EffectActionDefinition<{
  entity: string;
  data?: RecordData;
  copy?: Record<string, string>;
  fromEvent?: Record<string, string>;
  link?: string;
  backLink?: string;
}> = {
  kind: 'effect',
  description:
    'Create a record of another entity: fixed data, fields copied from this record (copy: {theirField: ourField}) or from the event (fromEvent: {theirField: "payload.x"}); link puts our id in their field, backLink their id in ours.',
  paramsSchema: {
    type: 'object',
    required: ['entity'],
    additionalProperties: false,
    properties: {
      entity: { type: 'string', minLength: 1 },
      data: { type: 'object' },
      copy: fieldMap,
      fromEvent: fieldMap,
      link: { type: 'string', minLength: 1 },
      backLink: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx, { entity, data = {}, copy = {}, fromEvent = {}, link, backLink }) {
    const created: RecordData = { ...data };
    const copyInto = (map: Record<string, string>, source: Record<string, unknown>) => {
      for (const [target, path] of Object.entries(map)) {
        const value = readField(source, path);
        if (value !== undefined) created[target] = value;
      }
    };
    copyInto(copy, ctx.record.data);
    copyInto(fromEvent, { ...ctx.event });
    if (link) created[link] = ctx.record.id;
    const { id } = await ctx.createRecord(entity, { data: created, owner: ctx.record.owner, handler: ctx.record.handler });
    if (backLink) await ctx.updateSelf({ [backLink]: id });
  },
};

const sendEvent: EffectActionDefinition<{ entity: string; event: string; idField?: string; linkedBy?: string }> = {
  kind: 'effect',
  description:
    'Send an event to related records: the one whose id is in our field idField, or every one whose field linkedBy holds our id.',
  paramsSchema: {
    type: 'object',
    required: ['entity', 'event'],
    additionalProperties: false,
    oneOf: [{ required: ['idField'] }, { required: ['linkedBy'] }],
    properties: {
      entity: { type: 'string', minLength: 1 },
      event: { type: 'string', minLength: 1 },
      idField: { type: 'string', minLength: 1 },
      linkedBy: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx, { entity, idField, linkedBy, event }) {
    if (idField !== undefined) {
      const id = readField(ctx.record.data, idField);
      if (typeof id !== 'string' || id === '') throw new Error(`Field ${idField} holds no ${entity} id`);
      await ctx.sendEvent(entity, id, { type: event });
      return;
    }
    const related = await ctx.findRecords(entity, { [`data.${linkedBy}`]: ctx.record.id });
    for (const other of related) {
      try {
        await ctx.sendEvent(entity, other.id, { type: event });
      } catch (error) {
        // Fan-out reaches the related records whose stage accepts the event; the rest keep their stage.
        if (!(error instanceof UserError && error.code === 'event-not-allowed')) throw error;
      }
    }
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
