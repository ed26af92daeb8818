/**
 * What will reach the acting user's inbox later today: the stage reminders armed on
 * records they own or handle, due before the end of today in the business time zone.
 * With the day's bounds, so a client groups its inbox by the same "today".
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';

const listUpcomingReminders = contract({
  method: 'get',
  path: '/inbox/upcoming',
  operationId: 'listUpcomingReminders',
  tags: ['inbox'],
  description: 'Stage reminders armed on records the actor owns or handles that fall due before the end of today in the business time zone, or of `days` days from today.',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { days: { type: 'integer', minimum: 1, maximum: 31, description: 'days from today to cover (default 1: the rest of today)' } },
  },
  responses: { 200: { description: 'Reminders due later today, and the day’s bounds', schema: ref('UpcomingReminders') } },
  problems: { 400: 'invalid-request' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const upcomingContracts = [listUpcomingReminders];

/**
 * `GET /inbox/upcoming`.
 * @example api.use(upcomingReminderRoutes(engine));
 */
export function upcomingReminderRoutes(engine: Engine): Router {
  const router = Router();
  serve(router, listUpcomingReminders, async ({ query: { days } }, _req, res) => {
    res.json(await engine.upcomingReminders(actorOf(res), days === undefined ? {} : { days }));
  });
  return router;
}
