/** The narrow context an effect runs with; every call is idempotent by the entry's key. */
import type { EffectContext } from '../../plugins/contract.js';
import { DuplicateKeyError, UserError } from '../../errors.js';
import type { Store, WriteOp } from '../../store/store.js';
import type { Labels } from '../../definitions/definition.js';
import type { Assigner } from './assignment.js';
import type { OutboxEntry } from './outbox.js';
import type { BulkSender } from './channels/bulk-send.js';
import { STAFF, type Messenger } from './channels/messenger.js';
import type { RecordService } from './record-service.js';
import { RECORDS, NOTIFICATIONS } from '../../collections.js';
import { resolveRecipient } from '../access/index.js';
import { isSystemActor, reachedRecord, type ReachCheck, type RecordDoc } from '../core/index.js';

/** The channels effects send through; absent in an engine without them (messages then fail, saying so). */
export interface ChannelServices {
  messenger: Messenger;
  bulk: BulkSender;
}

const noChannels = (): never => {
  throw new UserError('invalid-request', 'This engine has no channels: messages cannot be sent');
};

/**
 * The inbox messages telling `recipient` (a user, or `role:<role>`: each of its users now)
 * about `link`, as inserts keyed by `key` and the user, so that writing them twice is a
 * duplicate key, never a second message. None when nobody holds the role.
 */
export async function notificationOps(store: Store, key: string, recipient: string, message: Labels, link?: { entity: string; id: string }): Promise<WriteOp[]> {
  const users = await resolveRecipient(store, recipient);
  const createdAt = new Date().toISOString();
  return users.map((user) => ({
    op: 'insert' as const,
    collection: NOTIFICATIONS,
    doc: { _id: `${key}:notify:${user}`, user, message, ...(link ? { link } : {}), read: false, createdAt },
  }));
}

/**
 * What an effect is given. When a person's event queued it, it reaches only the records that
 * person could (DESIGN.md decision 9): sending an event to another record is refused as if
 * it did not exist, and a search finds only what they see.
 */
