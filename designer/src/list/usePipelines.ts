/** Every entity's latest definition with its records per stage, for the pipelines page. */
import { useEffect, useState } from 'react';
import { designerApi, type Definition, type StageCounts } from '../api/designer-api.js';
import { messageOf, type Loadable } from '../api/loadable.js';

export interface PipelineSummary {
  definition: Definition;
  counts: StageCounts;
}

export function usePipelines(): Loadable<PipelineSummary[]> {
  const [state, setState] = useState<Loadable<PipelineSummary[]>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const load = async () => {
      const list = await designerApi.listDefinitions();
      return Promise.all(
        list.map(async (item) => {
          const [definition, counts] = await Promise.all([
            designerApi.getDefinition(item.entity),
            designerApi.stageCounts(item.entity),
          ]);
          return { definition, counts };
        }),
      );
    };
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
