/**
 * Where a page of records stands with its stage reminders, for boards and lists: the
 * reminders of each record's current stage that are overdue (fired since the stage was
 * entered, or armed and already past due) and the next one armed. Read-only; one find
 * per collection whatever the size of the page.
 *
 * Only reminders meant for people count (`notify`, `escalate`): a `send` reminder is an
 * automation whose effect shows as the record's move.
 */
import type { Labels, ReminderDecl } from '../../definitions/definition.js';
import type { Store } from '../../store/store.js';
import { EVENTS, TIMERS } from '../../collections.js';
import type { CompiledDefinitions, EventLogDoc, TimerDoc } from '../core/index.js';

/** A reminder that fell due in the record's current stage (`at`: when it fired or was due). */
export interface OverdueReminder {
  id: string;
  stage: string;
  labels: Labels;
  at: string;
}

/** The earliest reminder still armed for the record. */
export interface NextReminder {
  id: string;
  stage: string;
  labels: Labels;
  dueAt: string;
}

export interface RecordReminders {
  /** Oldest first; one per reminder. */
  overdue: OverdueReminder[];
  next?: NextReminder;
}

/** What the query needs to know of a record (a RecordView has it). */
export interface RecordRef {
  id: string;
  entity: string;
  definitionVersion: number;
  /** The record's current stage path. */
  state: string;
}

export interface RecordReminderQueries {
  /** The reminder status of each record, keyed by record id. */
  remindersOf(records: RecordRef[], options?: { now?: Date }): Promise<Record<string, RecordReminders>>;
}

/** Whether stage path `path` (dotted; parallel regions joined by commas) is `stage` or inside it. */
export function isWithin(path: string, stage: string): boolean {
  return path.split(',').some((leaf) => leaf === stage || leaf.startsWith(`${stage}.`));
}

/** A reminder's words for people: its message, or its id when it has none (or is no longer declared). */
export function reminderLabels(decl: ReminderDecl | undefined, id: string): Labels {
  return decl && decl.do.type !== 'send' ? decl.do.message : { vi: id, en: id };
}

/** The declaration of a reminder on a definition version, and whether it is meant for people. */
export async function reminderOf(
  compiled: CompiledDefinitions,
  record: { entity: string; definitionVersion: number },
  stage: string,
  id: string,
): Promise<{ labels: Labels; forPeople: boolean }> {
  const definition = await compiled.version(record.entity, record.definitionVersion);
  const decl = definition.stages.get(stage)?.reminders.find((r) => r.id === id);
  return { labels: reminderLabels(decl, id), forPeople: decl?.do.type !== 'send' };
}

/** Whether an entry of the log moved the record out of `stage`. */
function leaves(entry: EventLogDoc, stage: string): boolean {
  return (
    entry.kind === 'event' &&
    entry.from !== undefined &&
    isWithin(entry.from, stage) &&
    !isWithin(entry.to ?? '', stage)
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * @example
 * const queries = recordReminderQueries({ store, compiled });
 * const byId = await queries.remindersOf(page.items); // { [id]: { overdue: [...], next } }
 */
export function recordReminderQueries({
  store,
  compiled,
}: {
  store: Store;
  compiled: CompiledDefinitions;
}): RecordReminderQueries {
  return {
    async remindersOf(records, options = {}) {
      const out: Record<string, RecordReminders> = {};
      if (records.length === 0) return out;
      const now = (options.now ?? new Date()).toISOString();
      const ids = records.map((r) => r.id);
      const [entries, timers] = await Promise.all([
        // Firings, and the moves that may have left their stage since.
        store.find<EventLogDoc>(EVENTS, {
          recordId: { $in: ids },
          $or: [{ type: 'reminder.fired' }, { kind: 'event' }],
        }),
        store.find<TimerDoc>(TIMERS, { recordId: { $in: ids }, kind: 'reminder' }),
      ]);
      const entriesOf = groupBy(entries, (e) => e.recordId);
      const timersOf = groupBy(timers, (t) => t.recordId);

      for (const record of records) {
        const overdue = new Map<string, OverdueReminder>();
        const note = (mark: OverdueReminder) => {
          const key = `${mark.stage}:${mark.id}`;
          const seen = overdue.get(key);
          if (!seen || seen.at < mark.at) overdue.set(key, mark);
        };
        const log = entriesOf.get(record.id) ?? [];
        for (const fired of log.filter((e) => e.type === 'reminder.fired')) {
          const { stage, reminder: id } = fired.payload ?? {};
          if (typeof stage !== 'string' || typeof id !== 'string') continue;
          if (!isWithin(record.state, stage)) continue;
          if (log.some((e) => e.version > fired.version && leaves(e, stage))) continue;
          const { labels, forPeople } = await reminderOf(compiled, record, stage, id);
          if (forPeople) note({ id, stage, labels, at: fired.at });
        }
        let next: NextReminder | undefined;
        for (const timer of timersOf.get(record.id) ?? []) {
          if (!timer.reminder) continue;
          const { stage, id } = timer.reminder;
          const { labels, forPeople } = await reminderOf(compiled, record, stage, id);
          if (!forPeople) continue;
          // Armed and past due: the scheduler has not got to it yet (or is not running).
          if (timer.dueAt <= now) note({ id, stage, labels, at: timer.dueAt });
          else if (!next || timer.dueAt < next.dueAt) next = { id, stage, labels, dueAt: timer.dueAt };
        }
        const marks = [...overdue.values()].sort(
          (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
        );
        out[record.id] = { overdue: marks, ...(next ? { next } : {}) };
      }
      return out;
    },
  };
}
