/** The records of each stage of a pipeline (the newest first, a page per column) and their totals. */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import type { Stage } from './pipeline-model.js';
import { workspaceApi, type WorkRecord } from './workspace-api.js';

export interface Column {
  stage: Stage;
  records: WorkRecord[];
  total: number;
}

const PER_COLUMN = 30;

export function useBoardRecords(entity: string, stages: Stage[]) {
  const [columns, setColumns] = useState<Loadable<Column[]>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    Promise.all(
      stages.map(async (stage) => {
        const page = await workspaceApi.list(
          entity,
          { filter: { stage: stage.path }, sort: { updatedAt: -1 }, limit: PER_COLUMN, skip: 0 },
          abort.signal,
        );
        return { stage, records: page.items, total: page.total };
      }),
    )
      .then((value) => setColumns({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setColumns({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity, stages, tick]);

  /** Put a record a write returned into its new column at once, then refresh from the server. */
  const place = useCallback((record: WorkRecord) => {
    setColumns((state) => {
      if (state.status !== 'ready') return state;
      const value = state.value.map((column) => {
        const records = column.records.filter((r) => r.id !== record.id);
        const total = column.total - (column.records.length - records.length);
        return column.stage.path === record.state
          ? { ...column, records: [record, ...records], total: total + 1 }
          : { ...column, records, total };
      });
      return { status: 'ready', value };
    });
    setTick((n) => n + 1);
  }, []);
  return { columns, place };
}
