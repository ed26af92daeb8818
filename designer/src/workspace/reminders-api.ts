/** The engine's reminder status routes the workspace uses, typed (docs/scheduler.md). */
import { request } from '../api/client.js';
import type { BusinessDay, UpcomingReminder } from './reminder-types.js';

export type { BusinessDay, RecordReminders, UpcomingReminder } from './reminder-types.js';

export const remindersApi = {
  /** Reminders armed on the user's records due before the end of today, and today's bounds. */
  upcoming: (signal?: AbortSignal) =>
    request<{ items: UpcomingReminder[]; today: BusinessDay }>(
      'GET',
      '/api/inbox/upcoming',
      undefined,
      signal,
    ),
};
