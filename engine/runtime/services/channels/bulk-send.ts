/**
 * Bulk sends (a record's email or SMS to a saved segment). Starting one freezes its audience:
 * the records the filter selects, as the person who launched it may see them, become
 * `bulk-recipients` in one commit, so a restart neither skips nor adds anyone. A loop then
 * sends to the pending ones at the configured rate, a few at a time, each through the
 * Messenger under the key `bulk:<send>:<recipient>` (at most once at the provider), and
 * commits each batch's outcomes with the send's counters. It can be paused, resumed and
 * cancelled; advertising hours make it wait. What happened is `progress()`.
 */
import { DuplicateKeyError, RetryLaterError, UserError, VersionConflictError } from '../../../errors.js';
import type { MessagePurpose } from '../../../plugins/contract.js';
import type { Filter, Store, WriteOp } from '../../../store/store.js';
import type { RecordService } from '../record-service.js';
import { bulkProgress, type BulkProgress } from './bulk-progress.js';
import type { MessageDoc, Messenger } from './messenger.js';
import { RECORDS, BULK_SENDS, BULK_RECIPIENTS } from '../../../collections.js';
import { reachedRecord, type ReachCheck, type RecordDoc } from '../../core/index.js';

export type { BulkProgress };

export type BulkStatus = 'running' | 'paused' | 'cancelled' | 'done';

export interface BulkSendSpec {
  about: { entity: string; id: string };
  channel: string;
  purpose: MessagePurpose;
  content: { subject?: string; body: string };
  audience: { entity: string; filter: Filter; segment?: string };
  /** Events sent to `about` on a recipient's first open and first click. */
  track?: { open?: string; click?: string };
  /** A number field of `about` kept equal to the messages sent. */
  countField?: string;
  /** The event whose transition started it: whoever may send it may pause, resume and cancel. */
  event?: string;
}

export interface BulkSendDoc extends BulkSendSpec {
  _id: string;
  status: BulkStatus;
  actor: string;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Messages per minute. */
  rate: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Waiting for advertising hours until then. */
  waitUntil?: string;
  waitReason?: string;
  version: number;
  [key: string]: unknown;
}

interface RecipientDoc {
  _id: string;
  bulk: string;
  recipient: { entity: string; id: string };
  seq: number;
  status: 'pending' | 'done';
  outcome?: string;
  [key: string]: unknown;
}

export interface BulkSenderOptions {
  /** Messages per minute when a send does not say; default 600. */
  defaultRate?: number;
  /** Messages sent at once; default `DEFAULT_BULK_CONCURRENCY` (16). */
  concurrency?: number;
  /** How often the loop looks for work when idle; default 500 ms. */
  pollMs?: number;
  /** The most recipients one send may freeze; default 200 000. */
  maxRecipients?: number;
}

const FREEZE_CHUNK = 2_000;
/** Messages a send has out at once unless told otherwise. */
export const DEFAULT_BULK_CONCURRENCY = 16;

