/**
 * What will reach the acting user's inbox later today: the stage reminders armed on
 * records they own or handle, due before the end of today in the business time zone.
 * With the day's bounds, so a client groups its inbox by the same "today".
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { queryReader } from './validate-request.js';

/** `days`: how many days from today (1, today only, by default; at most 31). */
export const UPCOMING_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { days: { type: 'integer', minimum: 1, maximum: 31, description: 'days from today to cover (default 1: the rest of today)' } },
};
const readUpcomingQuery = queryReader<{ days?: number }>(UPCOMING_QUERY);

/**
 * `GET /inbox/upcoming`.
 * @example api.use(upcomingReminderRoutes(engine));
 */
export function upcomingReminderRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/inbox/upcoming', async (req, res) => {
    const user = actorOf(res);
    const { days } = readUpcomingQuery(req);
    res.json(await engine.upcomingReminders(user, days === undefined ? {} : { days }));
  });
  return router;
}
