/**
 * The public plugin contract (STYLE.md §4): a plugin is an object literal that satisfies
 * `Plugin`. Guards and actions are called with narrow context objects, never the engine.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Labels } from '../definitions/definition.js';

/** A JSON Schema document (draft 2020-12) describing params or config. */
export type JsonSchema = Record<string, unknown>;

export type RecordData = Record<string, unknown>;

/** What a guard or a data action may read about the record being moved. */
export interface RecordFacts {
  id: string;
  entity: string;
  /** Current stage, as a dotted path for nested states ("active.quoting"). */
  stage: string;
  owner?: string;
  handler?: string;
  /** Ids of the current stage's activities that are done. */
  activitiesDone: string[];
}

export interface EventFacts {
  type: string;
  data?: RecordData;
  payload?: RecordData;
}

export interface GuardContext {
  /** The record's data with the event's data merged in. */
  data: RecordData;
  /**
   * The event: `data` is merged into the record's data; `payload` is not (facts about the
   * event itself, e.g. who opened an email), but guards and actions may read it.
   */
  event: EventFacts;
  record: RecordFacts;
  /** Look up a stage's declared meta (required fields, activities). */
  stageMeta(stage: string): { requiredFields: string[]; activities: { id: string; required: boolean }[] } | undefined;
  /** What people call a field (its schema's `x-labels`; the path itself when it has none): reasons name fields by it. */
  fieldLabel?(path: string): Labels;
  /** What people call a value of a field (its `x-enumLabels` entry), when it has a label. */
  valueLabel?(path: string, value: unknown): Labels | undefined;
}

export interface GuardVerdict {
  ok: boolean;
  /** Why the guard said no, shown to the user. */
  reason?: Labels;
}

export interface GuardDefinition<P = Record<string, unknown>> {
  description: string;
  paramsSchema: JsonSchema;
  evaluate(ctx: GuardContext, params: P): GuardVerdict;
}

/** An action that changes the record's data inside the same atomic commit. */
export interface DataActionDefinition<P = Record<string, unknown>> {
  kind: 'data';
  description: string;
  paramsSchema: JsonSchema;
  /** Return the fields to set (a shallow patch of top-level fields). */
  apply(ctx: GuardContext, params: P): RecordData;
}

/** What an effect may do; every call is made idempotent by the engine with `idempotencyKey`. */
export interface EffectContext {
  record: RecordFacts & { data: RecordData; version: number };
  actor: string;
  /** The event whose transition queued this effect (`xstate.init` for a creation). */
  event: EventFacts;
  /** Unique per effect run; stable across retries. */
  idempotencyKey: string;
  /**
   * Aborted when the effect's deadline passes or the engine stops: hand it to `fetch` and
   * the like. The engine stops waiting then anyway, and retries the effect later.
   */
  signal: AbortSignal;
  /**
   * `assign: 'rules'`: given by the pack's assignment rules; to `owner` (and `handler`) when
   * they name nobody. `backLink`: a field of this effect's record that takes the new record's
   * id, in the same commit as the record (after it, when the rules assign it).
   */
  createRecord(entity: string, input: { data: RecordData; owner?: string; handler?: string; assign?: 'rules'; backLink?: string }): Promise<{ id: string }>;
  sendEvent(entity: string, id: string, event: { type: string; data?: RecordData; payload?: RecordData }): Promise<void>;
  /** Deliver to a user id, or to every user of a role (`role:manager`). */
  notify(user: string, message: Labels, link?: { entity: string; id: string }): Promise<void>;
  findRecords(entity: string, filter: Record<string, unknown>): Promise<{ id: string; data: RecordData }[]>;
  /** Change fields of the record this effect belongs to (idempotent, version-checked). */
  updateSelf(patch: RecordData): Promise<void>;
  /**
   * Send a message through a channel to a person record, at most once per call and retry:
   * a pack template, or content written on a record. Resolves with what happened (`sent`,
   * `skipped` for consent or a missing address, `failed` for good).
   */
  sendMessage(request: {
    channel: string;
    /** A person record (its entity is looked up when not given), a user, or every active user of a role. */
    to: { entity?: string; id: string } | { user: string } | { role: string };
    template?: string;
    content?: { subject?: string; body: string };
    /** Default: the template's purpose, or transactional. */
    purpose?: MessagePurpose;
  }): Promise<{ status: string; reason?: string }>;
  /**
   * Start a bulk send of content to an audience (the records of `audience.entity` its filter
   * selects, as the actor may see them), once per effect; opens and clicks send `track`'s
   * events to this record.
   */
  /** Reply in this record's conversation, through its channel, to the person on the other side (pack.json `inbox`). */
  sendReply(request: { text: string }): Promise<{ status: string }>;
  startBulkSend(spec: {
    channel: string;
    purpose: MessagePurpose;
    content: { subject?: string; body: string };
    audience: { entity: string; filter: Record<string, unknown>; segment?: string };
    track?: { open?: string; click?: string };
    countField?: string;
    rate?: number;
  }): Promise<void>;
}

