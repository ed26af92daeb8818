/**
 * Dates, times, numbers and money as the app's language writes them (../shared/UX.md), not
 * the browser's: Vietnamese 02/12/2026, 14:30, 12.500.000 ₫; English 2 Dec 2026, 2:30 pm,
 * ₫12,500,000. Instants are shown in the agency's business time zone.
 */
import type { Lang } from '../model/draft.js';

/** The agency's time zone: "today", reminders and timestamps are read in it. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) cache.set(key, (found = make()));
  return found;
}

function dateFormat(lang: Lang, timeZone: string): Intl.DateTimeFormat {
  return cached(`d:${lang}:${timeZone}`, () =>
    new Intl.DateTimeFormat(LOCALE[lang], lang === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone } : { day: 'numeric', month: 'short', year: 'numeric', timeZone }),
  );
}

function timeFormat(lang: Lang, timeZone: string): Intl.DateTimeFormat {
  return cached(`t:${lang}:${timeZone}`, () =>
    new Intl.DateTimeFormat(LOCALE[lang], lang === 'vi' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone } : { hour: 'numeric', minute: '2-digit', hour12: true, timeZone }),
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day (`2026-12-02`) or the day of an instant in the business time zone.
 * @example formatDate('2026-12-02', 'vi') // '02/12/2026'; formatDate('2026-12-02', 'en') // '2 Dec 2026'
 */
export function formatDate(value: string, lang: Lang, timeZone = BUSINESS_TIME_ZONE): string {
  if (DAY.test(value)) return dateFormat(lang, 'UTC').format(new Date(`${value}T00:00:00Z`));
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : dateFormat(lang, timeZone).format(at);
}

/** @example formatTime('2026-12-02T07:30:00Z', 'vi') // '14:30'; in 'en' '2:30 pm' */
export function formatTime(value: string, lang: Lang, timeZone = BUSINESS_TIME_ZONE): string {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : timeFormat(lang, timeZone).format(at);
}

/** @example formatDateTime('2026-12-02T07:30:00Z', 'vi') // '02/12/2026 14:30' */
export function formatDateTime(value: string, lang: Lang, timeZone = BUSINESS_TIME_ZONE): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return `${dateFormat(lang, timeZone).format(at)} ${timeFormat(lang, timeZone).format(at)}`;
}

/** @example formatNumber(12500000, 'vi') // '12.500.000' */
export function formatNumber(value: number, lang: Lang): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 })).format(value);
}

/** @example formatMoney(12500000, 'vi') // '12.500.000 ₫'; in 'en' '₫12,500,000' */
export function formatMoney(value: number, lang: Lang): string {
  return cached(`m:${lang}`, () => new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 })).format(value);
}

/**
 * Make the language's formats now. The first format of a kind costs the browser tens of
 * milliseconds (its locale data); the early script (../start-early.ts) pays it while the
 * app's main script is still being read, not when the first page draws its dates and sums.
 */
export function warmFormats(lang: Lang): void {
  dateFormat(lang, BUSINESS_TIME_ZONE);
  dateFormat(lang, 'UTC');
  timeFormat(lang, BUSINESS_TIME_ZONE);
  formatNumber(0, lang);
  formatMoney(0, lang);
}
