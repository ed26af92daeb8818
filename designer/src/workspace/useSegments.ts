/**
 * The acting user's named list filters ("VIP1 in Hà Nội") for an entity, kept by the engine
 * (`/api/segments`), so they follow the user to any browser. A segment holds the list's
 * controls, not its records. Segments an older version kept in this browser
 * (localStorage) move to the server once, then leave the browser.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import type { ListControls } from './list-filter.js';
import { segmentsApi, type Segment } from './segments-api.js';

export type { Segment };

const localKey = (entity: string) => `tourflow.segments.${entity}`;

interface LocalSegment {
  name: string;
  /** An older version's list controls, converted when read (./saved-controls.ts). */
  controls: Record<string, unknown>;
}

function readLocal(entity: string): LocalSegment[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(localKey(entity)) ?? '[]');
    return Array.isArray(parsed)
      ? (parsed as LocalSegment[]).filter(
          (s) => typeof s?.name === 'string' && typeof s.controls === 'object',
        )
      : [];
  } catch {
    return []; // a damaged entry holds nothing worth moving
  }
}

/** A refusal that will not change on retry (bad name, too large): drop that segment. */
const isFinal = (error: unknown) =>
  error instanceof ApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  ![401, 408, 429].includes(error.status);

/** Moves under way, per entity: React may mount the list twice at once. */
const moving = new Map<string, Promise<boolean>>();

/**
 * Save this browser's old segments of `entity` on the server (a name the user already has
 * there keeps the server's), then forget them here. Resolves whether anything was moved;
 * segments that failed for a passing reason stay for the next visit.
 */
export function moveLocalSegments(entity: string, onServer: Segment[]): Promise<boolean> {
  const local = readLocal(entity);
  if (local.length === 0) {
    localStorage.removeItem(localKey(entity));
    return Promise.resolve(false);
  }
  const running = moving.get(entity);
  if (running) return running;
  const move = (async () => {
    const kept: LocalSegment[] = [];
    for (const segment of local) {
      if (onServer.some((s) => s.name === segment.name.trim())) continue;
      try {
        await segmentsApi.save(entity, segment.name, { ...segment.controls, skip: 0 });
      } catch (error) {
        if (!isFinal(error)) kept.push(segment);
      }
    }
    if (kept.length === 0) localStorage.removeItem(localKey(entity));
    else localStorage.setItem(localKey(entity), JSON.stringify(kept));
    return true;
  })().finally(() => moving.delete(entity));
  moving.set(entity, move);
  return move;
}

const byName = (a: Segment, b: Segment) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The user's segments of `entity`, and ways to save (create or replace by name), delete and reload them. */
export function useSegments(entity: string) {
  const [segments, setSegments] = useState<Loadable<Segment[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setSegments({ status: 'loading' });
    (async () => {
      let { items } = await segmentsApi.list(entity, abort.signal);
      if (await moveLocalSegments(entity, items)) ({ items } = await segmentsApi.list(entity, abort.signal));
      setSegments({ status: 'ready', value: items });
    })().catch((error: unknown) => {
      if (!isAbort(error)) setSegments({ status: 'error', message: messageOf(error) });
    });
    return () => abort.abort();
  }, [entity, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  /** Save (or replace) a segment by name; rejects with the server's error. */
  const save = useCallback(
    async (name: string, controls: ListControls) => {
      const saved = await segmentsApi.save(entity, name, { ...controls, skip: 0 });
      setSegments((state) =>
        state.status === 'ready'
          ? {
              status: 'ready',
              value: [...state.value.filter((s) => s.name !== saved.name), saved].sort(byName),
            }
          : state,
      );
      return saved;
    },
    [entity],
  );
  /** Delete a segment by name; rejects with the server's error. */
  const remove = useCallback(
    async (name: string) => {
      await segmentsApi.remove(entity, name);
      setSegments((state) =>
        state.status === 'ready'
          ? { status: 'ready', value: state.value.filter((s) => s.name !== name) }
          : state,
      );
    },
    [entity],
  );
  return { segments, save, remove, retry };
}
