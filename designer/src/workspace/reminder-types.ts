/** The shapes of the engine's reminder status (docs/scheduler.md), apart from the calls so pure code can use them. */
import type { Schemas } from '../api/types.js';

/** `reminders` of a record read with `?include=reminders`. */
export type RecordReminders = Schemas['RecordReminders'];

/** Today in the business time zone: [start, end). */
export type BusinessDay = Schemas['UpcomingReminders']['today'];

/** A reminder armed on one of my records, due before the day ends. */
export type UpcomingReminder = Schemas['UpcomingReminders']['items'][number];
