/** OpenAPI paths of the inbox (./routes-inbox.ts). */
import { AUTOMATION_ID, FAILED_QUERY } from './routes-automations.js';
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

const DEAD_LETTER = {
  type: 'object',
  required: ['id', 'entity', 'recordId', 'action', 'error', 'attempts', 'actor'],
  properties: {
    id: { type: 'string' },
    entity: { type: 'string' },
    recordId: { type: 'string' },
    recordTitle: { type: 'string' },
    action: { type: 'string' },
    error: { type: 'string', description: 'the last error, as the engine or plugin said it' },
    code: { type: 'string', description: 'its code (event-not-allowed, not-found, effect-timeout, …), for a message in people’s words' },
    attempts: { type: 'integer' },
    actor: { type: 'string', description: 'whose action set it off' },
    failedAt: { type: 'string', format: 'date-time' },
  },
};

/** The failed automations the paths below answer with. */
export const automationSchemas: Record<string, unknown> = { DeadLetter: DEAD_LETTER };

/** `GET /api/automations/failed`, `POST /api/automations/{id}/retry|dismiss` (admins). */
export const automationPaths: Record<string, unknown> = {
  '/api/automations/failed': {
    get: {
      operationId: 'listFailedAutomations',
      tags: ['automations'],
      description: 'Automations (effects) the outbox gave up on, the latest first. Admins only.',
      parameters: Object.entries(FAILED_QUERY.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      responses: {
        200: jsonResponse('Failed automations', { type: 'object', required: ['items', 'total', 'limit', 'skip'], properties: { items: { type: 'array', items: ref('DeadLetter') }, total: { type: 'integer' }, limit: { type: 'integer' }, skip: { type: 'integer' } } }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden' }),
      },
    },
  },
  ...Object.fromEntries(
    (['retry', 'dismiss'] as const).map((verb) => [
      `/api/automations/{id}/${verb}`,
      {
        parameters: [{ name: 'id', in: 'path', required: true, schema: AUTOMATION_ID }],
        post: {
          operationId: verb === 'retry' ? 'retryAutomation' : 'dismissAutomation',
          tags: ['automations'],
          security: WRITE_SECURITY,
          description: verb === 'retry' ? 'Run a failed automation again now (its attempts start over). Admins only.' : 'Put a failed automation aside for good. Admins only.',
          responses: { 204: { description: verb === 'retry' ? 'Queued again' : 'Dismissed' }, ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found' }) },
        },
      },
    ]),
  ),
};
