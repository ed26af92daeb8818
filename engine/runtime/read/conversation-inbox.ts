/**
 * The one inbox of conversations (pack.json `inbox`), read side: threads, one per customer
 * across channels (conversations tied to the same customer record by the `customer` fields
 * are one thread), newest first, with unread counts per reader, the reply window of each,
 * and a thread's messages merged in time order: what the person wrote (the inbox event),
 * what staff replied (the reply event) with what became of it (sent, failed and why), and
 * the messages the linked customer got on other channels (email, SMS) or sent through the
 * website (the records' own events). Read markers are kept per reader and conversation
 * (collection `conversation-reads`), as the conversation's message count seen.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { Labels } from '../../definitions/definition.js';
import { UserError } from '../../errors.js';
import type { Filter, Store } from '../../store/store.js';
import { EVENTS, RECORDS, CONVERSATION_READS } from '../../collections.js';
import type { InboxDecl } from '../services/index.js';
import type { EventLogDoc, RecordDoc } from '../core/index.js';

const WEBSITE: Labels = { vi: 'Gửi qua form trên website', en: 'Sent through the website form' };

export type ThreadView = 'all' | 'mine' | 'unassigned';

export interface ThreadQuery {
  view: ThreadView;
  /** A value of the conversation's channel field (zalo, facebook). */
  channel?: string;
  /** Open threads (not in a final stage), or closed ones. */
  status: 'open' | 'closed';
  limit: number;
}

const REF = { type: 'object', additionalProperties: false, required: ['entity', 'id'], properties: { entity: { type: 'string' }, id: { type: 'string' } } } as const;

const LABELS = { type: 'object', additionalProperties: false, required: ['vi', 'en'], properties: { vi: { type: 'string' }, en: { type: 'string' } } } as const;

const REPLY_WINDOW = {
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'open'],
  properties: {
    channel: { type: 'string', description: 'the channel value of the conversation replies go to' },
    hours: { type: 'number' },
    closesAt: { type: 'string', format: 'date-time', description: 'when free replies stop (the person’s last message plus the window)' },
    open: { type: 'boolean', description: 'a reply can go now (within the window, or by the fallback)' },
    fallback: { type: 'string', description: 'what replies become after the window (ZNS); none: refused' },
  },
} as const;

/** A thread as the inbox lists it: the one declaration of its shape (the API documents it with this schema). */
export const THREAD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'conversations', 'channels', 'lastMessageAt', 'unread', 'stage', 'reply'],
  properties: {
    id: { type: 'string', description: 'the conversation replies go to (the one the person wrote to last)' },
    conversations: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['id', 'channel', 'stage'], properties: { id: { type: 'string' }, channel: { type: 'string' }, stage: { type: 'string' } } } },
    customer: { ...REF, description: 'the customer record the thread is tied to, when it is' },
    name: { type: 'string' },
    phone: { type: 'string' },
    channels: { type: 'array', items: { type: 'string' } },
    lastMessage: { type: 'string' },
    lastMessageAt: { type: 'string', format: 'date-time' },
    unread: { type: 'integer', description: 'messages the reader has not seen' },
    assignee: { type: 'string' },
    owner: { type: 'string' },
    stage: { type: 'string' },
    reply: REPLY_WINDOW,
  },
} as const;

/** One message of a thread: the one declaration of its shape (the API documents it with this schema). */
export const THREAD_MESSAGE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'direction', 'channel', 'text', 'at', 'record'],
  properties: {
    id: { type: 'string' },
    direction: { enum: ['in', 'out'] },
    channel: { type: 'string', description: 'a conversation channel value (zalo, facebook), a channel name (email, sms), or the website' },
    text: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string', description: 'staff who wrote it' },
    status: { enum: ['sending', 'sent', 'delivered', 'failed', 'skipped'], description: 'outbound: what became of it' },
    reason: { type: 'string' },
    record: { ...REF, description: 'which record it belongs to' },
    label: { ...LABELS, description: 'a website submission or an event on the customer’s record: what it was' },
  },
} as const;

