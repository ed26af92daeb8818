/**
 * Where a bulk send stands, as the record's page shows it: its counters, what the messages
 * led to so far (delivered, opened, clicked: one aggregation over its messages), and why it
 * waits, if it does.
 */
import type { Store } from '../../../store/store.js';
import type { BulkSendDoc, BulkStatus } from './bulk-send.js';
import { MESSAGES } from '../../../collections.js';

/** What the record's page shows: counts, and the funnel of what the messages led to. */
export interface BulkProgress {
  id: string;
  status: BulkStatus;
  channel: string;
  event?: string;
  segment?: string;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  remaining: number;
  rate: number;
  delivered: number;
  opened: number;
  clicked: number;
  createdAt: string;
  finishedAt?: string;
  waitUntil?: string;
  /** Why it waits: `channel-off` (its channel is not configured), or advertising hours. */
  waitReason?: string;
}

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
