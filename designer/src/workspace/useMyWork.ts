/**
 * My work's data: the inbox and the reminders due later today, grouped by the business
 * day the engine names (so "today" is the scheduler's day, whatever the browser's zone).
 */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { groupMyWork, type MyWork } from './my-work-groups.js';
import { remindersApi } from './reminders-api.js';
import { workspaceApi, type InboxItem } from './workspace-api.js';

/** How far ahead My work looks: today and the next six days. */
export const MY_WORK_DAYS = 7;

/** Load My work (./my-work-groups.ts); marking a notification read reloads it. */
export function useMyWork() {
  const [work, setWork] = useState<Loadable<MyWork<InboxItem>>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    Promise.all([workspaceApi.inbox(abort.signal), remindersApi.upcoming(abort.signal, MY_WORK_DAYS)])
      .then(([inbox, upcoming]) => setWork({ status: 'ready', value: groupMyWork(inbox.items, upcoming) }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setWork({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [tick]);
  const markRead = useCallback((id: string) => {
    void workspaceApi.markRead(id).then(() => setTick((n) => n + 1));
  }, []);
  return { work, markRead };
}
