/** Built-in actions: data changes applied in the commit, and effects run from the outbox. */
import type { DataActionDefinition, EffectActionDefinition, RecordData } from '../../../plugins/contract.js';
import type { Labels } from '../../../definitions/definition.js';
import { UserError } from '../../../errors.js';
import { readField } from '../field-path.js';

const setField: DataActionDefinition<{ field: string; value?: unknown; fromEvent?: string; now?: boolean }> = {
  kind: 'data',
  description: "Set a field to a value, to a value of the event ('payload.email', 'data.amount'), or to the current time; with fromEvent and now, the event's value, else the current time; an event without the value (and no now) leaves the field as it is.",
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
    if (fromEvent !== undefined) {
      const found = readField({ ...event }, fromEvent);
      if (found !== undefined) return { [field]: found };
      return now ? { [field]: new Date().toISOString() } : {};
    }
    if (now) return { [field]: new Date().toISOString() };
    return { [field]: value };
  },
};

const incrementField: DataActionDefinition<{ field: string; by?: number; fromEvent?: string }> = {
  kind: 'data',
  description: "Add a number to a numeric field (missing counts as 0): 1, `by`, or a number of the event (fromEvent: 'payload.amount'; none there adds nothing).",
  paramsSchema: {
    type: 'object',
    required: ['field'],
    additionalProperties: false,
    properties: { field: { type: 'string', minLength: 1 }, by: { type: 'number' }, fromEvent: { type: 'string', minLength: 1 } },
  },
  apply({ data, event }, { field, by = 1, fromEvent }) {
    const current = data[field];
    const read = fromEvent === undefined ? by : readField({ ...event }, fromEvent);
    const amount = typeof read === 'number' && Number.isFinite(read) ? read : 0;
    return { [field]: (typeof current === 'number' ? current : 0) + amount };
  },
};

const fieldMap = { type: 'object', additionalProperties: { type: 'string', minLength: 1 } };

/** `{theirField: ourPath}` → the values found at our paths, under their names (missing ones left out). */
function mapFields(map: Record<string, string>, source: Record<string, unknown>): RecordData {
  const out: RecordData = {};
  for (const [target, path] of Object.entries(map)) {
    const value = readField(source, path);
    if (value !== undefined) out[target] = value;
  }
  return out;
}

const createRecord: EffectActionDefinition<{
  entity: string;
  data?: RecordData;
  copy?: Record<string, string>;
  fromEvent?: Record<string, string>;
  link?: string;
  backLink?: string;
  ownerFrom?: string;
  assign?: 'rules';
}> = {
  kind: 'effect',
  description:
    'Create a record of another entity: fixed data, fields copied from this record (copy: {theirField: ourField}) or from the event (fromEvent: {theirField: "payload.x"}); link puts our id in their field, backLink their id in ours; the new record has our owner, or the user id in our field ownerFrom when it is filled, or (assign: "rules") whoever the assignment rules name for it (records shared among a team in turn), our owner when they name nobody.',
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
      ownerFrom: { type: 'string', minLength: 1 },
      assign: { enum: ['rules'] },
    },
  },
  async run(ctx, { entity, data = {}, copy = {}, fromEvent = {}, link, backLink, ownerFrom, assign }) {
    const created: RecordData = { ...data, ...mapFields(copy, ctx.record.data), ...mapFields(fromEvent, { ...ctx.event }) };
    if (link) created[link] = ctx.record.id;
    // Hand-overs (a target assigned to a sales person) give the new record to that person.
    const assignee = ownerFrom === undefined ? undefined : readField(ctx.record.data, ownerFrom);
    const owner = typeof assignee === 'string' && assignee !== '' ? assignee : ctx.record.owner;
    // The link back lands in the same commit as the record (after it, when the rules assign it).
    await ctx.createRecord(entity, { data: created, owner, handler: ctx.record.handler, ...(assign ? { assign } : {}), ...(backLink ? { backLink } : {}) });
  },
};

const sendEvent: EffectActionDefinition<{
  entity: string;
  event: string;
  idField?: string;
  linkedBy?: string;
  copy?: Record<string, string>;
  payload?: Record<string, string>;
}> = {
  kind: 'effect',
  description:
    'Send an event to related records: the one whose id is in our field idField, or every one whose field linkedBy holds our id; copy: {theirField: ourField} sends fields of ours as the event data (written into their record); payload: {name: ourField} sends them as facts their actions read (payload.name).',
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
      copy: fieldMap,
      payload: fieldMap,
    },
  },
  async run(ctx, { entity, idField, linkedBy, event, copy, payload }) {
    const sent = {
      type: event,
      ...(copy ? { data: mapFields(copy, ctx.record.data) } : {}),
      ...(payload ? { payload: mapFields(payload, ctx.record.data) } : {}),
    };
    if (idField !== undefined) {
      const id = readField(ctx.record.data, idField);
      if (typeof id !== 'string' || id === '') throw new Error(`Field ${idField} holds no ${entity} id`);
      await ctx.sendEvent(entity, id, sent);
      return;
    }
    const related = await ctx.findRecords(entity, { [`data.${linkedBy}`]: ctx.record.id });
    for (const other of related) {
      try {
        await ctx.sendEvent(entity, other.id, sent);
      } catch (error) {
        // Fan-out reaches the related records whose stage accepts the event; the rest keep their stage.
        if (!(error instanceof UserError && error.code === 'event-not-allowed')) throw error;
      }
    }
  },
};

const notify: EffectActionDefinition<{ to: string; message: Labels }> = {
  kind: 'effect',
  description: "Put a message in the inbox of the record's owner, handler, the actor, a user id, or every user of a role (role:manager).",
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
    const user = notifyRecipient(to, ctx.record, ctx.actor);
    // A record with nobody in that role has nobody to tell: nothing to do, not a failure.
    if (!user) return;
    await ctx.notify(user, message, { entity: ctx.record.entity, id: ctx.record.id });
  },
};

/**
 * Whom `notify {to}` tells about a record: its owner, its handler, the actor, or `to` itself
 * (a user id, or `role:<role>`, resolved to its users on delivery); undefined: nobody (a
 * record without an owner, say).
 */
export function notifyRecipient(to: string, record: { owner?: string; handler?: string }, actor: string): string | undefined {
  return to === 'owner' ? record.owner : to === 'handler' ? record.handler : to === 'actor' ? actor : to;
}

export const builtinActions = { setField, incrementField, createRecord, sendEvent, notify };