/** An action that runs after commit, from the outbox, at least once. */
export interface EffectActionDefinition<P = Record<string, unknown>> {
  kind: 'effect';
  description: string;
  paramsSchema: JsonSchema;
  run(ctx: EffectContext, params: P): Promise<void>;
}

export type ActionDefinition<P = Record<string, unknown>> = DataActionDefinition<P> | EffectActionDefinition<P>;

/** Whether a message advertises (consent and advertising rules apply) or serves a deal under way. */
export type MessagePurpose = 'marketing' | 'transactional';

/** One message to one address, rendered, as a channel sends it. */
export interface OutgoingMessage {
  /** An email address, or a phone number in the +84… form. */
  to: string;
  subject?: string;
  text: string;
  html?: string;
  /** Headers the channel carries when it can (email: List-Unsubscribe). */
  headers?: Record<string, string>;
  purpose: MessagePurpose;
  /**
   * Stable across retries: hand it to the provider (SMTP Message-ID, the SMS API's request
   * id) so that a retry after a crash is recognised there and never sends twice.
   */
  idempotencyKey: string;
  /**
   * A reply in a conversation: when the person last wrote (the channel's reply window runs
   * from it) and the phone number the conversation knows (a fallback by phone outside it).
   */
  conversation?: { lastInboundAt?: string; phone?: string; name?: string; subject?: string; inReplyTo?: string };
}

/** What the provider said when it took the message. */
export interface SentMessage {
  /** The provider's id of the message: delivery reports name it. */
  providerId: string;
}

/** A provider's word on a message sent earlier (a delivery report, a bounce). */
export interface DeliveryReport {
  providerId: string;
  status: 'delivered' | 'failed';
  /** A failure that will not change by retrying (no such address): the address is marked undeliverable. */
  permanent?: boolean;
  /** The provider's words, kept for the timeline. */
  detail?: string;
}

/** An inbound HTTP request as a channel's route sees it: the raw bytes, before any parsing. */
export interface ChannelRequest {
  method: string;
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  query: Record<string, string>;
}

