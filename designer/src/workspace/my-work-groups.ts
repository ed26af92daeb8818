/** How My work groups the inbox by the business day the engine names, and shows its times (pure). */
import { formatDateTime, formatTime } from '../i18n/format.js';
import type { Lang } from '../model/draft.js';
import type { BusinessDay, UpcomingReminder } from './reminder-types.js';

/** What grouping needs of a notification (the inbox's items have more). */
interface Dated {
  read: boolean;
  createdAt: string;
}

export interface MyWork<Item extends Dated> {
  /** Unread notifications from before today. */
  overdue: Item[];
  /** Today's notifications, unread first. */
  today: Item[];
  /** Reminders armed on my records that fall due before the day ends. */
  later: UpcomingReminder[];
  /** Those due in the days after today (as many as were asked for). */
  coming: UpcomingReminder[];
  day: BusinessDay;
}

/**
 * Split the inbox (unread first, newest first) by the business day; read notifications
 * from before today are done and left out.
 * @example groupMyWork(inbox.items, await remindersApi.upcoming()).overdue
 */
export function groupMyWork<Item extends Dated>(
  inbox: Item[],
  upcoming: { items: UpcomingReminder[]; today: BusinessDay },
): MyWork<Item> {
  const start = Date.parse(upcoming.today.start);
  const before = (item: Item) => Date.parse(item.createdAt) < start;
  return {
    overdue: inbox.filter((item) => before(item) && !item.read),
    today: inbox.filter((item) => !before(item)),
    later: upcoming.items.filter((r) => Date.parse(r.dueAt) < Date.parse(upcoming.today.end)),
    coming: upcoming.items.filter((r) => Date.parse(r.dueAt) >= Date.parse(upcoming.today.end)),
    day: upcoming.today,
  };
}

/**
 * Dates and times as My work shows them: in the business time zone, the one its "today"
 * is cut in, whatever the browser's zone.
 * @example businessFormats('vi', 'Asia/Ho_Chi_Minh').time('2026-05-12T17:00:00Z') // '00:00'
 */
export function businessFormats(lang: Lang, timeZone: string) {
  return {
    dateTime: (iso: string) => formatDateTime(iso, lang, timeZone),
    time: (iso: string) => formatTime(iso, lang, timeZone),
  };
}
