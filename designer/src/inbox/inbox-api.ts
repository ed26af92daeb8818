/** The one inbox's API (engine/api/routes-conversations.ts). */
import { request } from '../api/client.js';
import type { QueryParams, ResponseBody, Schemas } from '../api/types.js';

export type Thread = Schemas['ConversationThread'];
export type ReplyWindow = Thread['reply'];
export type ThreadMessage = Schemas['ThreadMessage'];
export type ThreadList = ResponseBody<'listConversationThreads'>;

type ThreadParams = QueryParams<'listConversationThreads'>;

export type ThreadView = NonNullable<ThreadParams['view']>;

/** Which threads a list shows. */
export type ThreadQuery = Required<Pick<ThreadParams, 'view' | 'status'>> & Pick<ThreadParams, 'channel'>;

export const inboxApi = {
  threads: (query: ThreadQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams({ view: query.view, status: query.status });
    if (query.channel) params.set('channel', query.channel);
    return request<ThreadList>('GET', `/api/conversations?${params.toString()}`, undefined, signal);
  },
  unread: (signal?: AbortSignal) => request<ThreadList>('GET', '/api/conversations?limit=1', undefined, signal),
  thread: (id: string, signal?: AbortSignal) => request<ResponseBody<'getConversationThread'>>('GET', `/api/conversations/${encodeURIComponent(id)}`, undefined, signal),
  read: (id: string) => request<ResponseBody<'markConversationRead'>>('POST', `/api/conversations/${encodeURIComponent(id)}/read`, {}),
};

/** This page changed what the inbox shows (a thread read): the header's count and the list follow. */
const LOCAL_CHANGE = 'tourflow:inbox-changed';
export function announceInboxChange(): void {
  window.dispatchEvent(new Event(LOCAL_CHANGE));
}

/**
 * Be told when conversations change (the server's event stream, and this page's own
 * changes), and every `everyMs` in any case: another server process's changes, or a stream
 * a proxy cut.
 */
export function followConversations(onChange: () => void, everyMs = 30_000): () => void {
  const source = typeof EventSource === 'undefined' ? undefined : new EventSource('/api/conversations/stream');
  source?.addEventListener('changed', onChange);
  window.addEventListener(LOCAL_CHANGE, onChange);
  const timer = setInterval(onChange, everyMs);
  return () => {
    source?.close();
    window.removeEventListener(LOCAL_CHANGE, onChange);
    clearInterval(timer);
  };
}
