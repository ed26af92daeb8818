/** One stage of the board: its label, count and cards; a drop target for cards. */
import { useState } from 'react';
import { BoardCard } from './BoardCard.js';
import { FieldValue } from './FieldValue.js';
import type { Field } from './pipeline-model.js';
import type { Column } from './useBoardRecords.js';
import { useWorkText } from './useWorkText.js';
import type { WorkRecord } from './workspace-api.js';

export interface BoardColumnProps {
  column: Column;
  titleOf: (record: WorkRecord) => string;
  fields: Field[];
  /** The field the column totals (`x-boardSum`), shown beside the count. */
  sumField?: Field | undefined;
  onDropRecord: (recordId: string) => void;
  onStep: (record: WorkRecord, direction: -1 | 1) => void;
}

export function BoardColumn({ column, titleOf, fields, sumField, onDropRecord, onStep }: BoardColumnProps) {
  const { w, label } = useWorkText();
  const [over, setOver] = useState(false);
  const { stage } = column;
  const parent = stage.parents.map((p) => label(p)).join(' › ');
  return (
    <section
      className={`board-column${over ? ' board-column-over' : ''}${stage.final ? ' board-column-final' : ''}`}
      data-stage={stage.path}
      aria-label={label(stage.labels, stage.path)}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData('application/x-tourflow-record');
        if (id) onDropRecord(id);
      }}
    >
      <header className="board-column-head">
        {parent && <span className="board-column-parent">{parent}</span>}
        <h2>
          {label(stage.labels, stage.path)} <span className="count">{column.total}</span>
        </h2>
        {sumField && column.sum !== undefined && (
          <div className="board-column-sum" title={label(sumField.labels, sumField.key)} data-sum={column.sum}>
            <FieldValue field={sumField} value={column.sum} />
          </div>
        )}
      </header>
      <ul className="board-cards">
        {column.records.map((record) => (
          <BoardCard key={record.id} record={record} title={titleOf(record)} fields={fields} onStep={onStep} />
        ))}
        {column.records.length === 0 && <li className="board-empty">{w('board.empty')}</li>}
      </ul>
    </section>
  );
}
