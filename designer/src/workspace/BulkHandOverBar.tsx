/**
 * What a list can do with the records ticked in it: hand them all over to someone, with
 * progress, a summary of what could not be handed over and why, and undo.
 */
import { useState } from 'react';
import { useToast } from '../ui/useToast.js';
import { handOverAll, undoHandOver, type BulkResult } from './bulk-hand-over.js';
import { HandOverDialog } from './HandOverDialog.js';
import { UserName } from './UserName.js';
import { useWorkText } from './useWorkText.js';
import type { WorkRecord } from './workspace-api.js';

export interface BulkHandOverBarProps {
  entity: string;
  selected: { record: WorkRecord; name: string }[];
  onClear: () => void;
  /** Something changed: the list loads again. */
  onChanged: () => void;
}

export function BulkHandOverBar({ entity, selected, onClear, onChanged }: BulkHandOverBarProps) {
  const { w } = useWorkText();
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [last, setLast] = useState<{ result: BulkResult; owner?: string } | undefined>();

  const run = async (to: { owner?: string; handler?: string | null }) => {
    setAsking(false);
    setProgress({ done: 0, total: selected.length });
    const result = await handOverAll(entity, selected, to, (done) => setProgress({ done, total: selected.length }));
    setProgress(undefined);
    setLast({ result, ...(to.owner ? { owner: to.owner } : {}) });
    onClear();
    onChanged();
  };
  const undo = async () => {
    if (!last) return;
    setProgress({ done: 0, total: last.result.done.length });
    try {
      const count = await undoHandOver(entity, last.result.done, (done) => setProgress({ done, total: last.result.done.length }));
      toast(w('bulk.handOver.undone', { count }), 'success');
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      setProgress(undefined);
      setLast(undefined);
      onChanged();
    }
  };

  if (selected.length === 0 && !last && !progress) return null;
  return (
    <div className="selection-bar" role="region" aria-label={w('bulk.handOver.region')}>
      {progress ? (
        <span role="status">
          <progress max={progress.total} value={progress.done} /> {w('bulk.handOver.progress', { done: progress.done, total: progress.total })}
        </span>
      ) : selected.length > 0 ? (
        <>
          <strong>{w('bulk.handOver.selected', { count: selected.length })}</strong>
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setAsking(true)}>
            {w('handOver.open')}
          </button>
          <button type="button" className="btn btn-sm" onClick={onClear}>
            {w('bulk.handOver.clear')}
          </button>
        </>
      ) : (
        last && (
          <>
            <span role="status">
              {last.owner ? (
                <>
                  {w('bulk.handOver.doneTo', { count: last.result.done.length })} <UserName id={last.owner} />
                </>
              ) : (
                w('bulk.handOver.done', { count: last.result.done.length })
              )}
              {last.result.failed.length > 0 && <> · {w('bulk.handOver.failed', { count: last.result.failed.length })}</>}
            </span>
            {last.result.done.length > 0 && (
              <button type="button" className="btn btn-sm" onClick={() => void undo()}>
                {w('bulk.handOver.undo')}
              </button>
            )}
            <button type="button" className="btn btn-sm" onClick={() => setLast(undefined)} aria-label={w('bulk.handOver.dismiss')}>
              ×
            </button>
            {last.result.failed.length > 0 && (
              <ul className="selection-failures">
                {last.result.failed.map((f) => (
                  <li key={f.id}>
                    <strong>{f.name}</strong>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )
      )}
      {asking && <HandOverDialog busy={false} onCancel={() => setAsking(false)} onConfirm={(to) => void run(to)} />}
    </div>
  );
}
