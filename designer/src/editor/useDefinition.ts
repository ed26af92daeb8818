/**
 * Load an entity's latest definition; `reload` fetches it again (after a save elsewhere).
 * A record type only drafted so far (never published) loads as version 0 of its draft.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { changesApi } from '../api/changes-api.js';
import { designerApi, type Definition } from '../api/designer-api.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { draftDefinition } from './changes/draft-definition.js';

async function latestOrDraft(entity: string): Promise<Definition> {
  try {
    return await designerApi.getDefinition(entity);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'unknown-entity')) throw error;
    const draft = await changesApi.getDraft(entity);
    if (!draft) throw error;
    return draftDefinition(draft);
  }
}

export function useDefinition(entity: string): { state: Loadable<Definition>; reload: () => void } {
  const [state, setState] = useState<Loadable<Definition>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    latestOrDraft(entity).then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [entity, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
