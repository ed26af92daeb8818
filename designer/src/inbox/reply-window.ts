/** What the reply box says about the channel's reply window, and whether a reply may go. */
import type { ReplyWindow } from './inbox-api.js';
import type { InboxKey } from './messages.js';

export interface WindowNote {
  key: InboxKey;
  params: Record<string, string | number>;
  canSend: boolean;
  /** Less than a day left, or closed: said in a warning colour. */
  urgent: boolean;
}

/** How long is left, in the largest whole unit. */
export function timeLeft(ms: number): { key: InboxKey; n: number } {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return { key: 'left.minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: 'left.hours', n: hours };
  return { key: 'left.days', n: Math.floor(hours / 24) };
}

export function windowNote(window: ReplyWindow, channel: string, formatDate: (iso: string) => string, now = Date.now()): WindowNote {
  if (!window.closesAt) return { key: 'window.none', params: { channel }, canSend: true, urgent: false };
  const closes = Date.parse(window.closesAt);
  const when = formatDate(window.closesAt);
  if (now <= closes) return { key: 'window.open', params: { channel, when, left: '' }, canSend: true, urgent: closes - now < 24 * 3_600_000 };
  if (window.fallback) return { key: 'window.fallback', params: { channel, when, fallback: window.fallback }, canSend: true, urgent: true };
  return { key: 'window.closed', params: { channel, when }, canSend: false, urgent: true };
}
