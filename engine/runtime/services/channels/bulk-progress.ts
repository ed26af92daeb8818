/**
 * Where a bulk send stands, as the record's page shows it: its counters, what the messages
 * led to so far (delivered, opened, clicked: one aggregation over its messages), and why it
 * waits, if it does.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { Store } from '../../../store/store.js';
import type { BulkSendDoc } from './bulk-send.js';
import { MESSAGES } from '../../../collections.js';

/**
 * What the record's page shows: counts, and the funnel of what the messages led to. The one
 * declaration of its shape: the API documents it with this schema.
 */
export const BULK_PROGRESS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'channel', 'total', 'sent', 'failed', 'skipped', 'remaining', 'rate', 'delivered', 'opened', 'clicked', 'createdAt'],
  properties: {
    id: { type: 'string' },
    status: { enum: ['running', 'paused', 'cancelled', 'done'] },
    channel: { type: 'string' },
    event: { type: 'string', description: 'the event that started it: whoever may send it may pause, resume or cancel' },
    segment: { type: 'string' },
    total: { type: 'integer' },
    sent: { type: 'integer' },
    failed: { type: 'integer' },
    skipped: { type: 'integer' },
    remaining: { type: 'integer' },
    rate: { type: 'number', description: 'messages a minute lately' },
    delivered: { type: 'integer' },
    opened: { type: 'integer' },
    clicked: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    waitUntil: { type: 'string', format: 'date-time' },
    waitReason: { type: 'string', description: '`channel-off` (its channel is not configured), or advertising hours' },
  },
} as const;

export type BulkProgress = FromSchema<typeof BULK_PROGRESS_SCHEMA>;

export async function bulkProgress(store: Store, doc: BulkSendDoc, channelReady: (channel: string) => boolean): Promise<BulkProgress> {
  const engaged = await store.aggregate<{ _id: null; delivered: number; opened: number; clicked: number }>(MESSAGES, [
    { $match: { bulk: doc._id } },
    {
      $group: {
        _id: null,
        delivered: { $sum: { $cond: [{ $eq: ['$status', 'delivered'] }, 1, 0] } },
        // A click counts as an open (images are often blocked); scanners' opens count for nothing.
        opened: { $sum: { $cond: [{ $ifNull: ['$openedAt', false] }, 1, 0] } },
        clicked: { $sum: { $cond: [{ $ifNull: ['$clickedAt', false] }, 1, 0] } },
      },
    },
  ]);
  const { delivered = 0, opened = 0, clicked = 0 } = engaged[0] ?? {};
  return {
    id: doc._id,
    status: doc.status,
    channel: doc.channel,
    ...(doc.event ? { event: doc.event } : {}),
    ...(doc.audience.segment ? { segment: doc.audience.segment } : {}),
    total: doc.total,
    sent: doc.sent,
    failed: doc.failed,
    skipped: doc.skipped,
    remaining: doc.total - doc.sent - doc.failed - doc.skipped,
    rate: doc.rate,
    delivered,
    opened,
    clicked,
    createdAt: doc.createdAt,
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt } : {}),
    ...(doc.waitUntil && doc.waitUntil > new Date().toISOString() ? { waitUntil: doc.waitUntil, ...(doc.waitReason ? { waitReason: doc.waitReason } : {}) } : {}),
    ...(doc.waitReason === 'channel-off' && doc.status === 'running' && !channelReady(doc.channel) ? { waitReason: 'channel-off' } : {}),
  };
}
