/** Every entity's latest definition with its records per stage, for the pipelines page. */
import { useEffect, useState } from 'react';
import { changesApi } from '../api/changes-api.js';
import { designerApi, type Definition, type StageCounts } from '../api/designer-api.js';
import { draftDefinition } from '../editor/changes/draft-definition.js';
import { messageOf, type Loadable } from '../api/loadable.js';

export interface PipelineSummary {
  definition: Definition;
  counts: StageCounts;
  /** A record type only drafted so far (version 0): nobody but admins sees it. */
  draft?: boolean;
}

export function usePipelines(): Loadable<PipelineSummary[]> {
  const [state, setState] = useState<Loadable<PipelineSummary[]>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const load = async () => {
      const [list, drafts] = await Promise.all([designerApi.listDefinitions(), changesApi.listDrafts()]);
      const published = await Promise.all(
        list.map(async (item) => {
          const [definition, counts] = await Promise.all([
            designerApi.getDefinition(item.entity),
            designerApi.stageCounts(item.entity),
          ]);
          return { definition, counts };
        }),
      );
      const unpublished = await Promise.all(
        drafts
          .filter((d) => d.baseVersion === 0 && !list.some((item) => item.entity === d.entity))
          .map(async (d) => {
            const draft = await changesApi.getDraft(d.entity);
            return draft ? [{ definition: draftDefinition(draft), counts: { total: 0, counts: [] }, draft: true }] : [];
          }),
      );
      return [...published, ...unpublished.flat()];
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
