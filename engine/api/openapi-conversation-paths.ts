/** OpenAPI paths of the one inbox of conversations (./routes-conversations.ts). */
import { jsonResponse, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { THREAD_ID, THREADS_QUERY } from './routes-conversations.js';

const REF = { type: 'object', required: ['entity', 'id'], properties: { entity: { type: 'string' }, id: { type: 'string' } } };

const THREAD = {
  type: 'object',
  required: ['id', 'conversations', 'channels', 'lastMessageAt', 'unread', 'stage', 'reply'],
  properties: {
    id: { type: 'string', description: 'the conversation replies go to (the one the person wrote to last)' },
    conversations: { type: 'array', items: { type: 'object', required: ['id', 'channel', 'stage'], properties: { id: { type: 'string' }, channel: { type: 'string' }, stage: { type: 'string' } } } },
    customer: { ...REF, description: 'the customer record the thread is tied to' },
    name: { type: 'string' },
    phone: { type: 'string' },
    channels: { type: 'array', items: { type: 'string' } },
    lastMessage: { type: 'string' },
    lastMessageAt: { type: 'string', format: 'date-time' },
    unread: { type: 'integer', description: 'messages the reader has not seen' },
    assignee: { type: 'string' },
    owner: { type: 'string' },
    stage: { type: 'string' },
    reply: {
      type: 'object',
      required: ['channel', 'open'],
      properties: {
        channel: { type: 'string' },
        hours: { type: 'number' },
        closesAt: { type: 'string', format: 'date-time', description: 'when free replies stop' },
        open: { type: 'boolean', description: 'a reply can go now (within the window, or by the fallback)' },
        fallback: { type: 'string', description: 'what replies become after the window (ZNS)' },
      },
    },
  },
};

const MESSAGE = {
  type: 'object',
  required: ['id', 'direction', 'channel', 'text', 'at', 'record'],
  properties: {
    id: { type: 'string' },
    direction: { type: 'string', enum: ['in', 'out'] },
    channel: { type: 'string' },
    text: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    status: { type: 'string', enum: ['sending', 'sent', 'delivered', 'failed', 'skipped'] },
    reason: { type: 'string' },
    record: REF,
    label: ref('Labels'),
  },
};

/** The threads and messages the paths below answer with. */
export const conversationSchemas: Record<string, unknown> = { ConversationThread: THREAD, ThreadMessage: MESSAGE };

const threadsParameters = Object.entries(THREADS_QUERY.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));

export const conversationPaths: Record<string, unknown> = {
  '/api/conversations': {
    get: {
      operationId: 'listConversationThreads',
      tags: ['conversations'],
      security: WRITE_SECURITY,
      description: 'Threads of conversations the reader sees, one per customer across channels, newest first, with unread counts and reply windows.',
      parameters: threadsParameters,
      responses: {
        200: jsonResponse('Threads', {
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
        }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated' }),
      },
    },
  },
  '/api/conversations/stream': {
    get: {
      operationId: 'streamConversationChanges',
      tags: ['conversations'],
      security: WRITE_SECURITY,
      description: 'Server-sent events: `changed` whenever a conversation changed in this process (refresh the threads).',
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...problems({ 401: 'unauthenticated' }) },
    },
  },
  '/api/conversations/{id}': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: THREAD_ID }],
    get: {
      operationId: 'getConversationThread',
      tags: ['conversations'],
      security: WRITE_SECURITY,
      description: "A thread (by any of its conversations) and its messages in time order: the customer's, staff replies with their outcome, and the customer's messages on other channels and website forms.",
      responses: {
        200: jsonResponse('The thread', { type: 'object', required: ['thread', 'messages'], properties: { thread: ref('ConversationThread'), messages: { type: 'array', items: ref('ThreadMessage') } } }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'not-found' }),
      },
    },
  },
  '/api/conversations/{id}/read': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: THREAD_ID }],
    post: {
      operationId: 'markConversationRead',
      tags: ['conversations'],
      security: WRITE_SECURITY,
      responses: {
        200: jsonResponse('Read', { type: 'object', properties: { unread: { type: 'integer' } } }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'not-found' }),
      },
    },
  },
};


