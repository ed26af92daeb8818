/** OpenAPI paths of the inbox (./routes-inbox.ts). */
import { jsonResponse, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { INBOX_QUERY, NOTIFICATION_ID } from './routes-inbox.js';

const ITEM = {
  type: 'object',
  required: ['id', 'message', 'read', 'createdAt'],
  properties: {
    id: { type: 'string' },
    message: ref('Labels'),
    link: { type: 'object', properties: { entity: { type: 'string' }, id: { type: 'string' } } },
    read: { type: 'boolean' },
    readAt: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const queryParameters = Object.entries(INBOX_QUERY.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));

/** Paths served by routes-inbox.ts; every one needs the actor. */
export const inboxPaths: Record<string, unknown> = {
  '/api/inbox': {
    get: {
      operationId: 'listInbox',
      tags: ['inbox'],
      security: WRITE_SECURITY,
      description: "The actor's notifications, unread first, newest first; `unread=true` lists only unread ones.",
      parameters: queryParameters,
      responses: {
        200: jsonResponse('A page of notifications', {
          type: 'object',
          properties: {
            items: { type: 'array', items: ITEM },
            total: { type: 'integer' },
            unread: { type: 'integer', description: 'unread notifications of the actor, whatever the query' },
            limit: { type: 'integer' },
            skip: { type: 'integer' },
          },
        }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated' }),
      },
    },
  },
  '/api/inbox/{id}/read': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: NOTIFICATION_ID }],
    post: {
      operationId: 'markInboxRead',
      tags: ['inbox'],
      security: WRITE_SECURITY,
      responses: {
        200: jsonResponse('The notification, read', ITEM),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'not-found' }),
      },
    },
  },
  '/api/inbox/read-all': {
    post: {
      operationId: 'markAllInboxRead',
      tags: ['inbox'],
      security: WRITE_SECURITY,
      responses: {
        200: jsonResponse('How many notifications were marked read', { type: 'object', properties: { marked: { type: 'integer' } } }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated' }),
      },
    },
  },
};
