/** The engine's guards and actions (built-in and plugins'), loaded once per page. */
import { useEffect, useState } from 'react';
import { designerApi, type RegistryEntry } from '../api/designer-api.js';

export interface RegistryLists {
  guards: RegistryEntry[];
  actions: RegistryEntry[];
}

let cached: Promise<RegistryLists> | undefined;

function load(): Promise<RegistryLists> {
  cached ??= Promise.all([designerApi.guards(), designerApi.actions()]).then(([guards, actions]) => ({
    guards,
    actions,
  }));
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

export function useRegistry(): RegistryLists {
  const [lists, setLists] = useState<RegistryLists>({ guards: [], actions: [] });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setLists(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return lists;
}
