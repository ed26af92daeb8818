/** How long something has lasted, in words the workspace's messages hold (pure). */
import type { WorkKey } from './messages.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time since `since`, in its largest whole unit (minutes, hours, days).
 * @example elapsed('2026-05-10T08:00:00Z', Date.parse('2026-05-13T09:00:00Z')) // { key: 'age.days', count: 3 }
 */
export function elapsed(since: string, now: number): { key: WorkKey; count: number } {
  const ms = Math.max(0, now - Date.parse(since));
  if (ms >= DAY) {
    const count = Math.floor(ms / DAY);
    return { key: count === 1 ? 'age.day' : 'age.days', count };
  }
  if (ms >= HOUR) return { key: 'age.hours', count: Math.floor(ms / HOUR) };
  if (ms < MINUTE) return { key: 'age.now', count: 0 };
  return { key: 'age.minutes', count: Math.floor(ms / MINUTE) };
}
