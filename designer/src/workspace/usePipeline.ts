/** An entity's latest definition and the stages read from its machine. */
import { useEffect, useMemo, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { listLeafStages, type Stage } from './pipeline-model.js';
import { workspaceApi, type Definition } from './workspace-api.js';

export interface Pipeline {
  definition: Definition;
  stages: Stage[];
}

export function usePipeline(entity: string): Loadable<Pipeline> {
  const [state, setState] = useState<Loadable<Definition>>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    workspaceApi
      .definition(entity, abort.signal)
      .then((value) => setState({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity]);
  return useMemo(() => {
    if (state.status !== 'ready') return state;
    return { status: 'ready', value: { definition: state.value, stages: listLeafStages(state.value.machine) } };
  }, [state]);
}
