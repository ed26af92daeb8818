/** The shapes of the engine's reminder status (docs/scheduler.md), apart from the calls so pure code can use them. */
import type { Schemas } from '../api/types.js';
import type { Labels } from '../model/pack-types.js';

/** `reminders` of a record read with `?include=reminders`. */
export type RecordReminders = Schemas['RecordReminders'];

/** Today in the business time zone: [start, end). */
export interface BusinessDay {
  start: string;
  end: string;
  timeZone: string;
}

/** A reminder armed on one of my records, due before the day ends. */
export interface UpcomingReminder {
  id: string;
  stage: string;
  labels: Labels;
  dueAt: string;
  link: { entity: string; id: string };
}
