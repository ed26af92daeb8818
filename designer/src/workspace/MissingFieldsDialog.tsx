/** Ask for the fields a target stage requires, then send the event with them as its data. */
import type Form from '@rjsf/core';
import { useRef, useState } from 'react';
import type { EntitySchema } from '../model/pack-types.js';
import { Dialog } from '../ui/Dialog.js';
import { stageOf, type Stage } from './pipeline-model.js';
import { RecordForm } from './RecordForm.js';
import type { PendingMove, useRecordMove } from './useRecordMove.js';
import { useWorkText } from './useWorkText.js';

type Data = Record<string, unknown>;

export interface MissingFieldsDialogProps {
  schema: EntitySchema;
  stages: Stage[];
  pending: PendingMove;
  busy: boolean;
  onSend: (data: Data) => void;
  onCancel: () => void;
}

export function MissingFieldsDialog({ schema, stages, pending, busy, onSend, onCancel }: MissingFieldsDialogProps) {
  const { w, label } = useWorkText();
  const fields = pending.event.missingFields ?? [];
  const [data, setData] = useState<Data>(() =>
    Object.fromEntries(fields.filter((f) => pending.record.data[f] !== undefined).map((f) => [f, pending.record.data[f]])),
  );
  const form = useRef<Form<Data>>(null);
  const target = pending.event.target ? stageOf(stages, pending.event.target) : undefined;
  return (
    <Dialog
      title={w('missing.title', { event: label(pending.event.labels, pending.event.type) })}
      onCancel={onCancel}
      onConfirm={() => form.current?.submit()}
      confirmLabel={w('missing.send')}
      confirmDisabled={busy}
    >
      <p className="dialog-lead">
        {w('missing.body', { stage: label(target?.labels, pending.event.target ?? '') })}
      </p>
      <RecordForm
        schema={schema}
        data={data}
        only={fields}
        required={fields}
        onChange={setData}
        onSubmit={onSend}
        formRef={form}
        idPrefix="missing"
        disabled={busy}
      />
    </Dialog>
  );
}

/** The dialog for a move waiting for fields, wired to the move: one place for the board and the record page. */
export function PendingMoveDialog({ schema, stages, move }: { schema: EntitySchema; stages: Stage[]; move: ReturnType<typeof useRecordMove> }) {
  const { pending } = move;
  if (!pending) return null;
  return (
    <MissingFieldsDialog
      schema={schema}
      stages={stages}
      pending={pending}
      busy={move.busy}
      onSend={(extra) => void move.send(pending.record, pending.event, extra)}
      onCancel={move.cancel}
    />
  );
}
