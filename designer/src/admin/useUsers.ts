/** The user list, loaded from the server; `reload` fetches it again. */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { usersApi, type User } from './users-api.js';

export function useUsers() {
  const [users, setUsers] = useState<Loadable<User[]>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    usersApi
      .list(abort.signal)
      .then(({ items }) => setUsers({ status: 'ready', value: items }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setUsers({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { users, reload };
}
