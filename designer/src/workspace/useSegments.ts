/**
 * Named list filters ("VIP1 in Hà Nội") per entity. Kept in this browser until the
 * engine stores them per user; a segment holds the list's controls, not its records.
 */
import { useCallback, useState } from 'react';
import type { ListControls } from './list-filter.js';

export interface Segment {
  name: string;
  controls: ListControls;
}

const keyOf = (entity: string) => `tourflow.segments.${entity}`;

function read(entity: string): Segment[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(entity)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Segment[]) : [];
  } catch {
    return []; // a damaged entry: start again rather than break the list
  }
}

export function useSegments(entity: string) {
  const [segments, setSegments] = useState<Segment[]>(() => read(entity));
  const store = useCallback(
    (next: Segment[]) => {
      localStorage.setItem(keyOf(entity), JSON.stringify(next));
      setSegments(next);
    },
    [entity],
  );
  /** Save (or replace) a segment by name. */
  const save = useCallback(
    (name: string, controls: ListControls) =>
      store([...read(entity).filter((s) => s.name !== name), { name, controls: { ...controls, skip: 0 } }]),
    [entity, store],
  );
  const remove = useCallback((name: string) => store(read(entity).filter((s) => s.name !== name)), [entity, store]);
  return { segments, save, remove };
}
