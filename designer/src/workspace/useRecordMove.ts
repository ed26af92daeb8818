/**
 * Send an event to a record, the same way from the record page and the board: a refused
 * event says why, and when the target stage requires fields the record lacks, a dialog
 * asks for them first and sends them as the event's data.
 */
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useToast } from '../ui/useToast.js';
import { useWorkText } from './useWorkText.js';
import type { EntitySchema } from '../model/pack-types.js';
import { reasonText, stageOf, type Stage } from './pipeline-model.js';
import { problemText } from './problem-text.js';
import { workspaceApi, type AllowedEvent, type WorkRecord } from './workspace-api.js';
import { preloadRecordForm } from './RecordForm.js';

export interface PendingMove {
  record: WorkRecord;
  event: AllowedEvent;
}

export function useRecordMove(
  stages: Stage[],
  onMoved: (record: WorkRecord) => void,
  onRefused?: (message: string) => void,
  /** The entity's schema: refusals name fields by their labels. */
  schema?: EntitySchema,
) {
  const toast = useToast();
  const { w, label } = useWorkText();
  const [pending, setPending] = useState<PendingMove | undefined>();
  const [busy, setBusy] = useState(false);

  const reasons = useCallback(
    (record: WorkRecord, event: AllowedEvent) =>
      event.reasons.map((r) => reasonText(r, stageOf(stages, record.state)?.activities ?? [], label)).join('; '),
    [label, stages],
  );
  const refuse = useCallback(
    (message: string) => (onRefused ? onRefused(message) : toast(message, 'error')),
    [onRefused, toast],
  );

  const send = useCallback(
    async (record: WorkRecord, event: AllowedEvent, data?: Record<string, unknown>, retried = false) => {
      setBusy(true);
      try {
        const moved = await workspaceApi.send(record.entity, record.id, event.type, record.version, data);
        setPending(undefined);
        onMoved(moved);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && !retried) {
          // An automation (or a colleague) changed the record since it was shown: decide
          // again on the current version, with its guards.
          const fresh = await workspaceApi.get(record.entity, record.id);
          const again = fresh.allowedEvents.find((e) => e.type === event.type);
          if (again?.enabled) await send(fresh, again, data, true);
          else refuse(w('board.refused', { reason: again ? reasons(fresh, again) : event.type }));
        } else if (error instanceof ApiError && error.code === 'required-fields-missing') {
          setPending({ record, event: { ...event, missingFields: error.problem.missingFields as string[] } });
        } else refuse(w('board.refused', { reason: problemText(error, schema, w, label) }));
      } finally {
        setBusy(false);
      }
    },
    [onMoved, reasons, refuse, w, label, schema],
  );

  /** Start a move: refuse with the guards' reasons, ask for missing fields, or send. */
  const start = useCallback(
    (record: WorkRecord, event: AllowedEvent) => {
      // A move may ask for fields in a form: its script comes now if it has not yet.
      preloadRecordForm();
      if (!event.enabled) {
        refuse(w('board.refused', { reason: reasons(record, event) }));
        return;
      }
      if (event.missingFields && event.missingFields.length > 0) setPending({ record, event });
      else void send(record, event);
    },
    [reasons, refuse, send, w],
  );

  return { start, send, pending, cancel: () => setPending(undefined), busy };
}