export interface ChannelResponse {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as plain text instead (a webhook handshake's challenge). */
  text?: string;
}

/** A message a person sent through a channel (Messenger, Zalo), as its webhook reported it. */
export interface InboundMessage {
  /** The provider's id of the message: a webhook delivered twice stores it once. */
  providerId: string;
  /** Who sent it, as the channel knows them (a page-scoped id, an email address), kept as a string. */
  from: { externalId: string; name?: string; phone?: string; email?: string };
  text: string;
  /** An email's subject: replies answer it (Re: …). */
  subject?: string;
  /** When the provider says it was sent (ISO). */
  at: string;
}

/** What the engine offers a channel while it runs. */
export interface ChannelHost {
  /** Where this channel's inbound routes are served from outside (`…/api/channels/<name>/<route>`). */
  routeUrl(route: string): string;
  /** Store delivery reports; reports of unknown messages are ignored, repeats change nothing. */
  report(reports: DeliveryReport[]): Promise<void>;
  /**
   * Store messages people sent, durably and once each (by provider id), to be handed to the
   * pack's inbox (a conversation found or created, its event sent) just after: call it once
   * the caller is verified, then answer the provider at once.
   */
  receive(messages: InboundMessage[]): Promise<void>;
  /** Small durable state of this channel (a provider's tokens), shared by every process on the store. */
  memory: ChannelMemory;
}

/** A channel's durable key-value state, with a lock every process on the same store respects. */
export interface ChannelMemory {
  get<T>(key: string): Promise<T | undefined>;
  /** Written and synced before it resolves. */
  set(key: string, value: unknown): Promise<void>;
  /**
   * Run `fn` while holding the lock `key`: another caller (in this or another process) waits
   * until it is released or its lease (`leaseMs`, default 30 s) runs out.
   */
  withLock<T>(key: string, fn: () => Promise<T>, leaseMs?: number): Promise<T>;
}

/** How long after a person's last message a channel takes free replies, and what it can do after. */
export interface ReplyWindow {
  hours: number;
  /** What replies become once the window has closed (Zalo: "ZNS" by phone), when the operator set it up; none: refused. */
  fallback?: string;
}

/** A configured channel: sends, and optionally answers its provider's callbacks. */
export interface OpenChannel {
  /** Send one message; throw a `ChannelError` (permanent or not) when the provider refuses it. */
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SentMessage>;
  /**
   * Inbound routes by name, served at POST/GET `/api/channels/<channel>/<name>` without a
   * session: each verifies its caller (a signature, a secret) on the raw request before it
   * reports anything, and answers 401 otherwise.
   */
  routes?: Record<string, (request: ChannelRequest) => Promise<ChannelResponse>>;
  close?(): Promise<void>;
}

/** Rules for advertising messages on a channel (Vietnamese brandname SMS: Decree 91/2020). */
export interface AdvertisingRules {
  /** Put in front of every advertising message, e.g. "[QC] ". */
  prefix?: string;
  /** Business-time window advertising may be sent in, "HH:MM" each; outside it, messages wait. */
  window?: { from: string; to: string };
  /** At most this many advertising messages per address per business day. */
  perDay?: number;
}

/** A channel a plugin adds (DESIGN.md decision 10). */
export interface ChannelDefinition<C = Record<string, unknown>> {
  labels: Labels;
  description: string;
  /**
   * Which of a person's addresses it sends to; `external`: the person's id on the channel
   * itself (a Messenger page-scoped id), which only a conversation on that channel knows.
   */
  address: 'email' | 'phone' | 'external';
  /** The operator's settings, validated before the channel opens (values from the environment are coerced). */
  configSchema: JsonSchema;
  /** Each setting's environment variable: secrets come only from here, never from files in the repo. */
  env: Record<string, string>;
  /** Settings that are secrets: never shown, never logged. */
  secrets?: string[];
  /** Rules for advertising messages, on by default; the operator may change them in the settings. */
  advertising?: AdvertisingRules;
  /** How long a text may be, per part (SMS: 160 GSM characters, 70 with Vietnamese marks). */
  segments?: boolean;
  /** For conversations: the window replies are free in, given the operator's settings; none: replies may go any time. */
  replyWindow?(config: C): ReplyWindow;
  /** The largest request its inbound routes take (default 256 KB): an email with its attachments needs more. */
  maxInboundBytes?: number;
  open(config: C, host: ChannelHost): OpenChannel;
}

/** A plugin: metadata plus optional capabilities. */
export interface Plugin {
  name: string;
  version: number;
  configSchema?: JsonSchema;
  guards?: Record<string, GuardDefinition<never>>;
  actions?: Record<string, ActionDefinition<never>>;
  /** Channels by name ("email", "sms"): a name is used once across plugins. */
  channels?: Record<string, ChannelDefinition<never>>;
}

/**
 * A provider refused a message. `permanent`: retrying cannot help (a rejected brandname,
 * wrong keys); `undeliverable`: the address itself is bad (no such mailbox, not a phone
 * number), so it is marked on the person and not tried again. Otherwise the engine retries
 * later with the same idempotency key.
 */
export class ChannelError extends Error {
  readonly permanent: boolean;
  readonly undeliverable: boolean;
  /** The provider's own code, kept for the timeline. */
  readonly providerCode?: string;

  constructor(message: string, options: { permanent?: boolean; undeliverable?: boolean; providerCode?: string } = {}) {
    super(message);
    this.name = 'ChannelError';
    this.undeliverable = options.undeliverable === true;
    this.permanent = options.permanent === true || this.undeliverable;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
  }
}

/**
 * Whether a caller's secret or signature (a header, a query value) equals the expected one,
 * compared in constant time: what every channel route checks before it stores anything.
 * @example if (!sameSecret(request.headers['x-hub-signature-256'], expected)) return { status: 401 };
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
