/** One record and its timeline, reloaded after every change made from the page. */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { workspaceApi, type TimelineEntry, type WorkRecord } from './workspace-api.js';

export function useRecord(entity: string, id: string) {
  const [record, setRecord] = useState<Loadable<WorkRecord>>({ status: 'loading' });
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([workspaceApi.get(entity, id, abort.signal), workspaceApi.timeline(entity, id, abort.signal)])
      .then(([value, log]) => {
        setRecord({ status: 'ready', value });
        setTimeline(log.items);
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setRecord({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity, id, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  /** Show a record a write returned, then refresh the timeline. */
  const replace = useCallback((value: WorkRecord) => {
    setRecord({ status: 'ready', value });
    setTick((n) => n + 1);
  }, []);
  return { record, timeline, reload, replace };
}
