/** Load an entity's latest definition; `reload` fetches it again (after a save elsewhere). */
import { useCallback, useEffect, useState } from 'react';
import { designerApi, type Definition } from '../api/designer-api.js';
import { messageOf, type Loadable } from '../api/loadable.js';

export function useDefinition(entity: string): { state: Loadable<Definition>; reload: () => void } {
  const [state, setState] = useState<Loadable<Definition>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    designerApi.getDefinition(entity).then(
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
