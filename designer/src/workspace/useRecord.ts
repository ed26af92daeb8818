/**
 * One record and its timeline, kept current: reloaded after every change made from the
 * page, followed closely while its automations run (what an event set off: a contract
 * drafted, a customer notified), and checked now and then for what others changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { workspaceApi, type TimelineEntry, type WorkRecord } from './workspace-api.js';

/** While automations run: how often the page asks, and for how long at most. */
const FOLLOW_MS = 600;
const FOLLOW_FOR_MS = 30_000;
/** Otherwise: how often a visible page looks for changes made elsewhere. */
const WATCH_MS = 10_000;

/** Effects still to run and effects that failed for good (`?include=automations`). */
export type Automations = NonNullable<WorkRecord['automations']>;

export function useRecord(entity: string, id: string) {
  const [record, setRecord] = useState<Loadable<WorkRecord>>({ status: 'loading' });
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [tick, setTick] = useState(0);
  /** Bumped whenever automations settled something: related records may have appeared. */
  const [settled, setSettled] = useState(0);
  const [automations, setAutomations] = useState<Automations>({ pending: 0, failed: 0 });
  const [followUntil, setFollowUntil] = useState(0);
  const known = useRef<{ version?: number; pending: number; failed: number }>({ pending: 0, failed: 0 });

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([workspaceApi.get(entity, id, abort.signal), workspaceApi.timeline(entity, id, abort.signal)])
      .then(([value, log]) => {
        setRecord({ status: 'ready', value });
        setTimeline(log.items);
        known.current.version = value.version;
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setRecord({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity, id, tick]);

  // Ask where the record and its automations stand: fast while following, slowly otherwise.
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () => {
      const following = Date.now() < followUntil;
      if (!following && document.visibilityState !== 'visible') return schedule(false);
      workspaceApi
        .getFollowed(entity, id, abort.signal)
        .then((fresh) => {
          const before = known.current;
          const changed = fresh.version !== before.version || fresh.automations.pending !== before.pending || fresh.automations.failed !== before.failed;
          known.current = { version: fresh.version, ...fresh.automations };
          setAutomations(fresh.automations);
          if (changed) {
            setTick((n) => n + 1);
            setSettled((n) => n + 1);
          }
          if (following && fresh.automations.pending === 0) setFollowUntil(0);
          schedule(following && fresh.automations.pending > 0);
        })
        .catch((error: unknown) => {
          if (!isAbort(error)) schedule(false);
        });
    };
    const schedule = (fast: boolean) => {
      timer = setTimeout(look, fast ? FOLLOW_MS : WATCH_MS);
    };
    schedule(Date.now() < followUntil);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [entity, id, followUntil]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  /** Show a record a write returned, refresh the timeline, and follow what it set off. */
  const replace = useCallback((value: WorkRecord) => {
    setRecord({ status: 'ready', value });
    known.current.version = value.version;
    setTick((n) => n + 1);
    setFollowUntil(Date.now() + FOLLOW_FOR_MS);
  }, []);
  return { record, timeline, reload, replace, automations, settled, following: followUntil > 0 };
}
