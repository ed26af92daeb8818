/**
 * Automations that failed for good (issue 11.6): the effects the outbox gave up on, for
 * admins to run again (after fixing what stopped them) or dismiss. Each names its record,
 * the action, the reason, how often it was tried and whose action set it off.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { UserError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { OutboxEntry } from './outbox.js';
import { OUTBOX, RECORDS } from '../../collections.js';
import { recordTitle, type CompiledDefinitions, type RecordDoc } from '../core/index.js';

/** An automation that failed for good, as admins see it: the one declaration of its shape (the API documents it with this schema). */
export const DEAD_LETTER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'entity', 'recordId', 'action', 'error', 'attempts', 'actor'],
  properties: {
    id: { type: 'string' },
    entity: { type: 'string' },
    recordId: { type: 'string' },
    recordTitle: { type: 'string', description: 'the record’s name, when it still exists and has one' },
    action: { type: 'string' },
    error: { type: 'string', description: 'the last error, as the engine or plugin said it' },
    code: { type: 'string', description: 'its code (event-not-allowed, not-found, effect-timeout, …), for a message in people’s words' },
    attempts: { type: 'integer' },
    actor: { type: 'string', description: 'whose action set it off (a user id, or a system actor)' },
    failedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export type DeadLetter = FromSchema<typeof DEAD_LETTER_SCHEMA>;

export interface DeadLetterQueries {
  /** Automations that failed for good, the latest first. */
  failedAutomations(query: { limit: number; skip: number }): Promise<{ items: DeadLetter[]; total: number }>;
  /** Run a failed automation again, now. Throws `not-found` when it is not a failed one. */
  retryAutomation(id: string): Promise<void>;
  /** Put a failed automation aside for good. Throws `not-found` when it is not a failed one. */
  dismissAutomation(id: string): Promise<void>;
}

/**
 * @example
 * const letters = deadLetterQueries({ store, compiled, kick });
 * await letters.retryAutomation(id);
 */
export function deadLetterQueries({ store, compiled, kick }: { store: Store; compiled: CompiledDefinitions; kick: () => void }): DeadLetterQueries {
  const failed = async (id: string): Promise<OutboxEntry> => {
    const entry = await store.get<OutboxEntry>(OUTBOX, id);
    if (!entry || entry.status !== 'failed') throw new UserError('not-found', `There is no failed automation with id ${id}`);
    return entry;
  };
  const settle = async (entry: OutboxEntry, change: Partial<OutboxEntry>) => {
    await store.commit([{ op: 'put', collection: OUTBOX, doc: { ...entry, ...change, version: entry.version + 1 }, expectVersion: entry.version }]);
  };
  return {
    async failedAutomations({ limit, skip }) {
      const filter = { status: 'failed' };
      const [entries, total] = await Promise.all([
        store.find<OutboxEntry>(OUTBOX, filter, { sort: { settledAt: -1, _id: 1 }, limit, skip }),
        store.count(OUTBOX, filter),
      ]);
      const items = await Promise.all(
        entries.map(async (entry): Promise<DeadLetter> => {
          const record = await store.get<RecordDoc>(RECORDS, entry.recordId);
          const definition = record ? await compiled.version(record.entity, record.definitionVersion).catch(() => undefined) : undefined;
          const title = record ? recordTitle(definition?.definition.schema, record.data) : undefined;
          return {
            id: entry._id,
            entity: entry.entity,
            recordId: entry.recordId,
            ...(title === undefined ? {} : { recordTitle: title }),
            action: entry.action,
            error: entry.lastError ?? '',
            ...(entry.lastErrorCode ? { code: entry.lastErrorCode } : {}),
            attempts: entry.attempts,
            actor: entry.actor,
            ...(entry.settledAt ? { failedAt: entry.settledAt } : {}),
          };
        }),
      );
      return { items, total };
    },
    async retryAutomation(id) {
      const entry = await failed(id);
      await settle(entry, { status: 'pending', attempts: 0, nextAttemptAt: new Date().toISOString() });
      kick();
    },
    async dismissAutomation(id) {
      await settle(await failed(id), { status: 'dismissed' });
    },
  };
}
