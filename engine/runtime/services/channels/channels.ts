/**
 * The engine's channels, assembled: the configured channels (./channel-hub.ts), templates
 * (./template-book.ts), one-message sending (./messenger.ts), bulk sends (./bulk-send.ts)
 * and tracking (./tracking.ts). `ChannelsPort` is what the HTTP API may use of them.
 */
import { randomBytes } from 'node:crypto';
import type { EntitySchema, MessageTemplate } from '../../../definitions/definition.js';
import { DuplicateKeyError, UserError } from '../../../errors.js';
import type { ChannelRequest, ChannelResponse, DeliveryReport, ReplyWindow } from '../../../plugins/contract.js';
import type { Registry } from '../../../plugins/registry.js';
import type { Store } from '../../../store/store.js';
import type { RecordService } from '../record-service.js';
import { BulkSender, type BulkProgress, type BulkSenderOptions } from './bulk-send.js';
import { ChannelHub, type ChannelSummary } from './channel-hub.js';
import { channelMemory } from './channel-memory.js';
import { composeEmail, composeSms } from './compose.js';
import type { Assigner } from '../assignment.js';
import type { ChangeFeed } from '../change-feed.js';
import { funnelCounts, funnelOf, type FunnelStep } from './funnel.js';
import { InboundQueue, type InboxDecl } from './inbound.js';
import { Messenger } from './messenger.js';
import { personOf } from './person.js';
import { renderTemplate, smsSegments, type Lang, type ReachCheck, type RecordDoc } from '../../core/index.js';
import { TemplateBook, type TemplateEdit, type TemplateView } from './template-book.js';
import { Tracking } from './tracking.js';
import { RECORDS, SETTINGS } from '../../../collections.js';

export interface ChannelsOptions {
  store: Store;
  records: RecordService;
  registry: Registry;
  /** Where channels read their settings (process.env). */
  env: NodeJS.ProcessEnv;
  timeZone: string;
  /** The server as people outside reach it; `setPublicUrl` fills it in once the server listens when unset. */
  publicUrl?: string;
  templates: MessageTemplate[];
  schemaOf(entity: string): Promise<EntitySchema | undefined>;
  reach?: ReachCheck;
  bulk?: BulkSenderOptions;
  /** Where messages people send go (pack.json `inbox`), and who gets new conversations. */
  inbox?: InboxDecl;
  assigner?: Assigner;
  changes?: ChangeFeed;
}

/** A rendered preview of a template on a real record. */
export interface TemplatePreview {
  lang: Lang;
  subject?: string;
  text: string;
  html?: string;
  /** SMS: how the text is counted. */
  sms?: { encoding: 'gsm' | 'unicode'; length: number; segments: number; perSegment: number };
}

export interface ChannelsPort {
  list(): ChannelSummary[];
  /** Send a test message straight through a channel (no person, no consent): the provider's id. */
  sendTest(channel: string, to: string, actor: string): Promise<{ providerId: string }>;
  templates(): Promise<TemplateView[]>;
  saveTemplate(id: string, edit: TemplateEdit, actor: string): Promise<TemplateView>;
  /** Render a template (or an unsaved edit of it) on a record, in a language. */
  preview(input: { template: string; record: { entity: string; id: string }; lang: Lang; edit?: Omit<TemplateEdit, 'version'> }): Promise<TemplatePreview>;
  bulkProgress(recordId: string): Promise<BulkProgress | undefined>;
  /** The steps of the record's `x-funnel` (what the messages led to), counted. */
  funnel(entity: string, recordId: string): Promise<FunnelStep[]>;
  bulkCommand(recordId: string, command: 'pause' | 'resume' | 'cancel'): Promise<BulkProgress>;
  tracking: Tracking;
  /** Whether a ready channel serves an inbound route of that name. */
  hasRoute(channel: string, route: string): boolean;
  /** The largest request a channel's inbound routes take. */
  maxInboundBytes(channel: string): number;
  /** Answer a provider's call to a channel's inbound route. */
  inbound(channel: string, route: string, request: ChannelRequest): Promise<ChannelResponse>;
  setPublicUrl(url: string): void;
}

export interface Channels {
  messenger: Messenger;
  bulk: BulkSender;
  port: ChannelsPort;
  start(): void;
  close(): Promise<void>;
}

/** The secret tracking links are signed with: TRACKING_SECRET, else one generated once and kept in the store. */
async function trackingSecret(store: Store, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TRACKING_SECRET) return env.TRACKING_SECRET;
  const stored = await store.get<{ _id: string; value: string }>(SETTINGS, 'tracking-secret');
  if (stored) return stored.value;
  const value = randomBytes(32).toString('base64url');
  try {
    await store.commit([{ op: 'insert', collection: SETTINGS, doc: { _id: 'tracking-secret', value } }]);
    return value;
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    return ((await store.get<{ _id: string; value: string }>(SETTINGS, 'tracking-secret'))?.value ?? value);
  }
}

const TEST_TEXT = 'Tin nhắn thử từ tourflow: kênh đã sẵn sàng.\nA test message from tourflow: the channel works.';

