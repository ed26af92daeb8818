/**
 * Records per stage of an entity (all versions), refreshed when the version changes. A
 * record in "open.proposal" counts for that step and for "open".
 */
import { useEffect, useState } from 'react';
import { designerApi } from '../api/designer-api.js';

export function useStageCounts(entity: string, version: number): Map<string, number> {
  const [counts, setCounts] = useState(new Map<string, number>());
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
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [entity, version]);
  return counts;
}
