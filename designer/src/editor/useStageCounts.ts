/**
 * Records per stage of an entity (all versions), refreshed when the version changes or on
 * `refresh`. A record in "open.proposal" counts for that step and for "open". `older`: the
 * records still under way on a version before `version` (what a migration would move).
 */
import { useCallback, useEffect, useState } from 'react';
import { designerApi } from '../api/designer-api.js';

export interface StageCountsState {
  counts: Map<string, number>;
  older: number;
  refresh: () => void;
}

export function useStageCounts(entity: string, version: number): StageCountsState {
  const [counts, setCounts] = useState(new Map<string, number>());
  const [older, setOlder] = useState(0);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    designerApi.stageCounts(entity).then(
      (result) => {
        if (!live) return;
        const map = new Map<string, number>();
        for (const c of result.counts) {
          // Parallel states hold several leaves ("a.b,c.d"): each counts.
          for (const leaf of c.stage.split(',')) {
            const keys = leaf.split('.');
            for (let i = 1; i <= keys.length; i++) {
              const path = keys.slice(0, i).join('.');
              map.set(path, (map.get(path) ?? 0) + c.count);
            }
          }
        }
        setCounts(map);
        setOlder(result.counts.filter((c) => c.version < version).reduce((sum, c) => sum + c.live, 0));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [entity, version, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { counts, older, refresh };
}
