/** One message to one person as stored (collection `messages`, `_id` = its idempotency key). */
import type { MessagePurpose } from '../../../plugins/contract.js';
import type { Lang } from '../../core/index.js';

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'failed' | 'skipped';

/** One message to one person (collection `messages`, `_id` = its idempotency key). */
export interface MessageDoc {
  _id: string;
  channel: string;
  purpose: MessagePurpose;
  to: string;
  lang: Lang;
  recipient?: { entity: string; id: string };
  about: { entity: string; id: string };
  template?: string;
  subject?: string;
  status: MessageStatus;
  /** Why it was skipped or failed: no-address, opted-out, undeliverable, or the provider's words. */
  reason?: string;
  providerId?: string;
  /** The bulk send it belongs to, and the events its opens and clicks send to the record it is about. */
  bulk?: string;
  track?: { open?: string; click?: string };
  createdAt: string;
  sentAt?: string;
  deliveredAt?: string;
  openedAt?: string;
  clickedAt?: string;
  opens: number;
  clicks: number;
  /** Opens that came from an image proxy or a security scanner, not a person. */
  machineOpens?: number;
  version: number;
  [key: string]: unknown;
}
