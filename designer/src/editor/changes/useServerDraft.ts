/**
 * The entity's draft on the server (an admin's unpublished work, kept over days): loaded
 * when the editor opens, saved on request with the draft version it replaces, discarded.
 * A draft someone else saved meanwhile is a conflict the caller shows.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { changesApi, type DefinitionDraft } from '../../api/changes-api.js';
import type { Draft } from '../../model/draft.js';

export interface ServerDraft {
  /** The stored draft, when there is one. */
  current?: DefinitionDraft;
  /** Loaded: the editor may show it. */
  loaded: boolean;
  busy: boolean;
  /** Keep `draft` made on published `baseVersion`; `overwrite` saves over a draft saved meanwhile. */
  save: (draft: Draft, baseVersion: number, overwrite?: boolean) => Promise<'saved' | 'conflict'>;
  discard: () => Promise<void>;
  /** Published: the server dropped the draft. */
  forget: () => void;
  /** The draft as stored now (after a conflict). */
  reload: () => Promise<DefinitionDraft | undefined>;
}

export function useServerDraft(entity: string, onLoaded: (draft: DefinitionDraft) => void): ServerDraft {
  const [current, setCurrent] = useState<DefinitionDraft>();
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    changesApi.getDraft(entity).then(
      (draft) => {
        if (!live) return;
        setCurrent(draft);
        setLoaded(true);
        if (draft) onLoaded(draft);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
    // Once per entity: the draft is the starting point, later edits are the admin's.
  }, [entity]);

  const reload = useCallback(async () => {
    const draft = await changesApi.getDraft(entity);
    setCurrent(draft);
    return draft;
  }, [entity]);

  const save = useCallback(
    async (draft: Draft, baseVersion: number, overwrite = false) => {
      setBusy(true);
      try {
        const latest = overwrite ? await changesApi.getDraft(entity) : current;
        setCurrent(await changesApi.saveDraft(entity, draft, baseVersion, latest?.version));
        return 'saved' as const;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version-conflict') return 'conflict' as const;
        throw error;
      } finally {
        setBusy(false);
      }
    },
    [entity, current],
  );

  const discard = useCallback(async () => {
    if (!current) return;
    await changesApi.discardDraft(entity, current.version);
    setCurrent(undefined);
  }, [entity, current]);

  const forget = useCallback(() => setCurrent(undefined), []);

  return { current, loaded, busy, save, discard, forget, reload };
}
