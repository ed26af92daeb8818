/**
 * The one inbox of conversations (../runtime/conversation-inbox.ts): threads the signed-in
 * user may see, one thread with its messages, read markers, and a stream that says when
 * conversations changed, so the page refreshes without a reload.
 */
import { Router, type Response } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf, userOf } from './auth.js';
import type { RecordPolicy } from './authorize.js';
import { RECORD_ID, queryReader, routeParams } from './validate-request.js';

export const THREADS_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    view: { type: 'string', enum: ['all', 'mine', 'unassigned'], default: 'all', description: 'all the reader sees, theirs, or nobody’s yet' },
    channel: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$', description: 'a channel value of the conversation (zalo, facebook)' },
    status: { type: 'string', enum: ['open', 'closed'], default: 'open' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 100 },
  },
};
const readThreadsQuery = queryReader<{ view: 'all' | 'mine' | 'unassigned'; channel?: string; status: 'open' | 'closed'; limit: number }>(THREADS_QUERY);
export const THREAD_ID = RECORD_ID;

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

  router.get('/conversations', async (req, res) => {
    const query = readThreadsQuery(req);
    res.json(await engine.conversationThreads(actorOf(res), await scope(res), { ...query, ...(query.channel ? { channel: query.channel } : {}) }));
  });

  router.get('/conversations/stream', (req, res) => {
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

  router.get('/conversations/:id', async (req, res) => {
    const { id } = routeParams(req, 'id');
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

  router.post('/conversations/:id/read', async (req, res) => {
    const { id } = routeParams(req, 'id');
    res.json(await engine.conversationRead(actorOf(res), await scope(res), id));
  });

  return router;
}