export type ReplyWindowView = FromSchema<typeof REPLY_WINDOW>;
export type ThreadSummary = FromSchema<typeof THREAD_SCHEMA>;
export type ThreadMessage = FromSchema<typeof THREAD_MESSAGE_SCHEMA>;

export interface ThreadList {
  items: ThreadSummary[];
  /** Unread messages of every thread the query matched. */
  unread: number;
  /** The entity of conversations (none: the packs declare no inbox, and the list is empty), the event replies are sent with, and the fields the engine keeps (not for people to edit). */
  entity?: string;
  replyEvent?: string;
  systemFields: string[];
  /** The conversation's field that names its channel. */
  channelField: string;
}

export interface ConversationQueries {
  /** Threads the reader sees (`scope`: their visibility filter on records). */
  conversationThreads(user: string, scope: Filter | undefined, query: ThreadQuery): Promise<ThreadList>;
  /** One thread, by any of its conversations, with its messages. */
  conversationThread(user: string, scope: Filter | undefined, id: string, customerVisible: (ref: { entity: string; id: string }) => Promise<boolean>): Promise<{ thread: ThreadSummary; messages: ThreadMessage[] }>;
  /** Mark the thread's conversations read for the reader. */
  conversationRead(user: string, scope: Filter | undefined, id: string): Promise<{ unread: number }>;
  /** The entity of conversations (pack.json `inbox`), if a pack declares one. */
  conversationEntity(): string | undefined;
}