export class BulkSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly controller = new AbortController();
  private readonly options: Required<BulkSenderOptions>;
  /** Tokens per send for the rate limit: how many may go now, and when they were counted. */
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly messenger: Messenger,
    private readonly records: RecordService,
    private readonly reach: ReachCheck | undefined,
    options: BulkSenderOptions = {},
  ) {
    this.options = { defaultRate: 600, concurrency: DEFAULT_BULK_CONCURRENCY, pollMs: 500, maxRecipients: 200_000, ...options };
  }

  static async ensureIndexes(store: Store): Promise<void> {
    await store.ensureIndex(BULK_RECIPIENTS, ['bulk', 'status', 'seq']);
    await store.ensureIndex(BULK_SENDS, ['status']);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller.abort(new Error('The server is stopping'));
    await this.running?.catch(() => undefined);
  }

  /**
   * Start a bulk send once per `id` (a repeat returns the send as it is): freeze the audience
   * `actor` may see, then let the loop send.
   */
  async begin(id: string, spec: BulkSendSpec, actor: string, rate?: number): Promise<BulkSendDoc> {
    const existing = await this.store.get<BulkSendDoc>(BULK_SENDS, id);
    if (existing) return existing;
    const candidates = await this.store.find<RecordDoc>(RECORDS, { ...spec.audience.filter, entity: spec.audience.entity }, { sort: { createdAt: 1 } });
    const audience: RecordDoc[] = [];
    for (const doc of candidates) if (this.reach === undefined || actor.startsWith('system:') || (await this.reach(actor, reachedRecord(doc)))) audience.push(doc);
    if (audience.length > this.options.maxRecipients) {
      throw new UserError('invalid-request', `The audience holds ${audience.length} people, more than the ${this.options.maxRecipients} one send may reach: narrow the segment`);
    }
    const now = new Date().toISOString();
    const doc: BulkSendDoc = {
      ...spec,
      _id: id,
      status: 'running',
      actor,
      total: audience.length,
      sent: 0,
      failed: 0,
      skipped: 0,
      rate: rate ?? this.options.defaultRate,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const recipients = audience.map(
      (r, seq): WriteOp => ({ op: 'insert', collection: BULK_RECIPIENTS, doc: { _id: `${id}:${r._id}`, bulk: id, recipient: { entity: r.entity, id: r._id }, seq, status: 'pending' } }),
    );
    // Recipients first, in chunks; the send itself last: until it exists, nothing sends, and a
    // repeat after a crash re-inserts the same recipients (duplicates are skipped).
    for (let i = 0; i < recipients.length; i += FREEZE_CHUNK) {
      const chunk = recipients.slice(i, i + FREEZE_CHUNK);
      try {
        await this.store.commit(chunk);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        for (const op of chunk) await this.store.commit([op]).catch(() => undefined);
      }
    }
    try {
      await this.store.commit([{ op: 'insert', collection: BULK_SENDS, doc }]);
    } catch (error) {
      const raced = await this.store.get<BulkSendDoc>(BULK_SENDS, id);
      if (raced) return raced;
      throw error;
    }
    this.schedule(0);
    return doc;
  }

  /** Pause, resume or cancel; throws `not-found` or `invalid-request` when the send is not in a state for it. */
  async command(id: string, command: 'pause' | 'resume' | 'cancel'): Promise<BulkProgress> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.store.get<BulkSendDoc>(BULK_SENDS, id);
      if (!doc) throw new UserError('not-found', 'Nothing has been sent for this record');
      const next: BulkStatus = command === 'pause' ? 'paused' : command === 'resume' ? 'running' : 'cancelled';
      const allowed = command === 'pause' ? doc.status === 'running' : command === 'resume' ? doc.status === 'paused' : doc.status === 'running' || doc.status === 'paused';
      if (!allowed) throw new UserError('invalid-request', `The send is ${doc.status}: it cannot be ${command === 'pause' ? 'paused' : command === 'resume' ? 'resumed' : 'cancelled'}`, { issues: [{ pointer: '/status', message: `is ${doc.status}` }] });
      const updated: BulkSendDoc = { ...doc, status: next, updatedAt: new Date().toISOString(), ...(next === 'cancelled' ? { finishedAt: new Date().toISOString() } : {}), version: doc.version + 1 };
      try {
        await this.store.commit([{ op: 'put', collection: BULK_SENDS, doc: updated, expectVersion: doc.version }]);
        if (next === 'running') this.schedule(0);
        if (next === 'cancelled' && doc.countField) {
          await this.records
            .update(doc.about.entity, doc.about.id, { data: { [doc.countField]: doc.sent } }, 'system:channels', { idempotencyKey: `bulk:${doc._id}:count:${doc.sent}` })
            .catch(() => undefined);
        }
        return this.progressOf(updated);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    throw new UserError('version-conflict', 'The send changed meanwhile: try again');
  }

  async progress(id: string): Promise<BulkProgress | undefined> {
    const doc = await this.store.get<BulkSendDoc>(BULK_SENDS, id);
    return doc ? this.progressOf(doc) : undefined;
  }

  private progressOf(doc: BulkSendDoc): Promise<BulkProgress> {
    return bulkProgress(this.store, doc, (channel) => this.messenger.channelReady(channel));
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return;
      this.running = this.round()
        .catch(() => undefined)
        .then((busy) => {
          this.running = undefined;
          this.schedule(busy ? 0 : this.options.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  /** One round over the running sends; true when there may be more to do at once. */
  private async round(): Promise<boolean> {
    const sends = await this.store.find<BulkSendDoc>(BULK_SENDS, { status: 'running' });
    let busy = false;
    for (const send of sends) {
      if (this.stopped) return false;
      if (send.waitUntil && send.waitUntil > new Date().toISOString()) continue;
      // Its channel is not set up: nothing goes (nobody is marked "not sent"); it starts once it is.
      if (!this.messenger.channelReady(send.channel)) {
        if (send.waitReason !== 'channel-off') await this.note(send, { waitReason: 'channel-off' });
        continue;
      }
      busy = (await this.step(send)) || busy;
    }
    return busy;
  }

  /** How many of a send's messages may go now under its rate. */
  private take(send: BulkSendDoc): number {
    const now = Date.now();
    const perMs = send.rate / 60_000;
    const cap = Math.max(1, Math.min(200, Math.ceil(send.rate / 60)));
    const bucket = this.buckets.get(send._id) ?? { tokens: 1, at: now };
    bucket.tokens = Math.min(cap, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(send._id, bucket);
    return Math.floor(bucket.tokens);
  }

  /** Send the next batch of one send; true when it sent some (more may follow at once). */
  private async step(send: BulkSendDoc): Promise<boolean> {
    const allowed = this.take(send);
    if (allowed < 1) return false;
    const batch = await this.store.find<RecipientDoc>(BULK_RECIPIENTS, { bulk: send._id, status: 'pending' }, { sort: { seq: 1 }, limit: allowed });
    if (batch.length === 0) {
      await this.finish(send);
      return false;
    }
    const outcomes = new Map<string, MessageDoc>();
    let wait: RetryLaterError | undefined;
    let next = 0;
    const lane = async () => {
      while (next < batch.length && !this.stopped && !wait) {
        const item = batch[next++];
        try {
          const message = await this.messenger.send({
            key: `bulk:${send._id}:${item.recipient.id}`,
            channel: send.channel,
            purpose: send.purpose,
            content: send.content,
            recipient: item.recipient,
            about: send.about,
            actor: send.actor,
            signal: this.controller.signal,
            bulk: { id: send._id, ...(send.track ? { track: send.track } : {}) },
          });
          outcomes.set(item._id, message);
        } catch (error) {
          if (error instanceof RetryLaterError) wait = error;
          else if (error instanceof UserError) outcomes.set(item._id, { status: 'failed', reason: error.message } as MessageDoc);
          // Anything else (the provider is down): the recipient stays pending and is tried again.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, batch.length) }, lane));
    const bucket = this.buckets.get(send._id);
    if (bucket) bucket.tokens -= outcomes.size;
    await this.record(send, batch, outcomes, wait);
    return outcomes.size > 0 && !wait;
  }

  /** Commit a batch's outcomes and the send's counters (re-reading the send if a command changed it meanwhile). */
  private async record(send: BulkSendDoc, batch: RecipientDoc[], outcomes: Map<string, MessageDoc>, wait: RetryLaterError | undefined): Promise<void> {
    const ops: WriteOp[] = [];
    const counts = { sent: 0, failed: 0, skipped: 0 };
    for (const item of batch) {
      const message = outcomes.get(item._id);
      if (!message) continue;
      const kind = message.status === 'skipped' ? 'skipped' : message.status === 'failed' ? 'failed' : 'sent';
      counts[kind]++;
      ops.push({ op: 'put', collection: BULK_RECIPIENTS, doc: { ...item, status: 'done', outcome: message.status } });
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = attempt === 0 ? send : await this.store.get<BulkSendDoc>(BULK_SENDS, send._id);
      if (!current) return;
      const updated: BulkSendDoc = {
        ...current,
        sent: current.sent + counts.sent,
        failed: current.failed + counts.failed,
        skipped: current.skipped + counts.skipped,
        updatedAt: new Date().toISOString(),
        ...(wait ? { waitUntil: wait.at.toISOString(), waitReason: wait.message } : {}),
        version: current.version + 1,
      };
      try {
        await this.store.commit([...ops, { op: 'put', collection: BULK_SENDS, doc: updated, expectVersion: current.version }]);
        Object.assign(send, updated);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
  }

  /** Write a note on the send (why it waits), unless a command changed it meanwhile. */
  private async note(send: BulkSendDoc, change: Partial<BulkSendDoc>): Promise<void> {
    const updated: BulkSendDoc = { ...send, ...change, version: send.version + 1 };
    try {
      await this.store.commit([{ op: 'put', collection: BULK_SENDS, doc: updated, expectVersion: send.version }]);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }

  /** Every recipient is done: the record's count field says how many went, then the send is done. */
  private async finish(send: BulkSendDoc): Promise<void> {
    // The count first: whoever sees the send done sees its count (a crash in between counts again, the same).
    if (send.countField) {
      await this.records
        .update(send.about.entity, send.about.id, { data: { [send.countField]: send.sent } }, 'system:channels', { idempotencyKey: `bulk:${send._id}:count:${send.sent}` })
        .catch(() => undefined);
    }
    const done: BulkSendDoc = { ...send, status: 'done', finishedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), version: send.version + 1 };
    try {
      await this.store.commit([{ op: 'put', collection: BULK_SENDS, doc: done, expectVersion: send.version }]);
    } catch (error) {
      if (error instanceof VersionConflictError) return; // paused or cancelled meanwhile: the next round sees it
      throw error;
    }
    this.buckets.delete(send._id);
  }
}
