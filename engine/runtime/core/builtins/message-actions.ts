/**
 * Actions that send messages through channels (DESIGN.md decision 10): one message to a
 * person (a payment reminder, a birthday greeting), or a bulk send of a record's own
 * content to a saved segment (a marketing send). Both run from the outbox, after commit.
 */
import { filterIssues } from '../../../definitions/filter-shape.js';
import { UserError } from '../../../errors.js';
import type { EffectActionDefinition, MessagePurpose } from '../../../plugins/contract.js';
import { readField } from '../field-path.js';

const name = { type: 'string', minLength: 1 };

const sendMessage: EffectActionDefinition<{ channel: string; template: string; to: string; purpose?: MessagePurpose }> = {
  kind: 'effect',
  description:
    'Send a message through a channel (email, sms…) with a pack template to a person: the record itself (to: "self"), the person a reference field names (to: "accountId"), or staff by the address on their profile: the record\'s "owner" or "handler", or every active user of a role ("role:accountant"). Marketing messages skip people who opted out; nobody without an address on that channel gets one.',
  paramsSchema: {
    type: 'object',
    required: ['channel', 'template', 'to'],
    additionalProperties: false,
    properties: { channel: name, template: name, to: name, purpose: { enum: ['marketing', 'transactional'] } },
  },
  async run(ctx, { channel, template, to, purpose }) {
    const options = { channel, template, ...(purpose ? { purpose } : {}) };
    if (to.startsWith('role:')) return void (await ctx.sendMessage({ ...options, to: { role: to.slice('role:'.length) } }));
    if (to === 'owner' || to === 'handler') {
      const user = to === 'owner' ? ctx.record.owner : ctx.record.handler;
      if (user) await ctx.sendMessage({ ...options, to: { user } });
      return;
    }
    const id = to === 'self' ? ctx.record.id : readField(ctx.record.data, to);
    // Nobody named: nobody to write to, not a failure.
    if (typeof id !== 'string' || id === '') return;
    await ctx.sendMessage({ ...options, to: { id } });
  },
};

interface Audience {
  entity: string;
  filter: Record<string, unknown>;
  segment?: string;
}

function readAudience(value: unknown, field: string): Audience {
  const audience = value as Partial<Audience> | undefined;
  if (!audience || typeof audience.entity !== 'string' || typeof audience.filter !== 'object' || audience.filter === null || Array.isArray(audience.filter)) {
    throw new UserError('invalid-request', `Field ${field} names no audience: choose a saved segment first`, { issues: [{ pointer: `/${field}`, message: 'choose a saved segment' }] });
  }
  const issues = filterIssues(audience.filter, `/${field}/filter`);
  if (issues.length > 0) throw new UserError('invalid-request', `The audience's filter cannot be used: ${issues.map((i) => i.message).join('; ')}`, { issues });
  return { entity: audience.entity, filter: audience.filter, ...(typeof audience.segment === 'string' ? { segment: audience.segment } : {}) };
}

const sendBulk: EffectActionDefinition<{
  channelField: string;
  audienceField: string;
  bodyField: string;
  subjectField?: string;
  onOpen?: string;
  onClick?: string;
  countField?: string;
  rateField?: string;
}> = {
  kind: 'effect',
  description:
    "Send this record's message (bodyField, subjectField) through the channel in channelField to every person of the audience in audienceField ({entity, filter, segment}, a saved segment), throttled, once each; first opens and clicks send onOpen / onClick to this record.",
  paramsSchema: {
    type: 'object',
    required: ['channelField', 'audienceField', 'bodyField'],
    additionalProperties: false,
    properties: { channelField: name, audienceField: name, bodyField: name, subjectField: name, onOpen: name, onClick: name, countField: name, rateField: name },
  },
  async run(ctx, { channelField, audienceField, bodyField, subjectField, onOpen, onClick, countField, rateField }) {
    const data = ctx.record.data;
    const channel = readField(data, channelField);
    if (typeof channel !== 'string' || channel === '') throw new UserError('invalid-request', `Field ${channelField} names no channel`);
    const body = readField(data, bodyField);
    if (typeof body !== 'string' || body.trim() === '') throw new UserError('invalid-request', `Field ${bodyField} holds no message to send`);
    const subject = subjectField ? readField(data, subjectField) : undefined;
    const rate = rateField ? readField(data, rateField) : undefined;
    await ctx.startBulkSend({
      channel,
      purpose: 'marketing',
      content: { body, ...(typeof subject === 'string' ? { subject } : {}) },
      audience: readAudience(readField(data, audienceField), audienceField),
      ...(onOpen || onClick ? { track: { ...(onOpen ? { open: onOpen } : {}), ...(onClick ? { click: onClick } : {}) } } : {}),
      ...(countField ? { countField } : {}),
      ...(typeof rate === 'number' && rate > 0 ? { rate } : {}),
    });
  },
};

const sendReply: EffectActionDefinition<{ textFrom?: string }> = {
  kind: 'effect',
  description: "Reply in this conversation through its channel (Messenger, Zalo) to the person who wrote: the text of the event (payload.text).",
  paramsSchema: { type: 'object', additionalProperties: false, properties: { textFrom: name } },
  async run(ctx, { textFrom = 'payload.text' }) {
    const text = readField({ ...ctx.event }, textFrom);
    if (typeof text !== 'string' || text.trim() === '') throw new UserError('invalid-request', 'The reply has no text', { issues: [{ pointer: `/${textFrom.replace(/\./g, '/')}`, message: 'is empty' }] });
    await ctx.sendReply({ text: text.trim() });
  },
};

export const messageActions = { sendMessage, sendBulk, sendReply };
