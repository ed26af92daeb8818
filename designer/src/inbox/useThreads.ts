/**
 * The inbox's threads for a query, kept current: read again whenever the server says
 * conversations changed (its event stream), every 30 s in any case, and on demand.
 */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { followConversations, inboxApi, type ThreadList, type ThreadQuery } from './inbox-api.js';

export function useThreads(query: ThreadQuery) {
  const [state, setState] = useState<Loadable<ThreadList>>({ status: 'loading' });
  /** Bumped by every change the server reports: open threads read themselves again too. */
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => followConversations(refresh), [refresh]);

  useEffect(() => {
    const abort = new AbortController();
    inboxApi
      .threads(query, abort.signal)
      .then((value) => setState({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [query, tick]);

  return { state, tick, refresh };
}
