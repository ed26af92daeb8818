/**
 * The acting user's in-app inbox: the notifications reminders, escalations, recurring
 * jobs and effects delivered to them. Every route needs an actor; nobody reads or
 * marks another user's notifications (theirs are simply not found).
 */
import { Router, type Request } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { assertNoBody, invalidRequest, queryReader } from './validate-request.js';

/** A notification id: what the notify effect writes (`<effect key>:notify:<user>`). */
export const NOTIFICATION_ID = {
  type: 'string',
  pattern: '^[A-Za-z0-9_.:@-]{1,400}$',
  description: 'a notification id: 1–400 letters, digits or _ . : @ -',
};
const NOTIFICATION_ID_PATTERN = new RegExp(NOTIFICATION_ID.pattern);

export const INBOX_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    skip: { type: 'integer', minimum: 0 },
    unread: { type: 'boolean' },
  },
};
const readInboxQuery = queryReader<{ limit?: number; skip?: number; unread?: boolean }>(INBOX_QUERY);

const DEFAULT_LIMIT = 20;

function notificationId(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !NOTIFICATION_ID_PATTERN.test(id)) {
    throw invalidRequest([{ pointer: '/params/id', message: `must be ${NOTIFICATION_ID.description}` }]);
  }
  return id;
}


/**
 * `GET /inbox`, `POST /inbox/:id/read`, `POST /inbox/read-all`.
 * @example api.use(inboxRoutes(engine));
 */
export function inboxRoutes(engine: Engine): Router {
  const router = Router();

  router.get('/inbox', async (req, res) => {
    const user = actorOf(res);
    const query = readInboxQuery(req);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const skip = query.skip ?? 0;
    const page = await engine.listInbox(user, { limit, skip, unreadOnly: query.unread === true });
    res.json({ ...page, limit, skip });
  });

  // Before `/inbox/:id/read`: "read-all" is not an id.
  router.post('/inbox/read-all', async (req, res) => {
    const user = actorOf(res);
    assertNoBody(req);
    res.json(await engine.markAllInboxRead(user));
  });

  router.post('/inbox/:id/read', async (req, res) => {
    const user = actorOf(res);
    const id = notificationId(req);
    assertNoBody(req);
    res.json(await engine.markInboxRead(user, id));
  });

  return router;
}
