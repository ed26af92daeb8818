/**
 * The board of a pipeline: a column per stage. Dropping a card on another column sends
 * the event that leads there; a refusal stays on screen with the guard's reason, and a
 * stage that requires fields asks for them first.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PendingMoveDialog } from './MissingFieldsDialog.js';
import { BoardColumn } from './BoardColumn.js';
import { keyFields, listFields, recordName, stageOf, titleField } from './pipeline-model.js';
import { useBoardRecords } from './useBoardRecords.js';
import type { Pipeline } from './usePipeline.js';
import { useRecordMove } from './useRecordMove.js';
import { useWorkText } from './useWorkText.js';
import type { WorkRecord } from './workspace-api.js';
import { useToast } from '../ui/useToast.js';

export function BoardPage({ pipeline }: { pipeline: Pipeline }) {
  const { definition, stages } = pipeline;
  const { w, t, label, formatDay } = useWorkText();
  const toast = useToast();
  const sumField =
    typeof definition.schema['x-boardSum'] === 'string' ? definition.schema['x-boardSum'] : undefined;
  const { columns, place } = useBoardRecords(definition.entity, stages, sumField);
  const [alert, setAlert] = useState<string | undefined>();
  const moved = useCallback(
    (record: WorkRecord) => {
      place(record);
      setAlert(undefined);
      toast(
        w('board.moved', { stage: label(stageOf(stages, record.state)?.labels, record.state) }),
        'success',
      );
    },
    [label, place, stages, toast, w],
  );
  const move = useRecordMove(stages, moved, setAlert, definition.schema);
  const fields = useMemo(
    () =>
      keyFields(definition.schema, 3)
        .filter((f) => f.key !== titleField(definition.schema))
        .slice(0, 2),
    [definition.schema],
  );
  // Columns beyond the edge are announced by a fade and a button on that side.
  const boardRef = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const board = boardRef.current;
    if (!board) return;
    const left = board.scrollLeft > 4;
    const right = board.scrollLeft + board.clientWidth < board.scrollWidth - 4;
    setOverflow((was) => (was.left === left && was.right === right ? was : { left, right }));
  }, []);
  useEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  const scrollBy = (direction: -1 | 1) =>
    boardRef.current?.scrollBy({ left: direction * 500, behavior: 'smooth' });
  const titleOf = (record: WorkRecord) => recordName(record, label(definition.schema['x-labels']), formatDay);

  if (columns.status === 'loading') return <div className="board-loading">{t('common.loading')}</div>;
  if (columns.status === 'error')
    return <div role="alert">{t('common.loadFailed', { message: columns.message })}</div>;

  const records = columns.value.flatMap((c) => c.records);
  const moveTo = (record: WorkRecord, stagePath: string) => {
    if (stagePath === record.state) return;
    const event = record.allowedEvents.find((e) => e.target === stagePath);
    if (!event) {
      const from = label(stageOf(stages, record.state)?.labels, record.state);
      const to = label(stageOf(stages, stagePath)?.labels, stagePath);
      setAlert(w('board.noTransition', { from, to }));
      return;
    }
    move.start(record, event);
  };
  const step = (record: WorkRecord, direction: -1 | 1) => {
    const index = stages.findIndex((s) => s.path === record.state);
    const next = stages[index + direction];
    if (next) moveTo(record, next.path);
  };

  return (
    <>
      <p className="board-hint muted">{w('board.hint')}</p>
      {alert && (
        <div className="board-alert" role="alert">
          <span>{alert}</span>
          <button
            type="button"
            className="board-alert-close"
            aria-label={t('common.close')}
            onClick={() => setAlert(undefined)}
          >
            ×
          </button>
        </div>
      )}
      <div
        className="board-frame"
        data-more-left={overflow.left || undefined}
        data-more-right={overflow.right || undefined}
      >
        {overflow.left && (
          <button
            type="button"
            className="board-scroll board-scroll-left"
            aria-label={w('board.scrollLeft')}
            onClick={() => scrollBy(-1)}
          >
            ‹
          </button>
        )}
        {overflow.right && (
          <button
            type="button"
            className="board-scroll board-scroll-right"
            aria-label={w('board.scrollRight')}
            onClick={() => scrollBy(1)}
          >
            ›
          </button>
        )}
        <div className="board" data-ready={!move.busy} ref={boardRef} onScroll={measure}>
          {columns.value.map((column) => (
            <BoardColumn
              key={column.stage.path}
              column={column}
              titleOf={titleOf}
              fields={fields}
              sumField={
                sumField
                  ? (fields.find((f) => f.key === sumField) ??
                    listFields(definition.schema).find((f) => f.key === sumField))
                  : undefined
              }
              onStep={step}
              onDropRecord={(id) => {
                const record = records.find((r) => r.id === id);
                if (record) moveTo(record, column.stage.path);
              }}
            />
          ))}
        </div>
      </div>
      <PendingMoveDialog schema={definition.schema} stages={stages} move={move} />
    </>
  );
}