export async function openChannels(options: ChannelsOptions): Promise<Channels> {
  const { store, records, registry } = options;
  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? 'http://localhost:3000';
  const publicUrlFixed = options.publicUrl !== undefined;
  const secret = await trackingSecret(store, options.env);
  // Delivery reports reach the messenger, made just below.
  const reports: { to?: Messenger } = {};
  await InboundQueue.ensureIndexes(store);
  const windows: { of?: (channel: string) => ReplyWindow | undefined } = {};
  const inbound = new InboundQueue(store, records, options.inbox, options.assigner, (channel) => windows.of?.(channel));
  const hub = ChannelHub.open(registry, options.env, (channel) => ({
    routeUrl: (route) => `${publicUrl}/api/channels/${channel}/${route}`,
    report: (delivered: DeliveryReport[]) => (reports.to ? reports.to.report(channel, delivered) : Promise.resolve()),
    receive: (messages) => inbound.receive(channel, messages),
    memory: channelMemory(store, channel),
  }));
  windows.of = (channel) => hub.replyWindow(channel);
  const book = new TemplateBook(store, () => options.templates);
  const sender = new Messenger(store, records, hub, {
    timeZone: options.timeZone,
    get publicUrl() {
      return publicUrl;
    },
    trackingSecret: secret,
    schemaOf: (entity) => options.schemaOf(entity),
    templates: () => book.list(),
    ...(options.inbox ? { inbox: options.inbox } : {}),
    ...(options.changes ? { changes: options.changes } : {}),
  });
  reports.to = sender;
  await Messenger.ensureIndexes(store);
  await BulkSender.ensureIndexes(store);
  const bulk = new BulkSender(store, sender, records, options.reach, options.bulk);
  const tracking = new Tracking(sender, records);

  const port: ChannelsPort = {
    list: () => hub.list(),
    async sendTest(channel, to, actor) {
      const open = hub.get(channel);
      const why = hub.whyNot(channel);
      if (!open || why) throw new UserError('invalid-request', why ?? `The ${channel} channel is not ready`, { issues: [{ pointer: '/channel', message: why ?? 'is not ready' }] });
      const address = hub.definition(channel)?.address;
      const text = TEST_TEXT;
      const key = `test:${channel}:${Date.now()}:${randomBytes(4).toString('hex')}`;
      const message = address === 'email' ? { to, ...composeEmail({ subject: 'tourflow: tin nhắn thử / test message', text }, 'vi') } : { to, text };
      try {
        return await open.send({ ...message, purpose: 'transactional', idempotencyKey: key }, AbortSignal.timeout(30_000));
      } catch (error) {
        throw new UserError('invalid-request', `The ${channel} channel could not send to ${to}: ${error instanceof Error ? error.message : String(error)}`, {
          issues: [{ pointer: '/to', message: error instanceof Error ? error.message : String(error) }],
          extra: { actor },
        });
      }
    },
    templates: () => book.list(),
    saveTemplate: (id, edit, actor) => book.save(id, edit, actor),
    async preview({ template: id, record, lang, edit }) {
      const template = { ...(await book.get(id)), ...(edit ?? {}) };
      const doc = await store.get<RecordDoc>(RECORDS, record.id);
      if (!doc || doc.entity !== record.entity) throw new UserError('not-found', `There is no ${record.entity} with id ${record.id}`);
      const schema = await options.schemaOf(doc.entity);
      const person = personOf(schema, doc.data);
      const variables = { record: { ...doc.data, id: doc._id, stage: doc.stage }, person: { ...doc.data, name: person?.name ?? '' } };
      const subject = template.subject ? (await renderTemplate(template.subject[lang], variables, lang, options.timeZone)).trim() : undefined;
      const text = await renderTemplate(template.body[lang], variables, lang, options.timeZone);
      const address = hub.definition(template.channel)?.address ?? (template.channel === 'email' ? 'email' : 'phone');
      if (address === 'email') {
        const email = composeEmail({ subject: subject ?? '', text }, lang);
        return { lang, ...(subject ? { subject } : {}), text: email.text, html: email.html };
      }
      const sms = composeSms(text, { advertising: hub.advertisingRules(template.channel), marketing: template.purpose === 'marketing', strip: template.stripDiacritics === true });
      return { lang, text: sms, sms: smsSegments(sms) };
    },
    bulkProgress: (recordId) => bulk.progress(recordId),
    funnel: async (entity, recordId) => funnelCounts(store, funnelOf(await options.schemaOf(entity)), recordId),
    bulkCommand: (recordId, command) => bulk.command(recordId, command),
    tracking,
    hasRoute: (channel, route) => Object.hasOwn(hub.get(channel)?.routes ?? {}, route),
    maxInboundBytes: (channel) => hub.definition(channel)?.maxInboundBytes ?? 256 * 1024,
    async inbound(channel, route, request) {
      const handler = hub.get(channel)?.routes?.[route];
      if (!handler) throw new UserError('not-found', `The ${channel} channel has no route "${route}"`);
      return handler(request);
    },
    setPublicUrl(url) {
      if (!publicUrlFixed) publicUrl = url.replace(/\/+$/, '');
    },
  };
  return {
    messenger: sender,
    bulk,
    port,
    start: () => {
      bulk.start();
      inbound.start();
    },
    async close() {
      await bulk.stop();
      await inbound.stop();
      await hub.close();
    },
  };
}
