/**
 * Unread messages in the inbox for the header, kept current by the server's event stream
 * (and every minute); undefined while unknown or when the packs declare no inbox.
 */
import { useEffect, useState } from 'react';
import { followConversations, inboxApi } from './inbox-api.js';

export function useInboxCount(): number | undefined {
  const [count, setCount] = useState<number | undefined>();
  useEffect(() => {
    let live = true;
    const read = () => {
      inboxApi.unread().then(
        (answer) => live && setCount(answer.entity ? answer.unread : undefined),
        () => live && setCount(undefined),
      );
    };
    read();
    // No stream to follow without an inbox: the count is asked again now and then only.
    const stop = followConversations(read, 60_000);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return count;
}
