/**
 * A report's period as people name it, in the business time zone: a month (`2026-11`), a
 * quarter (`2026-Q4`), a year (`2026`), two days (`2026-11-01..2026-11-30`, both included),
 * or a relative one (`this-month`, `this-quarter`, `this-year`, `last-12-months`, `all`).
 * Each becomes the half-open range of instants [from, to) and of calendar days, so a
 * date-time field and a date field are narrowed alike.
 */
import { UserError } from '../../errors.js';
import { addDays, isoDate, localDate, startOfDay } from './calendar.js';

export interface Period {
  /** What was asked, resolved ("this-month" → "2026-12"). */
  name: string;
  /** First instant in, first instant out (ISO). */
  from: string;
  to: string;
  /** First day in, first day out (YYYY-MM-DD), for date fields. */
  fromDay: string;
  toDay: string;
}

type Day = { year: number; month: number; day: number };

const monthStart = (year: number, month: number): Day => ({ year: year + Math.floor((month - 1) / 12), month: ((((month - 1) % 12) + 12) % 12) + 1, day: 1 });

function range(name: string, first: Day, next: Day, timeZone: string): Period {
  return { name, from: startOfDay(first, timeZone).toISOString(), to: startOfDay(next, timeZone).toISOString(), fromDay: isoDate(first), toDay: isoDate(next) };
}

/** The period a name stands for, or undefined for `all`; a name it cannot read is a 400 naming the parameter. */
export function resolvePeriod(value: string, param: string, timeZone: string, now = new Date()): Period | undefined {
  if (value === 'all') return undefined;
  const today = localDate(now, timeZone);
  const quarterOf = (month: number) => Math.floor((month - 1) / 3);
  if (value === 'this-month') return resolvePeriod(`${today.year}-${String(today.month).padStart(2, '0')}`, param, timeZone, now);
  if (value === 'this-quarter') return resolvePeriod(`${today.year}-Q${quarterOf(today.month) + 1}`, param, timeZone, now);
  if (value === 'this-year') return resolvePeriod(String(today.year), param, timeZone, now);
  if (value === 'last-12-months') return range(value, monthStart(today.year, today.month - 11), monthStart(today.year, today.month + 1), timeZone);
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    return range(value, monthStart(year, month), monthStart(year, month + 1), timeZone);
  }
  match = /^(\d{4})-Q([1-4])$/.exec(value);
  if (match) {
    const [year, quarter] = [Number(match[1]), Number(match[2])];
    return range(value, monthStart(year, quarter * 3 - 2), monthStart(year, quarter * 3 + 1), timeZone);
  }
  match = /^(\d{4})$/.exec(value);
  if (match) return range(value, monthStart(Number(match[1]), 1), monthStart(Number(match[1]) + 1, 1), timeZone);
  match = /^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const first = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    const last = { year: Number(match[4]), month: Number(match[5]), day: Number(match[6]) };
    // A day that exists (no 31 November): it survives a round trip through the calendar.
    const valid = (d: Day) => isoDate(addDays(d, 0)) === isoDate(d) && d.month <= 12 && d.day <= 31;
    if (valid(first) && valid(last) && isoDate(first) <= isoDate(last)) return range(value, first, addDays(last, 1), timeZone);
  }
  throw new UserError('invalid-request', `${param} must be a month (2026-11), a quarter (2026-Q4), a year (2026), two days (2026-11-01..2026-11-30), this-month, this-quarter, this-year, last-12-months or all`, {
    issues: [{ pointer: `/query/${param}`, message: 'is not a period' }],
  });
}
