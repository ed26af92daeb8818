/**
 * The one inbox of conversations (../runtime/read/conversation-inbox.ts): threads the
 * signed-in user may see, one thread with its messages, read markers, and a stream that says
 * when conversations changed, so the page refreshes without a reload.
 */
import { Router, type Response } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { THREAD_MESSAGE_SCHEMA, THREAD_SCHEMA } from '../runtime/read/index.js';
import { actorOf, userOf } from './auth.js';
import type { RecordPolicy } from './authorize.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { RECORD_ID } from './validate-request.js';

/** The threads and messages the routes below answer with. */
export const conversationSchemas: Record<string, unknown> = { ConversationThread: THREAD_SCHEMA, ThreadMessage: THREAD_MESSAGE_SCHEMA };

const listThreads = contract({
  method: 'get',
  path: '/conversations',
  operationId: 'listConversationThreads',
  tags: ['conversations'],
  description: 'Threads of conversations the reader sees, one per customer across channels, newest first, with unread counts and reply windows.',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      view: { type: 'string', enum: ['all', 'mine', 'unassigned'], default: 'all', description: 'all the reader sees, theirs, or nobody’s yet' },
      channel: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$', description: 'a channel value of the conversation (zalo, facebook)' },
      status: { type: 'string', enum: ['open', 'closed'], default: 'open' },
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 100 },
    },
  },
  responses: {
    200: {
      description: 'Threads',
      schema: {
        type: 'object',
        required: ['items', 'unread', 'systemFields', 'channelField'],
        properties: {
          items: { type: 'array', items: ref('ConversationThread') },
          unread: { type: 'integer', description: 'unread messages of every thread the query matched' },
          entity: { type: 'string', description: 'the entity of conversations; absent when the packs declare no inbox (the list is then empty)' },
          channelField: { type: 'string', description: 'the conversation field that names its channel' },
          replyEvent: { type: 'string', description: 'the event replies are sent with (payload `text`)' },
          systemFields: { type: 'array', items: { type: 'string' }, description: 'fields the engine keeps, not for people to edit' },
        },
      },
    },
  },
  problems: { 400: 'invalid-request' },
});

const streamChanges = contract({
  method: 'get',
  path: '/conversations/stream',
  operationId: 'streamConversationChanges',
  tags: ['conversations'],
  description: 'Server-sent events: `changed` whenever a conversation changed in this process (refresh the threads).',
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
});

const getThread = contract({
  method: 'get',
  path: '/conversations/:id',
  operationId: 'getConversationThread',
  tags: ['conversations'],
  description: "A thread (by any of its conversations) and its messages in time order: the customer's, staff replies with their outcome, and the customer's messages on other channels and website forms.",
  params: { id: RECORD_ID },
  responses: { 200: { description: 'The thread', schema: { type: 'object', required: ['thread', 'messages'], properties: { thread: ref('ConversationThread'), messages: { type: 'array', items: ref('ThreadMessage') } } } } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

const markRead = contract({
  method: 'post',
  path: '/conversations/:id/read',
  operationId: 'markConversationRead',
  tags: ['conversations'],
  params: { id: RECORD_ID },
  responses: { 200: { description: 'Read', schema: { type: 'object', required: ['unread'], properties: { unread: { type: 'integer' } } } } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const conversationContracts = [listThreads, streamChanges, getThread, markRead];

/** How often the stream says it is alive, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/**
 * Routes under `/conversations`.
 * @example api.use(conversationRoutes(engine, policy));
 */
export function conversationRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  const scope = async (res: Response) => {
    const entity = engine.conversationEntity();
    return entity ? policy.scope(userOf(res), entity) : undefined;
  };

  serve(router, listThreads, async ({ query }, _req, res) => {
    const { view = 'all', status = 'open', limit = 100, channel } = query;
    res.json(await engine.conversationThreads(actorOf(res), await scope(res), { view, status, limit, ...(channel ? { channel } : {}) }));
  });

  serve(router, streamChanges, (_input, req, res) => {
    const entity = engine.conversationEntity();
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 5000\n\n');
    let pending: NodeJS.Timeout | undefined;
    const unsubscribe = engine.changes.subscribe((changes) => {
      if (!changes.some((c) => c.entity === entity) || pending) return;
      // Many changes at once (a message and its assignment) are one refresh.
      pending = setTimeout(() => {
        pending = undefined;
        res.write('event: changed\ndata: {}\n\n');
      }, 100);
    });
    const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(pending);
    });
  });

  serve(router, getThread, async ({ params: { id } }, _req, res) => {
    const user = userOf(res);
    const sees = async (ref: { entity: string; id: string }) => {
      try {
        await policy.assertSees(user, await engine.holders(ref.entity, ref.id));
        return true;
      } catch {
        return false;
      }
    };
    res.json(await engine.conversationThread(actorOf(res), await scope(res), id, sees));
  });

  serve(router, markRead, async ({ params: { id } }, _req, res) => {
    res.json(await engine.conversationRead(actorOf(res), await scope(res), id));
  });

  return router;
}
