/**
 * Calendar dates in a time zone, with the platform's Intl data (no library): what day it
 * is somewhere, and when a calendar date begins there. Pure.
 */

/** The business time zone when nothing else is configured. */
export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this platform knows ("Asia/Ho_Chi_Minh", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall-clock date and time of `at` in `timeZone`.
 * @example localDate(new Date('2026-05-12T18:30:00Z'), 'Asia/Ho_Chi_Minh') // { year: 2026, month: 5, day: 13, hour: 1, minute: 30 }
 */
export function localDate(at: Date, timeZone: string): LocalDate {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
}

/** The calendar date `days` after (or before) `date`: month and year lengths are the calendar's. */
export function addDays(date: Pick<LocalDate, 'year' | 'month' | 'day'>, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD`. */
export function isoDate(date: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * The instant a calendar date begins (00:00) in `timeZone`.
 * @example startOfDay({ year: 2026, month: 5, day: 13 }, 'Asia/Ho_Chi_Minh') // 2026-05-12T17:00:00.000Z
 */
export function startOfDay(date: Pick<LocalDate, 'year' | 'month' | 'day'>, timeZone: string): Date {
  return zonedInstant({ ...date, hour: 0, minute: 0 }, timeZone);
}

/**
 * The instant a wall-clock date and time happens in `timeZone`.
 * @example zonedInstant({ year: 2026, month: 5, day: 13, hour: 8, minute: 0 }, 'Asia/Ho_Chi_Minh') // 2026-05-13T01:00:00.000Z
 */
export function zonedInstant(date: LocalDate, timeZone: string): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute);
  // Guess midnight UTC, then correct by the zone's offset at the guess (twice, for a
  // guess that lands on the other side of a DST change).
  let at = wanted;
  for (let i = 0; i < 2; i++) {
    const seen = localDate(new Date(at), timeZone);
    const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    at += wanted - seenUtc;
  }
  return new Date(at);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a date field means: a calendar date (`2026-05-13`) begins at midnight in
 * `timeZone`; a date-time carries its own offset. Undefined when it is not a date.
 */
export function instantOf(value: unknown, timeZone: string): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_ONLY.exec(value);
  if (m) return startOfDay({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, timeZone);
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
