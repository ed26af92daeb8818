/**
 * Sending one message, durably (DESIGN.md decision 10). A message is a document of
 * collection `messages` keyed by its idempotency key: it is written `sending` before the
 * provider is called and `sent` (with the provider's id) after, so a retry of the same
 * key after success sends nothing, and a retry after a crash in between hands the
 * provider the same key (SMTP Message-ID, the SMS request id) to recognise. Consent and
 * undeliverable addresses are read from the person's record at send time; advertising
 * rules (quiet hours, a daily cap) make a message wait. Each send and each status change
 * is written on the recipient's timeline (and on the record it is about, unless that is a
 * bulk send with thousands of them).
 */
import type { EntitySchema, MessageTemplate } from '../../../definitions/definition.js';
import { ChannelError, type DeliveryReport, type MessagePurpose } from '../../../plugins/contract.js';
import { DuplicateKeyError, RetryLaterError, UserError, VersionConflictError } from '../../../errors.js';
import type { Store, WriteOp } from '../../../store/store.js';
import type { RecordService } from '../record-service.js';
import type { ChannelHub } from './channel-hub.js';
import { composeEmail, composeSms } from './compose.js';
import { personOf, refusal, type Person } from './person.js';
import { addDays, localDate, renderTemplate, zonedInstant, type EventLogDoc, type RecordDoc } from '../../core/index.js';
import type { InboxDecl } from './inbound.js';
import type { ChangeFeed } from '../change-feed.js';
import type { MessageDoc } from './message-doc.js';
import { findShortLink, shortenLinks } from './short-links.js';
import { trackingToken } from './tracking-token.js';
import { messageTimeline, STAFF } from './message-timeline.js';
import { EVENTS, RECORDS, USERS, MESSAGES } from '../../../collections.js';

export { type MessageDoc, type MessageStatus } from './message-doc.js';
export { STAFF } from './message-timeline.js';

/** What to send: a pack template, or content written on the record (a bulk send's own message). */
export interface MessageRequest {
  key: string;
  channel: string;
  /** Default: the template's purpose, or transactional. */
  purpose?: MessagePurpose;
  template?: string;
  content?: { subject?: string; body: string };
  /** The person record the message goes to. */
  recipient: { entity: string; id: string };
  /** The record the message is about: its data is `record` in the template. */
  about: { entity: string; id: string };
  actor: string;
  signal: AbortSignal;
  /** A bulk send: the timeline entry goes on the recipient only, and opens/clicks send these events to `about`. */
  bulk?: { id: string; track?: { open?: string; click?: string } };
}

export interface MessengerOptions {
  timeZone: string;
  /** Where links in messages point: the server as people outside reach it (PUBLIC_URL). */
  publicUrl: string;
  trackingSecret: string;
  schemaOf(entity: string): Promise<EntitySchema | undefined>;
  templates(): Promise<MessageTemplate[]>;
  /** Where conversations keep their channel and the person's id on it (pack.json `inbox`). */
  inbox?: InboxDecl;
  /** Told when a message's outcome reaches a record's timeline (live pages). */
  changes?: ChangeFeed;
  now?: () => Date;
}

const SYSTEM_ACTOR = 'system:channels';

export class Messenger {
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    private readonly hub: ChannelHub,
    private readonly options: MessengerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  static async ensureIndexes(store: Store): Promise<void> {
    await store.ensureIndex(MESSAGES, ['providerId', 'bulk', 'to']);
  }

  get publicUrl(): string {
    return this.options.publicUrl;
  }

  get trackingSecret(): string {
    return this.options.trackingSecret;
  }

