/** A record on the board: its title, key fields, reminders, owner and time in stage; dragged to move it. */
import { UserName } from './UserName.js';
import { Link } from '../app/Link.js';
import { ReminderStatus, StageAge } from './CardReminders.js';
import { FieldValue } from './FieldValue.js';
import type { Field } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import type { WorkRecord } from './workspace-api.js';

export interface BoardCardProps {
  record: WorkRecord;
  title: string;
  fields: Field[];
  /** Alt+← / Alt+→: move to the previous or next column. */
  onStep: (record: WorkRecord, direction: -1 | 1) => void;
}

export function BoardCard({ record, title, fields, onStep }: BoardCardProps) {
  const { label } = useWorkText();
  return (
    <li
      className="board-card"
      draggable
      data-record={record.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-tourflow-record', record.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <Link
        to={workPaths.record(record.entity, record.id)}
        className="board-card-title"
        draggable={false}
        onKeyDown={(e) => {
          if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
          e.preventDefault();
          onStep(record, e.key === 'ArrowLeft' ? -1 : 1);
        }}
      >
        {title}
      </Link>
      <dl className="board-card-fields">
        {fields
          .filter((f) => record.data[f.key] !== undefined && record.data[f.key] !== '')
          .map((f) => (
            <div key={f.key}>
              <dt>{label(f.labels, f.key)}</dt>
              <dd>
                <FieldValue field={f} value={record.data[f.key]} />
              </dd>
            </div>
          ))}
      </dl>
      <ReminderStatus reminders={record.reminders} />
      <div className="board-card-foot">
        {record.owner && <UserName id={record.owner} className="owner-chip" />}
        <StageAge since={record.stageEnteredAt} />
      </div>
    </li>
  );
}
