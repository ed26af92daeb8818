/**
 * Messages people send (DESIGN.md, "the path of one inbound message"): a channel's webhook,
 * once it has verified its caller, stores each message here (collection `inbound`, keyed by
 * channel and provider id, so a webhook delivered twice stores one) and answers at once; a
 * loop then hands each to the pack's inbox: the person's conversation on that channel
 * (found by their channel id, or created and given to someone by the assignment rules) gets
 * the inbox event (MESSAGE_RECEIVED) as a system actor, once per message.
 */
import { DuplicateKeyError, UserError, VersionConflictError } from '../../../errors.js';
import type { PackManifest } from '../../../definitions/definition.js';
import type { InboundMessage, ReplyWindow } from '../../../plugins/contract.js';
import type { Store } from '../../../store/store.js';
import type { Assigner } from '../assignment.js';
import type { RecordService } from '../record-service.js';
import { RECORDS, INBOUND } from '../../../collections.js';
import type { RecordDoc } from '../../core/index.js';

/** pack.json `inbox`: where messages people send go (docs/channels.md). */
export type InboxDecl = NonNullable<PackManifest['inbox']>;

interface InboundDoc {
  _id: string;
  channel: string;
  message: InboundMessage;
  status: 'pending' | 'done' | 'failed';
  receivedAt: string;
  recordId?: string;
  error?: string;
  attempts: number;
  version: number;
  [key: string]: unknown;
}

export class InboundQueue {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    private readonly inbox: InboxDecl | undefined,
    private readonly assigner: Assigner | undefined,
    /** The channel's reply window, handed to the conversation with each message. */
    private readonly windowOf: (channel: string) => ReplyWindow | undefined = () => undefined,
    private readonly pollMs = 500,
  ) {}

  static async ensureIndexes(store: Store): Promise<void> {
    await store.ensureIndex(INBOUND, ['status']);
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Store messages once each; the loop hands them to the inbox. */
  async receive(channel: string, messages: InboundMessage[]): Promise<void> {
    const now = new Date().toISOString();
    for (const message of messages) {
      const doc: InboundDoc = { _id: `${channel}:${message.providerId}`, channel, message, status: 'pending', receivedAt: now, attempts: 0, version: 1 };
      try {
        await this.store.commit([{ op: 'insert', collection: INBOUND, doc }]);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error; // delivered again: stored already
      }
    }
    this.kick();
  }

  private kick(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return this.kick();
      this.running = this.drain()
        .then(() => undefined, () => undefined)
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) {
            this.timer = setTimeout(() => this.kick(), this.pollMs);
            this.timer.unref();
          }
        });
    }, 0);
    this.timer.unref();
  }

  /** Hand every pending message to the inbox, oldest first. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const pending = await this.store.find<InboundDoc>(INBOUND, { status: 'pending' }, { sort: { receivedAt: 1 }, limit: 100 });
      if (pending.length === 0 || this.stopped) return handled;
      for (const doc of pending) {
        await this.handle(doc);
        handled++;
      }
    }
  }

  private async handle(doc: InboundDoc): Promise<void> {
    let change: Partial<InboundDoc>;
    try {
      const recordId = await this.deliver(doc);
      change = { status: 'done', recordId };
    } catch (error) {
      const attempts = doc.attempts + 1;
      // A refusal will not change; anything else is tried again, a few times.
      const final = error instanceof UserError || attempts >= 5;
      change = { status: final ? 'failed' : 'pending', attempts, error: error instanceof Error ? error.message : String(error) };
    }
    try {
      await this.store.commit([{ op: 'put', collection: INBOUND, doc: { ...doc, ...change, version: doc.version + 1 }, expectVersion: doc.version }]);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }

  /** The person's conversation on this channel, found or created, gets the message. */
  private async deliver(doc: InboundDoc): Promise<string> {
    const inbox = this.inbox;
    if (!inbox) throw new UserError('invalid-request', 'The packs declare no inbox: messages from channels have nowhere to go');
    const channelValue = inbox.channels?.[doc.channel] ?? doc.channel;
    const { from, text, at, providerId, subject } = doc.message;
    const actor = `system:channel:${doc.channel}`;
    const [existing] = await this.store.find<RecordDoc>(
      RECORDS,
      { entity: inbox.entity, [`data.${inbox.fields.channel}`]: channelValue, [`data.${inbox.fields.externalId}`]: from.externalId },
      { sort: { updatedAt: -1 }, limit: 1 },
    );
    const create = async (suffix: string) => {
      const created = await this.records.create(
        inbox.entity,
        {
          data: {
            [inbox.fields.channel]: channelValue,
            [inbox.fields.externalId]: from.externalId,
            ...(inbox.fields.name && from.name ? { [inbox.fields.name]: from.name } : {}),
            ...(inbox.fields.phone && from.phone ? { [inbox.fields.phone]: from.phone } : {}),
            ...(inbox.fields.email && from.email ? { [inbox.fields.email]: from.email } : {}),
          },
        },
        actor,
        { idempotencyKey: `inbound:${doc._id}:${suffix}` },
      );
      await this.assigner?.assign(inbox.entity, created._id);
      return created._id;
    };
    const window = this.windowOf(doc.channel);
    // A channel without a window (email) takes replies any time: 0 hours says so.
    const payload = { text, at, channel: doc.channel, messageId: providerId, ...(subject ? { subject } : {}), replyWindowHours: window?.hours ?? 0, replyFallback: window?.fallback ?? '' };
    const send = (id: string) => this.records.send(inbox.entity, id, { type: inbox.event, payload }, actor, { idempotencyKey: `inbound:${doc._id}:${id}` });
    let id = existing?._id ?? (await create('create'));
    try {
      await send(id);
    } catch (error) {
      // A closed conversation takes no more messages: the person's new message opens a new one.
      if (!(existing && error instanceof UserError && error.code === 'event-not-allowed')) throw error;
      id = await create('reopen');
      await send(id);
    }
    return id;
  }
}