  /**
   * Send one message at most once per key. Resolves with the message as stored: `sent`,
   * `skipped` (consent, no address) or `failed` for good. Throws for a failure a retry may
   * cure (the provider is down) and `RetryLaterError` when advertising rules make it wait.
   */
  async send(request: MessageRequest): Promise<MessageDoc> {
    const existing = await this.store.get<MessageDoc>(MESSAGES, request.key);
    if (existing && existing.status !== 'sending') return existing;
    // A member of staff (a message to a role, to the owner) or a person record.
    const staff = request.recipient.entity === STAFF ? await this.staffMember(request.recipient.id) : undefined;
    const recipientDoc = staff?.doc ?? (await this.loadRecord(request.recipient));
    const aboutDoc = request.about.id === request.recipient.id ? recipientDoc : await this.loadRecord(request.about);
    const person = staff?.person ?? personOf(await this.options.schemaOf(recipientDoc.entity), recipientDoc.data);
    if (!person) throw new UserError('invalid-request', `A ${recipientDoc.entity} is not a person a message can reach (its schema declares no x-person)`);
    // A channel nobody installed or configured sends nothing, and the timeline says so.
    const channel = this.hub.definition(request.channel);
    const template = request.template === undefined || !channel ? undefined : await this.template(request.template);
    const purpose: MessagePurpose = request.purpose ?? template?.purpose ?? 'transactional';
    const marketing = purpose === 'marketing';
    const to = (channel?.address === 'email' ? person.email : channel?.address === 'phone' ? person.phone : undefined) ?? '';
    const base: MessageDoc = existing ?? {
      _id: request.key,
      channel: request.channel,
      purpose,
      to,
      lang: person.lang,
      recipient: request.recipient,
      about: request.about,
      ...(request.template ? { template: request.template } : {}),
      status: 'sending',
      createdAt: this.now().toISOString(),
      opens: 0,
      clicks: 0,
      ...(request.bulk ? { bulk: request.bulk.id, ...(request.bulk.track ? { track: request.bulk.track } : {}) } : {}),
      version: 0,
    };
    if (!channel || this.hub.state(request.channel) === 'off') return this.settle(base, { status: 'skipped', reason: 'channel-off' }, request);
    const refused = refusal(person, channel.address, marketing);
    if (refused) return this.settle(base, { status: 'skipped', reason: refused }, request);
    const whyNot = this.hub.whyNot(request.channel);
    const open = this.hub.get(request.channel);
    if (whyNot || !open) throw new UserError('invalid-request', whyNot ?? `The ${request.channel} channel is not ready`);

    const rules = marketing ? this.hub.advertisingRules(request.channel) : undefined;
    if (rules) await this.holdForAdvertisingRules(request.channel, to, request.key, rules);

    const variables = { record: { ...aboutDoc.data, id: aboutDoc._id, stage: aboutDoc.stage }, person: { ...recipientDoc.data, name: person.name } };
    const subjectText = template?.subject?.[person.lang] ?? request.content?.subject ?? '';
    const bodyText = template?.body[person.lang] ?? request.content?.body;
    if (bodyText === undefined) throw new UserError('invalid-request', `Template "${request.template}" does not exist`);
    const subject = (await renderTemplate(subjectText, variables, person.lang, this.options.timeZone)).trim();
    const text = await renderTemplate(bodyText, variables, person.lang, this.options.timeZone);

    // Nothing is written before the provider is called: a retry, after a crash or a failure,
    // calls it again with the same key whatever was written, and the provider recognises it.
    const sending: MessageDoc = { ...base, to, ...(subject ? { subject } : {}), status: 'sending' };
    const outgoing =
      channel.address === 'email'
        ? { to, ...composeEmail({ subject, text }, person.lang, marketing ? this.tracking(request.key) : undefined) }
        : { to, text: composeSms(marketing && request.bulk?.track?.click ? await shortenLinks(this.store, this.options.publicUrl, request.key, text) : text, { advertising: rules, marketing, strip: template?.stripDiacritics === true }) };
    try {
      const sent = await open.send({ ...outgoing, purpose, idempotencyKey: request.key }, request.signal);
      return await this.settle(sending, { status: 'sent', providerId: sent.providerId, sentAt: this.now().toISOString() }, request);
    } catch (error) {
      if (error instanceof ChannelError && error.permanent) {
        const failed = await this.settle(sending, { status: 'failed', reason: error.message }, request);
        if (error.undeliverable) await this.markUndeliverable(recipientDoc, person, channel.address);
        return failed;
      }
      // It will be tried again: say so on the message (no timeline entry until it settles).
      await this.noteAttempt(sending, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Links of a tracked message: the open pixel, click redirects, unsubscribe. */
  private tracking(key: string) {
    const url = (path: string, claim: Parameters<typeof trackingToken>[1]) => `${this.options.publicUrl}/t/${path}/${trackingToken(this.options.trackingSecret, claim)}`;
    return {
      openPixel: `${url('o', { m: key, k: 'o' })}.gif`,
      click: (target: string) => url('c', { m: key, k: 'c', u: target }),
      unsubscribe: url('u', { m: key, k: 'u' }),
    };
  }

  /**
   * Reply in a conversation through its channel to the person's id on it, at most once per
   * key; the message and its outcome go on the conversation's timeline. A channel's refusal
   * (Messenger outside its window) is a failure that says why.
   */
  async reply(request: { key: string; conversation: RecordDoc; text: string; actor: string; signal: AbortSignal }): Promise<MessageDoc> {
    const existing = await this.store.get<MessageDoc>(MESSAGES, request.key);
    if (existing && existing.status !== 'sending') return existing;
    const inbox = this.options.inbox;
    if (!inbox || inbox.entity !== request.conversation.entity) throw new UserError('invalid-request', `A ${request.conversation.entity} is not a conversation of the inbox: there is nobody to reply to`);
    const value = request.conversation.data[inbox.fields.channel];
    const channelName = Object.entries(inbox.channels ?? {}).find(([, v]) => v === value)?.[0] ?? (typeof value === 'string' ? value : '');
    const to = request.conversation.data[inbox.fields.externalId];
    const about = { entity: request.conversation.entity, id: request.conversation._id };
    const base: MessageDoc = existing ?? { _id: request.key, channel: channelName, purpose: 'transactional', to: typeof to === 'string' ? to : '', lang: 'vi', about, status: 'sending', createdAt: this.now().toISOString(), opens: 0, clicks: 0, version: 0 };
    const open = this.hub.get(channelName);
    if (!open || typeof to !== 'string' || to === '') return this.settle(base, { status: 'skipped', reason: open ? 'no-address' : 'channel-off' }, request);
    try {
      const field = (name: string | undefined) => {
        const value = name === undefined ? undefined : request.conversation.data[name];
        return typeof value === 'string' && value !== '' ? value : undefined;
      };
      const lastInboundAt = field(inbox.fields.lastInboundAt);
      const phone = field(inbox.fields.phone);
      const name = field(inbox.fields.name);
      // What the person last wrote: an email reply answers its subject and threads under it.
      const [last] = await this.store.find<EventLogDoc>(EVENTS, { recordId: request.conversation._id, type: inbox.event }, { sort: { at: -1 }, limit: 1 });
      const subject = typeof last?.payload?.subject === 'string' ? last.payload.subject : undefined;
      const inReplyTo = typeof last?.payload?.messageId === 'string' ? last.payload.messageId : undefined;
      const conversation = {
        ...(lastInboundAt ? { lastInboundAt } : {}),
        ...(phone ? { phone } : {}),
        ...(name ? { name } : {}),
        ...(subject ? { subject } : {}),
        ...(inReplyTo ? { inReplyTo } : {}),
      };
      const sent = await open.send({ to, text: request.text, purpose: 'transactional', idempotencyKey: request.key, conversation }, request.signal);
      return await this.settle(base, { status: 'sent', providerId: sent.providerId, sentAt: this.now().toISOString(), subject: request.text.slice(0, 200) }, request);
    } catch (error) {
      if (error instanceof ChannelError && error.permanent) return this.settle(base, { status: 'failed', reason: error.message }, request);
      await this.noteAttempt(base, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** The message and URL a short link stands for (./short-links.ts). */
  async shortLink(code: string): Promise<{ message?: MessageDoc; url: string } | undefined> {
    const link = await findShortLink(this.store, code);
    if (!link) return undefined;
    // Followed before the send was recorded (a moment after the provider took it): it still leads on.
    const message = await this.get(link.message);
    return { ...(message ? { message } : {}), url: link.url };
  }

  /** Wait (throw RetryLaterError) outside the advertising window or past the daily cap of this address. */
  private async holdForAdvertisingRules(channel: string, to: string, key: string, rules: NonNullable<ReturnType<ChannelHub['advertisingRules']>>): Promise<void> {
    const zone = this.options.timeZone;
    const now = this.now();
    const today = localDate(now, zone);
    const at = (day: { year: number; month: number; day: number }, hhmm: string) => {
      const [hour, minute] = hhmm.split(':').map(Number);
      return zonedInstant({ ...day, hour: hour ?? 0, minute: minute ?? 0 }, zone);
    };
    if (rules.window) {
      const opens = at(today, rules.window.from);
      const closes = at(today, rules.window.to);
      if (now < opens) throw new RetryLaterError(opens, `Advertising on ${channel} waits for ${rules.window.from}`);
      if (now >= closes) throw new RetryLaterError(at(addDays(today, 1), rules.window.from), `Advertising on ${channel} waits for ${rules.window.from} tomorrow`);
    }
    if (rules.perDay !== undefined) {
      const dayStart = at(today, '00:00').toISOString();
      const sentToday = await this.store.count(MESSAGES, { to, channel, purpose: 'marketing', status: { $in: ['sent', 'delivered'] }, sentAt: { $gte: dayStart }, _id: { $ne: key } });
      if (sentToday >= rules.perDay) throw new RetryLaterError(at(addDays(today, 1), rules.window?.from ?? '00:00'), `${to} already had ${sentToday} advertising messages today`);
    }
  }

  private async template(id: string): Promise<MessageTemplate> {
    const found = (await this.options.templates()).find((t) => t.id === id);
    if (!found) throw new UserError('invalid-request', `Template "${id}" does not exist`);
    return found;
  }

  private async loadRecord(ref: { entity: string; id: string }): Promise<RecordDoc> {
    const doc = await this.store.get<RecordDoc>(RECORDS, ref.id);
    if (!doc || doc.entity !== ref.entity) throw new UserError('not-found', `There is no ${ref.entity} with id ${ref.id}`);
    return doc;
  }

  /** A failed attempt that will be retried: the message stays `sending`, with why. */
  private async noteAttempt(doc: MessageDoc, reason: string): Promise<void> {
    const next: MessageDoc = { ...doc, reason, version: doc.version + 1 };
    try {
      await this.store.commit([doc.version === 0 ? { op: 'insert', collection: MESSAGES, doc: next } : { op: 'put', collection: MESSAGES, doc: next, expectVersion: doc.version }]);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError || error instanceof VersionConflictError)) throw error;
    }
  }

  /** Write the message's new status and its timeline entries in one commit. */
  private async settle(doc: MessageDoc, change: Partial<MessageDoc>, request: Pick<MessageRequest, 'actor' | 'bulk'>): Promise<MessageDoc> {
    const next: MessageDoc = { ...doc, ...change, version: doc.version + 1 };
    const ops: WriteOp[] = [
      doc.version === 0 ? { op: 'insert', collection: MESSAGES, doc: next } : { op: 'put', collection: MESSAGES, doc: next, expectVersion: doc.version },
    ];
    ops.push(...messageTimeline(this.now(), next, `message.${next.status}`, request.actor, Boolean(request.bulk)));
    try {
      await this.store.commit(ops);
    } catch (error) {
      // Another worker settled it meanwhile: theirs stands.
      if (error instanceof DuplicateKeyError || error instanceof VersionConflictError) return (await this.store.get<MessageDoc>(MESSAGES, doc._id)) ?? next;
      throw error;
    }
    this.options.changes?.publish([doc.about, ...(doc.recipient ? [doc.recipient] : [])]);
    return next;
  }

  /** A permanent failure: the person's address is marked undeliverable, so it is not tried again. */
  private async markUndeliverable(doc: RecordDoc, person: Person, address: 'email' | 'phone' | 'external'): Promise<void> {
    if (!person.consentField || address === 'external') return;
    const flag = address === 'email' ? 'emailUndeliverable' : 'phoneUndeliverable';
    if (person.consent[flag]) return;
    await this.records.update(doc.entity, doc._id, { data: { [person.consentField]: { ...person.consent, [flag]: true, changedAt: this.now().toISOString() } } }, SYSTEM_ACTOR);
  }

  /** Record that a person refused marketing on a kind of address (an unsubscribe link, STOP). */
  async optOut(ref: { entity: string; id: string }, address: 'email' | 'phone'): Promise<boolean> {
    const doc = await this.loadRecord(ref);
    const person = personOf(await this.options.schemaOf(doc.entity), doc.data);
    if (!person?.consentField) return false;
    const flag = address === 'email' ? 'emailMarketing' : 'smsMarketing';
    if (person.consent[flag] === false) return true;
    await this.records.update(doc.entity, doc._id, { data: { [person.consentField]: { ...person.consent, [flag]: false, changedAt: this.now().toISOString() } } }, SYSTEM_ACTOR);
    return true;
  }

  /** Store providers' delivery reports: repeats and unknown ids change nothing. */
  async report(channel: string, reports: DeliveryReport[]): Promise<void> {
    for (const report of reports) {
      const [message] = await this.store.find<MessageDoc>(MESSAGES, { providerId: report.providerId, channel }, { limit: 1 });
      if (!message || message.status === report.status) continue;
      const change: Partial<MessageDoc> =
        report.status === 'delivered' ? { status: 'delivered', deliveredAt: this.now().toISOString() } : { status: 'failed', reason: report.detail ?? 'The provider could not deliver it' };
      await this.settle(message, change, { actor: `system:channel:${channel}`, ...(message.bulk ? { bulk: { id: message.bulk } } : {}) });
      if (report.status === 'failed' && report.permanent && message.recipient) {
        const doc = await this.store.get<RecordDoc>(RECORDS, message.recipient.id);
        const person = doc ? personOf(await this.options.schemaOf(doc.entity), doc.data) : undefined;
        const address = this.hub.definition(channel)?.address;
        if (doc && person && address) await this.markUndeliverable(doc, person, address);
      }
    }
  }

  /** A user as a recipient: their name, email and phone; staff have no marketing consent to check. */
  private async staffMember(id: string): Promise<{ doc: RecordDoc; person: Person }> {
    const user = await this.store.get<{ _id: string; name: string; email?: string; phone?: string; disabled?: boolean }>(USERS, id);
    if (!user || user.disabled) throw new UserError('not-found', `There is no active user "${id}"`);
    const doc = { _id: id, entity: STAFF, data: { name: user.name }, stage: '' } as unknown as RecordDoc;
    return { doc, person: { name: user.name, ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phone: user.phone } : {}), lang: 'vi', consent: {} } };
  }

  /** Whether a channel can send now (installed, configured, settings valid). */
  channelReady(name: string): boolean {
    return this.hub.state(name) === 'ready';
  }

  /** The person a record is (through its schema's x-person), or undefined. */
  async person(ref: { entity: string; id: string }): Promise<Person | undefined> {
    const doc = await this.store.get<RecordDoc>(RECORDS, ref.id);
    return doc && doc.entity === ref.entity ? personOf(await this.options.schemaOf(doc.entity), doc.data) : undefined;
  }

  async get(key: string): Promise<MessageDoc | undefined> {
    return this.store.get<MessageDoc>(MESSAGES, key);
  }

  /** Write an open or a click onto a message (with its timeline entry the first time). */
  async noteEngagement(message: MessageDoc, kind: 'open' | 'click', machine: boolean): Promise<{ first: boolean; message: MessageDoc }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = (await this.store.get<MessageDoc>(MESSAGES, message._id)) ?? message;
      const at = this.now().toISOString();
      const first = kind === 'open' ? !current.openedAt && !machine : !current.clickedAt;
      const next: MessageDoc = {
        ...current,
        ...(kind === 'open'
          ? machine
            ? { machineOpens: (current.machineOpens ?? 0) + 1 }
            : { opens: current.opens + 1, ...(current.openedAt ? {} : { openedAt: at }) }
          : { clicks: current.clicks + 1, ...(current.clickedAt ? {} : { clickedAt: at }), ...(current.openedAt ? {} : { openedAt: at }) }),
        version: current.version + 1,
      };
      const ops: WriteOp[] = [{ op: 'put', collection: MESSAGES, doc: next, expectVersion: current.version }];
      if (first) ops.push(...messageTimeline(this.now(), next, kind === 'open' ? 'message.opened' : 'message.clicked', SYSTEM_ACTOR, true));
      try {
        await this.store.commit(ops);
        return { first, message: next };
      } catch (error) {
        if (!(error instanceof UserError && error.code === 'version-conflict')) throw error;
      }
    }
    return { first: false, message };
  }
}
export { MESSAGES } from '../../../collections.js';
