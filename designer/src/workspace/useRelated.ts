/** A record's related records and views, loaded again whenever the record changes (its version). */
import { useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { relatedApi, type RelatedRecords } from './related-api.js';

/** `revision` changes whenever the record or what its automations did may have changed; undefined waits. */
export function useRelated(entity: string, id: string, revision: string | undefined): Loadable<RelatedRecords> {
  const [state, setState] = useState<Loadable<RelatedRecords>>({ status: 'loading' });
  useEffect(() => {
    if (revision === undefined) return;
    const abort = new AbortController();
    relatedApi
      .get(entity, id, abort.signal)
      .then((value) => setState({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity, id, revision]);
  return state;
}
