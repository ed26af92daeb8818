/** A page of records for the list's controls, fetched from the server (paging, sort and filter there). */
import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { BUSINESS_TIME_ZONE } from './filter-dates.js';
import { listFilter, listSort, type ListControls } from './list-filter.js';
import type { Field } from './pipeline-model.js';
import { workspaceApi, type RecordPage } from './workspace-api.js';

export const PAGE_SIZE = 25;
/** How long typing must pause before the list asks again. */
const TYPING_PAUSE_MS = 200;

/**
 * The page of records `controls` ask for; relative conditions ("today", "this month") are
 * resolved when the request goes, "owner is me" as `me`.
 */
export function useRecordList(entity: string, controls: ListControls, fields: Field[], searchField: string, me: string | undefined) {
  const [page, setPage] = useState<Loadable<RecordPage>>({ status: 'loading' });
  const asked = useRef<ListControls | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    // A short pause so that typing in the search box sends one request, not one per key;
    // the first page, a sort, a page turn, another stage or condition go at once.
    const before = asked.current;
    asked.current = controls;
    const typing = before !== undefined && before.search !== controls.search;
    const timer = setTimeout(() => {
      workspaceApi
        .list(
          entity,
          {
            filter: listFilter(controls, fields, searchField, { now: new Date(), timeZone: BUSINESS_TIME_ZONE, me }),
            sort: listSort(controls),
            limit: PAGE_SIZE,
            skip: controls.skip,
          },
          abort.signal,
        )
        .then((value) => setPage({ status: 'ready', value }))
        .catch((error: unknown) => {
          if (!isAbort(error)) setPage({ status: 'error', message: messageOf(error) });
        });
    }, typing ? TYPING_PAUSE_MS : 0);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [entity, controls, fields, searchField, me]);
  return page;
}
