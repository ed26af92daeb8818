/**
 * The schemas of reminder status: the `reminders` a record read adds with `?include=reminders`
 * (./record-include.ts) and `GET /api/inbox/upcoming` (./routes-inbox-upcoming.ts).
 */
import { ref } from './openapi-common.js';

const DATE_TIME = { type: 'string', format: 'date-time' };

/** Component schemas: `RecordReminders`, `UpcomingReminders`. */
export const reminderSchemas: Record<string, unknown> = {
  RecordReminders: {
    type: 'object',
    description:
      'Reminders meant for people (notify, escalate) of the record’s current stage: the overdue ones (fired since the stage was entered, or armed and past due), oldest first, and the next one armed.',
    required: ['overdue'],
    properties: {
      overdue: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'stage', 'labels', 'at'],
          properties: {
            id: { type: 'string' },
            stage: {
              type: 'string',
              description: 'The stage that declares it (the current one or a parent)',
            },
            labels: ref('Labels'),
            at: { ...DATE_TIME, description: 'When it fired, or was due' },
          },
        },
      },
      next: {
        type: 'object',
        required: ['id', 'stage', 'labels', 'dueAt'],
        properties: {
          id: { type: 'string' },
          stage: { type: 'string' },
          labels: ref('Labels'),
          dueAt: DATE_TIME,
        },
      },
    },
  },
  UpcomingReminders: {
    type: 'object',
    required: ['items', 'today', 'until'],
    properties: {
      items: {
        type: 'array',
        description:
          'Soonest first; one already past due that the scheduler has not fired yet is listed too.',
        items: {
          type: 'object',
          required: ['id', 'stage', 'labels', 'dueAt', 'link'],
          properties: {
            id: { type: 'string' },
            stage: { type: 'string' },
            labels: ref('Labels'),
            dueAt: DATE_TIME,
            link: {
              type: 'object',
              required: ['entity', 'id'],
              properties: { entity: { type: 'string' }, id: { type: 'string' } },
            },
          },
        },
      },
      today: {
        type: 'object',
        description: 'Today in the business time zone (BUSINESS_TIMEZONE): [start, end)',
        required: ['start', 'end', 'timeZone'],
        properties: { start: DATE_TIME, end: DATE_TIME, timeZone: { type: 'string' } },
      },
      until: { ...DATE_TIME, description: 'The end of the window: the end of today, or of the last of `days` days' },
    },
  },
};
