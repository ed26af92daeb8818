/**
 * Positions for stages that have none saved: laid out once (./elk-layout.ts `firstLayout`) and then kept for the
 * session, so stages do not jump as the admin edits. `ready` is false until the first
 * layout is done.
 */
import { useEffect, useRef, useState } from 'react';
import type { Draft } from '../../model/draft.js';
import { listStages } from '../../model/stages.js';
import { firstLayout } from './elk-layout.js';
import { freeSpot, stageBoxes, type Positions } from './geometry.js';

export function useAutoLayout(draft: Draft): { positions: Positions; ready: boolean } {
  const cache = useRef<Positions>({});
  const [state, setState] = useState<{ positions: Positions; ready: boolean }>({
    positions: {},
    ready: false,
  });
  const missing = listStages(draft)
    .filter((s) => !s.state.meta.position && !cache.current[s.path])
    .map((s) => s.path)
    .join('\n');
  const draftRef = useRef(draft);
  useEffect(() => {
    draftRef.current = draft;
  });

  useEffect(() => {
    if (missing === '') {
      setState({ positions: cache.current, ready: true });
      return undefined;
    }
    let live = true;
    const current = draftRef.current;
    firstLayout(current).then(
      (laid) => {
        if (!live) return;
        const next: Positions = { ...cache.current };
        const keys = missing.split('\n');
        for (const key of keys) next[key] = laid[key] ?? { x: 0, y: 0 };
        // A top-level stage laid out by elk must not land on one the admin placed.
        const boxes = stageBoxes(current, next);
        const placed = [...boxes.values()].filter((b) => b.parent === '' && !keys.includes(b.path));
        for (const key of keys.filter((k) => !k.includes('.'))) {
          const box = boxes.get(key);
          if (!box) continue;
          next[key] = freeSpot(next[key], placed);
          placed.push({ ...box, ...next[key] });
        }
        cache.current = next;
        setState({ positions: next, ready: true });
      },
      () => live && setState({ positions: cache.current, ready: true }),
    );
    return () => {
      live = false;
    };
  }, [missing]);
  return state;
}
