/** The narrow context an effect runs with; every call is idempotent by the entry's key. */
import type { EffectContext } from '../plugins/contract.js';
import { DuplicateKeyError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { OutboxEntry } from './outbox.js';
import { resolveRecipient } from './recipients.js';
import type { RecordDoc } from './record.js';
import { RECORDS, type RecordService } from './record-service.js';

export const NOTIFICATIONS = 'notifications';

export function effectContext(entry: OutboxEntry, record: RecordDoc, store: Store, records: RecordService, signal: AbortSignal): EffectContext {
  const key = entry._id;
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
    async createRecord(entity, input) {
      const created = await records.create(entity, input, `system:effect:${entry.action}`, { idempotencyKey: `${key}:create:${entity}` });
      return { id: created._id };
    },
    async sendEvent(entity, id, event) {
      await records.send(entity, id, event, `system:effect:${entry.action}`, { idempotencyKey: `${key}:send:${id}` });
    },
    async notify(recipient, message, link) {
      // A role reaches each of its users; all of them in one commit, so a retry after
      // success is one duplicate key, never half a delivery.
      const users = await resolveRecipient(store, recipient);
      if (users.length === 0) return;
      const createdAt = new Date().toISOString();
      try {
        await store.commit(
          users.map((user) => ({
            op: 'insert' as const,
            collection: NOTIFICATIONS,
            doc: { _id: `${key}:notify:${user}`, user, message, link, read: false, createdAt },
          })),
        );
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error; // already delivered by an earlier attempt
      }
    },
    async updateSelf(patch) {
      await records.update(record.entity, record._id, { data: patch }, `system:effect:${entry.action}`, { idempotencyKey: `${key}:update` });
    },
    async findRecords(entity, filter) {
      const docs = await store.find<RecordDoc>(RECORDS, { ...filter, entity });
      return docs.map((d) => ({ id: d._id, data: d.data }));
    },
  };
}
