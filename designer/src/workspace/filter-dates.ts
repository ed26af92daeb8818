/**
 * Calendar days in the business time zone, for relative filters ("today", "in the last 7
 * days", "this month") computed when the list asks, whatever the browser's zone. Pure.
 */

/** The zone the business's days begin in (the engine's default BUSINESS_TIMEZONE). */
export { BUSINESS_TIME_ZONE } from '../i18n/format.js';

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (utcMs: number) => {
  const d = new Date(utcMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const dayMs = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/**
 * The calendar day (yyyy-mm-dd) that `now` falls on in `timeZone`.
 *
 * @example businessDay(new Date('2026-05-12T18:30:00Z'), 'Asia/Ho_Chi_Minh') // '2026-05-13'
 */
export function businessDay(now: Date, timeZone: string): string {
  const w = wallClock(now.getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The day `count` days after `day` (before, when negative).
 *
 * @example addDays('2026-02-27', 2) // '2026-03-01'
 */
export function addDays(day: string, count: number): string {
  return isoDay(dayMs(day) + count * DAY_MS);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO, UTC) at which `day` begins in `timeZone`: the bound date-time values
 * (stored as ISO UTC text) are compared with.
 *
 * @example dayStart('2026-05-13', 'Asia/Ho_Chi_Minh') // '2026-05-12T17:00:00.000Z'
 */
export function dayStart(day: string, timeZone: string): string {
  const midnight = dayMs(day);
  const first = midnight - offsetAt(midnight, timeZone);
  // A zone whose offset changes that night (summer time) needs the offset of the answer itself.
  const second = midnight - offsetAt(first, timeZone);
  return new Date(second).toISOString();
}
