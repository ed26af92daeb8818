/**
 * What will reach the acting user's inbox later today: the stage reminders armed on
 * records they own or handle, due before the end of today in the business time zone.
 * With the day's bounds, so a client groups its inbox by the same "today".
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { queryReader } from './validate-request.js';

/** No parameter is taken: anything sent is refused rather than ignored. */
export const UPCOMING_QUERY = { type: 'object', additionalProperties: false, properties: {} };
const readUpcomingQuery = queryReader<Record<string, never>>(UPCOMING_QUERY);

/**
 * `GET /inbox/upcoming`.
 * @example api.use(upcomingReminderRoutes(engine));
 */
export function upcomingReminderRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/inbox/upcoming', async (req, res) => {
    const user = actorOf(res);
    readUpcomingQuery(req);
    res.json(await engine.upcomingReminders(user));
  });
  return router;
}