export function effectContext(
  entry: OutboxEntry,
  record: RecordDoc,
  store: Store,
  records: RecordService,
  signal: AbortSignal,
  reach?: ReachCheck,
  channels?: ChannelServices,
  assigner?: Assigner,
): EffectContext {
  const key = entry._id;
  const person = reach !== undefined && !isSystemActor(entry.actor) ? entry.actor : undefined;
  const reaches = async (doc: RecordDoc) => person === undefined || reach === undefined || (await reach(person, reachedRecord(doc)));
  return {
    signal,
    record: {
      id: record._id,
      entity: record.entity,
      stage: record.stage,
      owner: record.owner,
      handler: record.handler,
      activitiesDone: record.activitiesDone,
      data: record.data,
      version: record.version,
    },
    actor: entry.actor,
    event: entry.event,
    idempotencyKey: key,
    async createRecord(entity, { assign, backLink, ...input }) {
      const actor = `system:effect:${entry.action}`;
      const created = { idempotencyKey: `${key}:create:${entity}` };
      // The link back to it: the same key as `updateSelf`'s, which made it before.
      const link = backLink === undefined ? undefined : { entity: record.entity, id: record._id, field: backLink, idempotencyKey: `${key}:update` };
      if (assign !== 'rules' || !assigner) {
        const made = link ? await records.createLinked(entity, input, actor, created, link) : await records.create(entity, input, actor, created);
        return { id: made._id };
      }
      // Created unowned for the rules to give; whom they name nobody, the owner asked for keeps.
      // Again after a retry: a record given already is left as it is.
      const made = await records.create(entity, { data: input.data }, actor, created);
      const given = await assigner.assign(entity, made._id);
      if (!given && input.owner && !(await records.load(entity, made._id)).owner) {
        await records.assign(entity, made._id, { owner: input.owner, ...(input.handler ? { handler: input.handler } : {}) }, actor);
      }
      if (link) await records.update(link.entity, link.id, { data: { [link.field]: made._id } }, actor, { idempotencyKey: link.idempotencyKey });
      return { id: made._id };
    },
    async sendEvent(entity, id, event) {
      // Read the target only when a person's reach limits the automation.
      const target = person === undefined ? undefined : await store.get<RecordDoc>(RECORDS, id);
      if (target && target.entity === entity && !(await reaches(target))) {
        throw new UserError('not-found', `There is no ${entity} with id ${id} that ${person ?? 'this automation'} may reach: the automation does not act on it`);
      }
      await records.send(entity, id, event, `system:effect:${entry.action}`, { idempotencyKey: `${key}:send:${id}` });
    },
    async notify(recipient, message, link) {
      // A role reaches each of its users; all of them in one commit, so a retry after
      // success is one duplicate key, never half a delivery.
      const ops = await notificationOps(store, key, recipient, message, link);
      if (ops.length === 0) return;
      try {
        await store.commit(ops);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error; // already delivered by an earlier attempt
      }
    },
    async updateSelf(patch) {
      await records.update(record.entity, record._id, { data: patch }, `system:effect:${entry.action}`, { idempotencyKey: `${key}:update` });
    },
    async sendMessage(request) {
      if (!channels) return noChannels();
      const about = { entity: record.entity, id: record._id };
      const actor = `system:effect:${entry.action}`;
      // Staff: a user, or each user of a role, by the address on their profile.
      if ('user' in request.to || 'role' in request.to) {
        const users = 'user' in request.to ? [request.to.user] : await resolveRecipient(store, `role:${request.to.role}`);
        const outcomes: string[] = [];
        for (const user of users) {
          const sent = await channels.messenger.send({
            key: `${key}:message:${request.channel}:user:${user}`,
            channel: request.channel,
            ...(request.purpose ? { purpose: request.purpose } : {}),
            ...(request.template ? { template: request.template } : {}),
            ...(request.content ? { content: request.content } : {}),
            recipient: { entity: STAFF, id: user },
            about,
            actor,
            signal,
          });
          outcomes.push(sent.status);
        }
        return { status: outcomes.includes('sent') ? 'sent' : (outcomes[0] ?? 'skipped') };
      }
      // A person's automation reaches only the people they may see.
      const target = await store.get<RecordDoc>(RECORDS, request.to.id);
      if (!target || (request.to.entity !== undefined && target.entity !== request.to.entity) || !(await reaches(target))) {
        throw new UserError('not-found', `There is no ${request.to.entity ?? 'record'} with id ${request.to.id} that this automation may reach`);
      }
      const sent = await channels.messenger.send({
        key: `${key}:message:${request.channel}:${request.to.id}`,
        channel: request.channel,
        ...(request.purpose ? { purpose: request.purpose } : {}),
        ...(request.template ? { template: request.template } : {}),
        ...(request.content ? { content: request.content } : {}),
        recipient: { entity: target.entity, id: target._id },
        about: { entity: record.entity, id: record._id },
        actor: `system:effect:${entry.action}`,
        signal,
      });
      return { status: sent.status, ...(sent.reason ? { reason: sent.reason } : {}) };
    },
    async sendReply({ text }) {
      if (!channels) return noChannels();
      const sent = await channels.messenger.reply({ key: `${key}:reply`, conversation: record, text, actor: entry.actor, signal });
      return { status: sent.status };
    },
    async startBulkSend({ rate, ...spec }) {
      if (!channels) return noChannels();
      await channels.bulk.begin(record._id, { ...spec, about: { entity: record.entity, id: record._id }, event: entry.event.type }, entry.actor, rate);
    },
    async findRecords(entity, filter) {
      const docs = await store.find<RecordDoc>(RECORDS, { ...filter, entity });
      const reached = person === undefined ? docs : [];
      if (person !== undefined) for (const doc of docs) if (await reaches(doc)) reached.push(doc);
      return reached.map((d) => ({ id: d._id, data: d.data }));
    },
  };
}
