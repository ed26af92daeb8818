/**
 * Date placeholders in record filters of recurring jobs, resolved when the job runs, in
 * its time zone, into a plain query both store adapters answer alike (`$regex` on the
 * ISO text of the field):
 *
 * - `{ "data.dateOfBirth": { "$monthDayIs": "today" } }`: the field's month and day are
 *   today's (anniversaries; on 28 February of a common year, 29 February matches too);
 * - `{ "data.dueDate": { "$dateIs": "today+3" } }`: the field's calendar date is that day;
 * - `{ "data.dateOfBirth": { "$lunarMonthDayIs": "today" } }`: the field holds a date of the
 *   lunar calendar (as people record lunar birthdays) whose month and day are today's lunar
 *   ones; on the 29th, last day of a short lunar month, the 30th matches too; a leap month
 *   matches nobody (birthdays are kept in the regular month). The conversion is
 *   lunar-javascript's (the Chinese calendar; the Vietnamese one, reckoned at UTC+7, differs
 *   from it on a rare new moon near midnight).
 *
 * The day is `today`, `today+N` or `today-N`. A field holds an ISO date (`1990-05-13`) or
 * date-time; for a date-time, the date as written counts.
 */
import { LunarMonth, Solar } from 'lunar-javascript';
import type { Filter } from '../store/store.js';
import { addDays, isLeapYear, localDate } from '../runtime/core/index.js';

export const DATE_PLACEHOLDERS = ['$monthDayIs', '$dateIs', '$lunarMonthDayIs'] as const;
export type DatePlaceholder = (typeof DATE_PLACEHOLDERS)[number];

const DAY = /^today(?:([+-])(\d{1,4}))?$/;

export function isDatePlaceholder(key: string): key is DatePlaceholder {
  return (DATE_PLACEHOLDERS as readonly string[]).includes(key);
}

/** Days from today a placeholder value names, or undefined when it is not one. */
export function dayOffset(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DAY.exec(value);
  if (!m) return undefined;
  return m[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * Number(m[2]);
}

const pad = (n: number) => String(n).padStart(2, '0');

function resolveOne(placeholder: DatePlaceholder, value: unknown, now: Date, timeZone: string): Filter {
  const offset = dayOffset(value);
  if (offset === undefined) throw new Error(`${placeholder} needs "today", "today+N" or "today-N", not ${JSON.stringify(value)}`);
  const day = addDays(localDate(now, timeZone), offset);
  if (placeholder === '$lunarMonthDayIs') return lunarMonthDay(day);
  if (placeholder === '$dateIs') return { $regex: `^${String(day.year).padStart(4, '0')}-${pad(day.month)}-${pad(day.day)}` };
  const days = day.month === 2 && day.day === 28 && !isLeapYear(day.year) ? '(28|29)' : pad(day.day);
  return { $regex: `^\\d{4}-${pad(day.month)}-${days}` };
}

/** The query for dates of the lunar calendar falling on `day` (a solar date) this year. */
function lunarMonthDay(day: { year: number; month: number; day: number }): Filter {
  const lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar();
  if (lunar.getMonth() < 0) return { $in: [] };
  const short = lunar.getDay() === 29 && LunarMonth.fromYm(lunar.getYear(), lunar.getMonth())?.getDayCount() === 29;
  return { $regex: `^\\d{4}-${pad(lunar.getMonth())}-${short ? '(29|30)' : pad(lunar.getDay())}` };
}

/**
 * A copy of `filter` with every date placeholder replaced by its query for `now`.
 * @example
 * resolveDatePlaceholders({ 'data.dateOfBirth': { $monthDayIs: 'today' } }, new Date('2026-05-12T18:30:00Z'), 'Asia/Ho_Chi_Minh')
 * // { 'data.dateOfBirth': { $regex: '^\\d{4}-05-13' } }
 */
export function resolveDatePlaceholders<T>(filter: T, now: Date, timeZone: string): T {
  if (Array.isArray(filter)) return filter.map((item: unknown) => resolveDatePlaceholders(item, now, timeZone)) as T;
  if (filter === null || typeof filter !== 'object') return filter;
  const entries = Object.entries(filter as Record<string, unknown>);
  const placeholder = entries.find(([key]) => isDatePlaceholder(key));
  if (placeholder) return resolveOne(placeholder[0] as DatePlaceholder, placeholder[1], now, timeZone) as T;
  return Object.fromEntries(entries.map(([key, value]) => [key, resolveDatePlaceholders(value, now, timeZone)])) as T;
}
