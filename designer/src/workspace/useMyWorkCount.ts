/**
 * How many things wait for the signed-in user (unread notifications and reminders due
 * today), for the count beside "My work" in the header; read again every minute and when
 * the window regains focus.
 */
import { useEffect, useState } from 'react';
import { request } from '../api/client.js';
import { remindersApi } from './reminders-api.js';
import type { ResponseBody } from '../api/types.js';

const EVERY_MS = 60_000;

export function useMyWorkCount(): number | undefined {
  const [count, setCount] = useState<number | undefined>();
  useEffect(() => {
    let live = true;
    const read = () => {
      Promise.all([request<ResponseBody<'listInbox'>>('GET', '/api/inbox?limit=1'), remindersApi.upcoming(undefined, 1)])
        .then(([inbox, upcoming]) => live && setCount(inbox.unread + upcoming.items.length))
        .catch(() => undefined); // the count stays as it was
    };
    read();
    const timer = setInterval(read, EVERY_MS);
    window.addEventListener('focus', read);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('focus', read);
    };
  }, []);
  return count;
}
