/**
 * The acting user's in-app inbox: the notifications reminders, escalations, recurring
 * jobs and effects delivered to them. Every route needs an actor; nobody reads or
 * marks another user's notifications (theirs are simply not found).
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';

/** A notification id: what the notify effect writes (`<effect key>:notify:<user>`). */
const NOTIFICATION_ID = {
  type: 'string',
  pattern: '^[A-Za-z0-9_.:@-]{1,400}$',
  description: 'a notification id: 1–400 letters, digits or _ . : @ -',
} as const;

const ITEM = {
  type: 'object',
  required: ['id', 'message', 'read', 'createdAt'],
  properties: {
    id: { type: 'string' },
    message: ref('Labels'),
    link: { type: 'object', required: ['entity', 'id'], properties: { entity: { type: 'string' }, id: { type: 'string' } } },
    read: { type: 'boolean' },
    readAt: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const DEFAULT_LIMIT = 20;

const listInbox = contract({
  method: 'get',
  path: '/inbox',
  operationId: 'listInbox',
  tags: ['inbox'],
  description: "The actor's notifications, unread first, newest first; `unread=true` lists only unread ones.",
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { limit: { type: 'integer', minimum: 1, maximum: 100 }, skip: { type: 'integer', minimum: 0 }, unread: { type: 'boolean' } },
  },
  responses: {
    200: {
      description: 'A page of notifications',
      schema: {
        type: 'object',
        required: ['items', 'total', 'unread', 'limit', 'skip'],
        properties: {
          items: { type: 'array', items: ITEM },
          total: { type: 'integer' },
          unread: { type: 'integer', description: 'unread notifications of the actor, whatever the query' },
          limit: { type: 'integer' },
          skip: { type: 'integer' },
        },
      },
    },
  },
  problems: { 400: 'invalid-request' },
});

const markAllInboxRead = contract({
  method: 'post',
  path: '/inbox/read-all',
  operationId: 'markAllInboxRead',
  tags: ['inbox'],
  responses: { 200: { description: 'How many notifications were marked read', schema: { type: 'object', required: ['marked'], properties: { marked: { type: 'integer' } } } } },
  problems: { 400: 'invalid-request' },
});

const markInboxRead = contract({
  method: 'post',
  path: '/inbox/:id/read',
  operationId: 'markInboxRead',
  tags: ['inbox'],
  params: { id: NOTIFICATION_ID },
  responses: { 200: { description: 'The notification, read', schema: ITEM } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const inboxContracts = [listInbox, markAllInboxRead, markInboxRead];

/**
 * `GET /inbox`, `POST /inbox/:id/read`, `POST /inbox/read-all`.
 * @example api.use(inboxRoutes(engine));
 */
export function inboxRoutes(engine: Engine): Router {
  const router = Router();

  serve(router, listInbox, async ({ query }, _req, res) => {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const skip = query.skip ?? 0;
    const page = await engine.listInbox(actorOf(res), { limit, skip, unreadOnly: query.unread === true });
    res.json({ ...page, limit, skip });
  });

  // Before `/inbox/:id/read`: "read-all" is not an id.
  serve(router, markAllInboxRead, async (_input, _req, res) => {
    res.json(await engine.markAllInboxRead(actorOf(res)));
  });

  serve(router, markInboxRead, async ({ params }, _req, res) => {
    res.json(await engine.markInboxRead(actorOf(res), params.id));
  });

  return router;
}
