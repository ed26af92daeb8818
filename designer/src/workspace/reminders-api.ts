/** The engine's reminder status routes the workspace uses, typed (docs/scheduler.md). */
import { request } from '../api/client.js';
import type { ResponseBody } from '../api/types.js';

export type { BusinessDay, RecordReminders, UpcomingReminder } from './reminder-types.js';

export const remindersApi = {
  /** Reminders armed on the user's records due before the end of today (or of `days` days), and today's bounds. */
  upcoming: (signal?: AbortSignal, days = 1) =>
    request<ResponseBody<'listUpcomingReminders'>>(
      'GET',
      `/api/inbox/upcoming?days=${days}`,
      undefined,
      signal,
    ),
};