interface ReadDoc {
  _id: string;
  user: string;
  conversation: string;
  seen: number;
  version: number;
  [key: string]: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function conversationQueries(deps: { store: Store; inbox: InboxDecl | undefined; isFinal: (entity: string, stage: string) => Promise<boolean> }): ConversationQueries {
  const { store, inbox } = deps;
  let indexed: Promise<void> | undefined;
  const ready = () => (indexed ??= store.ensureIndex(CONVERSATION_READS, ['user']));

  function decl(): InboxDecl {
    if (!inbox) throw new UserError('not-found', 'The packs declare no inbox: there are no conversations');
    return inbox;
  }

  const field = (doc: RecordDoc, name: string | undefined) => (name === undefined ? undefined : doc.data[name]);

  /** The customer record a conversation is tied to (its first `customer` field that is set). */
  function customerOf(doc: RecordDoc): { entity: string; id: string } | undefined {
    for (const ref of decl().customer ?? []) {
      const id = text(doc.data[ref.field]);
      if (id) return { entity: ref.entity, id };
    }
    return undefined;
  }

  async function seenBy(user: string, ids: string[]): Promise<Map<string, number>> {
    await ready();
    const reads = await store.find<ReadDoc>(CONVERSATION_READS, { user, conversation: { $in: ids } });
    return new Map(reads.map((r) => [r.conversation, r.seen]));
  }

  /** Threads of these conversations: grouped by customer, the latest first. */
  async function summarize(user: string, docs: RecordDoc[]): Promise<ThreadSummary[]> {
    const { fields } = decl();
    const seen = await seenBy(user, docs.map((d) => d._id));
    const lastAt = (doc: RecordDoc) => text(field(doc, fields.lastInboundAt)) ?? doc.updatedAt;
    const groups = new Map<string, RecordDoc[]>();
    for (const doc of [...docs].sort((a, b) => lastAt(b).localeCompare(lastAt(a)))) {
      const customer = customerOf(doc);
      const key = customer ? `${customer.entity}:${customer.id}` : doc._id;
      groups.set(key, [...(groups.get(key) ?? []), doc]);
    }
    return [...groups.values()].map((group) => {
      const [head] = group as [RecordDoc, ...RecordDoc[]];
      const channelOf = (doc: RecordDoc) => text(field(doc, fields.channel)) ?? '';
      const hours = number(field(head, fields.replyWindowHours));
      const last = text(field(head, fields.lastInboundAt));
      const closesAt = hours !== undefined && hours > 0 && last ? new Date(Date.parse(last) + hours * 3_600_000).toISOString() : undefined;
      const fallback = text(field(head, fields.replyFallback));
      const unread = group.reduce((sum, doc) => sum + Math.max(0, (number(field(doc, fields.messageCount)) ?? 0) - (seen.get(doc._id) ?? 0)), 0);
      const customer = customerOf(head);
      const name = group.map((d) => text(field(d, fields.name))).find(Boolean);
      const phone = group.map((d) => text(field(d, fields.phone))).find(Boolean);
      const assignee = text(field(head, fields.assignee)) ?? head.owner;
      const lastMessage = text(field(head, fields.lastMessage));
      return {
        id: head._id,
        conversations: group.map((d) => ({ id: d._id, channel: channelOf(d), stage: d.stage })),
        ...(customer ? { customer } : {}),
        ...(name ? { name } : {}),
        ...(phone ? { phone } : {}),
        channels: [...new Set(group.map(channelOf))],
        ...(lastMessage ? { lastMessage } : {}),
        lastMessageAt: lastAt(head),
        unread,
        ...(assignee ? { assignee } : {}),
        ...(head.owner ? { owner: head.owner } : {}),
        stage: head.stage,
        reply: {
          channel: channelOf(head),
          ...(hours === undefined ? {} : { hours }),
          ...(closesAt ? { closesAt } : {}),
          open: closesAt === undefined || Date.now() <= Date.parse(closesAt) || fallback !== undefined,
          ...(fallback ? { fallback } : {}),
        },
      };
    });
  }

  async function visibleConversations(scope: Filter | undefined, filter: Filter): Promise<RecordDoc[]> {
    const base = { entity: decl().entity, ...filter };
    return store.find<RecordDoc>(RECORDS, scope ? { $and: [base, scope] } : base);
  }

  /** The thread a conversation belongs to: it, and the reader's other conversations with the same customer. */
  async function threadOf(user: string, scope: Filter | undefined, id: string): Promise<ThreadSummary> {
    const [doc] = await visibleConversations(scope, { _id: id });
    if (!doc) throw new UserError('not-found', `There is no conversation with id ${id}`);
    const customer = customerOf(doc);
    const ref = customer && decl().customer?.find((c) => c.entity === customer.entity);
    const group = ref && customer ? await visibleConversations(scope, { [`data.${ref.field}`]: customer.id }) : [doc];
    const [thread] = await summarize(user, group.some((d) => d._id === doc._id) ? group : [doc, ...group]);
    if (!thread) throw new UserError('not-found', `There is no conversation with id ${id}`);
    return thread;
  }

  return {
    async conversationThreads(user, scope, query) {
      // Without an inbox there is nothing to list (not an error: the web app asks on every page).
      if (!inbox) return { items: [], unread: 0, systemFields: [], channelField: '' };
      const { fields } = decl();
      const filter: Filter = {};
      if (query.channel) filter[`data.${fields.channel}`] = query.channel;
      if (query.view === 'mine') filter.owner = user;
      if (query.view === 'unassigned') filter.owner = { $exists: false };
      const docs = await visibleConversations(scope, filter);
      const wanted: RecordDoc[] = [];
      for (const doc of docs) if ((await deps.isFinal(doc.entity, doc.stage)) === (query.status === 'closed')) wanted.push(doc);
      const threads = await summarize(user, wanted);
      return {
        items: threads.slice(0, query.limit),
        unread: threads.reduce((sum, t) => sum + t.unread, 0),
        entity: decl().entity,
        channelField: fields.channel,
        ...(decl().replyEvent ? { replyEvent: decl().replyEvent } : {}),
        // What people fill in themselves: the customer's name and phone.
        systemFields: Object.entries(fields).flatMap(([role, field]) => (role === 'name' || role === 'phone' || field === undefined ? [] : [field])),
      };
    },

    async conversationThread(user, scope, id, customerVisible) {
      const thread = await threadOf(user, scope, id);
      const ids = thread.conversations.map((c) => c.id);
      const channelOf = new Map(thread.conversations.map((c) => [c.id, c.channel]));
      const customer = thread.customer && (await customerVisible(thread.customer)) ? thread.customer : undefined;
      const logs = await store.find<EventLogDoc>(EVENTS, { recordId: { $in: customer ? [...ids, customer.id] : ids } }, { sort: { at: 1 } });
      // What became of each reply: the message entries its effect wrote, keyed by the reply's record version.
      const outcome = new Map<string, EventLogDoc>();
      for (const entry of logs) {
        if (entry.kind !== 'message') continue;
        const [recordId, version] = entry._id.split(':');
        outcome.set(`${recordId}:${version}`, entry);
      }
      const messages: ThreadMessage[] = [];
      const inboxEvent = decl().event;
      const replyEvent = decl().replyEvent;
      for (const entry of logs) {
        const record = { entity: entry.entity, id: entry.recordId };
        const payload = entry.payload ?? {};
        if (ids.includes(entry.recordId)) {
          if (entry.type === inboxEvent && text(payload.text) !== undefined) {
            messages.push({ id: entry._id, direction: 'in', channel: channelOf.get(entry.recordId) ?? '', text: String(payload.text), at: text(payload.at) ?? entry.at, record });
          } else if (replyEvent && entry.type === replyEvent && text(payload.text) !== undefined) {
            const result = outcome.get(`${entry.recordId}:${entry.version}`)?.payload;
            const status = (text(result?.status) as ThreadMessage['status']) ?? 'sending';
            const reason = text(result?.reason);
            messages.push({ id: entry._id, direction: 'out', channel: channelOf.get(entry.recordId) ?? '', text: String(payload.text), at: entry.at, actor: entry.actor, status, ...(reason ? { reason } : {}), record });
          }
        } else if (entry.kind === 'message') {
          // A message the customer got on another channel (email, SMS).
          const reason = text(payload.reason);
          messages.push({
            id: entry._id,
            direction: 'out',
            channel: text(payload.channel) ?? '',
            text: text(payload.subject) ?? text(payload.template) ?? '',
            at: entry.at,
            status: (text(payload.status) as ThreadMessage['status']) ?? 'sent',
            ...(reason ? { reason } : {}),
            record,
          });
        } else if (entry.actor.startsWith('system:form:') && (entry.kind === 'event' || entry.kind === 'created')) {
          // What they sent through a form of the website.
          const said = Object.entries(payload)
            .filter(([key, value]) => typeof value === 'string' && !['form', 'page', 'referrer', 'source'].includes(key) && !key.startsWith('utm'))
            .map(([, value]) => String(value));
          messages.push({ id: entry._id, direction: 'in', channel: 'website', text: said.join(' · '), at: entry.at, record, label: WEBSITE });
        }
      }
      messages.sort((a, b) => a.at.localeCompare(b.at));
      return { thread, messages };
    },

    conversationEntity: () => inbox?.entity,

    async conversationRead(user, scope, id) {
      const thread = await threadOf(user, scope, id);
      await ready();
      const docs = await visibleConversations(scope, { _id: { $in: thread.conversations.map((c) => c.id) } });
      const { fields } = decl();
      for (const doc of docs) {
        const key = `${user}:${doc._id}`;
        const current = await store.get<ReadDoc>(CONVERSATION_READS, key);
        const seen = number(field(doc, fields.messageCount)) ?? 0;
        if (current && current.seen >= seen) continue;
        await store.commit([{ op: 'put', collection: CONVERSATION_READS, doc: { _id: key, user, conversation: doc._id, seen, version: (current?.version ?? 0) + 1 } }]);
      }
      return { unread: 0 };
    },
  };
}
