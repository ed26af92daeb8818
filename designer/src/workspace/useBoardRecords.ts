/** The records of each stage of a pipeline (the newest first, a page per column, with their reminders) and their totals. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import type { Stage } from './pipeline-model.js';
import { workspaceApi, type WorkRecord } from './workspace-api.js';

export interface Column {
  stage: Stage;
  records: WorkRecord[];
  total: number;
  /** The column's total of the entity's `x-boardSum` field, when it declares one. */
  sum?: number;
}

const PER_COLUMN = 30;

function loadColumn(entity: string, stage: Stage, sumField: string | undefined, signal: AbortSignal): Promise<Column> {
  return workspaceApi
    .list(entity, { filter: { stage: stage.path }, sort: { updatedAt: -1 }, limit: PER_COLUMN, skip: 0, include: ['reminders'], ...(sumField ? { sum: sumField } : {}) }, signal)
    .then((page) => ({ stage, records: page.items, total: page.total, ...(page.sum === undefined ? {} : { sum: page.sum }) }));
}

export function useBoardRecords(entity: string, stages: Stage[], sumField?: string) {
  const [columns, setColumns] = useState<Loadable<Column[]>>({ status: 'loading' });
  // The stages whose columns a move changed: only those are loaded again, not the whole board.
  const [stale, setStale] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(columns);
  useEffect(() => {
    latest.current = columns;
  });
  useEffect(() => {
    const abort = new AbortController();
    Promise.all(stages.map((stage) => loadColumn(entity, stage, sumField, abort.signal)))
      .then((value) => setColumns({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setColumns({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity, stages, sumField]);
  useEffect(() => {
    if (stale.size === 0) return;
    const abort = new AbortController();
    Promise.all(stages.filter((stage) => stale.has(stage.path)).map((stage) => loadColumn(entity, stage, sumField, abort.signal)))
      .then((fresh) => {
        setColumns((state) =>
          state.status === 'ready'
            ? { status: 'ready', value: state.value.map((column) => fresh.find((f) => f.stage.path === column.stage.path) ?? column) }
            : state,
        );
        setStale(new Set());
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setColumns({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [entity, stages, stale, sumField]);

  /** Put a record a write returned into its new column at once, then refresh the two columns from the server. */
  const place = useCallback((record: WorkRecord) => {
    const before = latest.current;
    const from = before.status === 'ready' ? before.value.find((c) => c.records.some((r) => r.id === record.id))?.stage.path : undefined;
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
    // Added to what an interrupted refresh still had to load.
    setStale((paths) => new Set([...paths, record.state, ...(from === undefined ? [] : [from])]));
  }, []);
  return { columns, place };
}
