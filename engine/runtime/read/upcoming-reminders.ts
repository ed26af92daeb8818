/**
 * A user's day ahead: the stage reminders armed on records they own or handle that fall
 * due before the end of today in the business time zone. The inbox holds what already
 * fired; this is what will, so "My work" can show both. Read-only.
 */
import type { Labels } from '../../definitions/definition.js';
import type { Store } from '../../store/store.js';
import { reminderOf } from './record-reminders.js';
import { RECORDS, TIMERS } from '../../collections.js';
import { addDays, localDate, startOfDay, type CompiledDefinitions, type RecordDoc, type TimerDoc } from '../core/index.js';

/** One armed reminder due by the end of today. */
export interface UpcomingReminder {
  /** The reminder's id in its stage. */
  id: string;
  stage: string;
  labels: Labels;
  dueAt: string;
  link: { entity: string; id: string };
}

/** Today in the business time zone: [start, end). */
export interface BusinessDay {
  start: string;
  end: string;
  timeZone: string;
}

export interface UpcomingReminders {
  /** Soonest first; may include ones already past due that the scheduler has not fired yet. */
  items: UpcomingReminder[];
  today: BusinessDay;
  /** The end of the window asked for: the end of today, or of the last of `days` days. */
  until: string;
}

export interface UpcomingReminderQueries {
  /** Reminders armed on `user`'s records (owner or handler) due before the end of today, or of the `days` days from today. */
  upcomingReminders(user: string, options?: { now?: Date; days?: number }): Promise<UpcomingReminders>;
}

/**
 * Today's bounds in `timeZone`.
 * @example businessDay(new Date('2026-05-12T18:30:00Z'), 'Asia/Ho_Chi_Minh') // { start: '2026-05-12T17:00:00.000Z', end: '2026-05-13T17:00:00.000Z', … }
 */
export function businessDay(now: Date, timeZone: string): BusinessDay {
  const today = localDate(now, timeZone);
  return {
    start: startOfDay(today, timeZone).toISOString(),
    end: startOfDay(addDays(today, 1), timeZone).toISOString(),
    timeZone,
  };
}

/**
 * @example
 * const queries = upcomingReminderQueries({ store, compiled, timeZone: 'Asia/Ho_Chi_Minh' });
 * const { items, today } = await queries.upcomingReminders('user:lan');
 */
export function upcomingReminderQueries(deps: {
  store: Store;
  compiled: CompiledDefinitions;
  timeZone: string;
}): UpcomingReminderQueries {
  const { store, compiled, timeZone } = deps;
  let indexed: Promise<void> | undefined;
  // Records are indexed by owner already; "handled by" needs its own index.
  const ready = () => (indexed ??= store.ensureIndex(RECORDS, ['handler']));

  return {
    async upcomingReminders(user, options = {}) {
      await ready();
      const now = options.now ?? new Date();
      const today = businessDay(now, timeZone);
      const until = startOfDay(addDays(localDate(now, timeZone), options.days ?? 1), timeZone).toISOString();
      const [owned, handled] = await Promise.all([
        store.find<RecordDoc>(RECORDS, { owner: user }),
        store.find<RecordDoc>(RECORDS, { handler: user }),
      ]);
      const records = new Map([...owned, ...handled].map((r) => [r._id, r]));
      if (records.size === 0) return { items: [], today, until };
      const timers = await store.find<TimerDoc>(
        TIMERS,
        { recordId: { $in: [...records.keys()] }, kind: 'reminder', dueAt: { $lt: until } },
        { sort: { dueAt: 1, _id: 1 } },
      );
      const items: UpcomingReminder[] = [];
      for (const timer of timers) {
        const record = records.get(timer.recordId);
        if (!record || !timer.reminder) continue;
        const { stage, id } = timer.reminder;
        const { labels, forPeople } = await reminderOf(compiled, record, stage, id);
        if (forPeople)
          items.push({
            id,
            stage,
            labels,
            dueAt: timer.dueAt,
            link: { entity: record.entity, id: record._id },
          });
      }
      return { items, today, until };
    },
  };
}
