/** The workspace's groups of entities (`GET /api/navigation`), read once per page load or after `forgetNavigation`. */
import { useEffect, useState } from 'react';
import { request } from '../api/client.js';
import type { ResponseBody } from '../api/types.js';

export type NavigationGroup = ResponseBody<'navigation'>['groups'][number];

let loaded: Promise<NavigationGroup[]> | undefined;

/** A pipeline was published or archived: read the groups again on the next page. */
export function forgetNavigation(): void {
  loaded = undefined;
}

export function useNavigationGroups(): NavigationGroup[] | undefined {
  const [groups, setGroups] = useState<NavigationGroup[] | undefined>();
  useEffect(() => {
    let live = true;
    loaded ??= request<ResponseBody<'navigation'>>('GET', '/api/navigation').then((view) => view.groups);
    loaded.then(
      (found) => live && setGroups(found),
      () => {
        loaded = undefined; // asked again on the next page
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return groups;
}
