/**
 * One record: its form, the next steps (events) with the guards' reasons, the current
 * stage's checklist and the timeline.
 */
import { useSession } from '../app/useSession.js';
import { UserName } from './UserName.js';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { useToast } from '../ui/useToast.js';
import { ActivityChecklist } from './ActivityChecklist.js';
import { EventButtons } from './EventButtons.js';
import { HandOverDialog } from './HandOverDialog.js';
import { PendingMoveDialog } from './MissingFieldsDialog.js';
import { recordName, stageOf, stageTitle } from './pipeline-model.js';
import type { FormAccess } from './form-schema.js';
import { HandOffNotice } from './HandOffNotice.js';
import { problemText } from './problem-text.js';
import { RecordForm } from './RecordForm.js';
import { RecordTimeline } from './RecordTimeline.js';
import { RecordViews } from './RecordViews.js';
import { BulkSendPanel } from './BulkSendPanel.js';
import { EventPayloadDialog, type PayloadField } from './EventPayloadDialog.js';
import { RelatedRecords } from './RelatedRecords.js';
import type { Pipeline } from './usePipeline.js';
import { useRecord } from './useRecord.js';
import { useRecordMove } from './useRecordMove.js';
import { useRelated } from './useRelated.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import { assignRecord } from './users-api.js';
import { workspaceApi, type AllowedEvent, type WorkRecord } from './workspace-api.js';
import { changedFields, saveChanges } from './record-edits.js';

/** Tick an activity; when an automation changed the record meanwhile, tick it on the new version. */
async function setActivity(entity: string, id: string, activity: string, done: boolean, version: number) {
  try {
    return await workspaceApi.setActivity(entity, id, activity, done, version);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    const fresh = await workspaceApi.get(entity, id);
    return workspaceApi.setActivity(entity, id, activity, done, fresh.version);
  }
}

export function RecordPage({ pipeline, id }: { pipeline: Pipeline; id: string }) {
  const { definition, stages } = pipeline;
  const { w, t, label, formatDay } = useWorkText();
  const toast = useToast();
  const { record, timeline, replace, reload, automations, settled, following } = useRecord(definition.entity, id);
  const move = useRecordMove(stages, replace, undefined, definition.schema);
  // Loaded again with each new version: a step may have linked or created records.
  const related = useRelated(definition.entity, id, record.status === 'ready' ? `${record.value.version}:${settled}` : undefined);
  // The user's unsaved edits, kept over the record as it changes (a ticked activity, an
  // automation) so that nothing typed is lost before Save.
  const [edits, setEdits] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  // An event that asks for what to send with it (a reply's text): its dialog is open.
  const [asking, setAsking] = useState<AllowedEvent | undefined>();
  const payloadsOf = (type: string) => (definition.machine.meta as { payloads?: Record<string, Record<string, PayloadField>> } | undefined)?.payloads?.[type];
  const current = record.status === 'ready' ? record.value : undefined;
  const session = useSession();
  const admin = session.status === 'signed-in' && session.user.roles.includes('admin');
  // A record in a final stage is history: only an admin may still correct it.
  const closed = current?.status === 'done' && !admin;
  const access = useMemo((): FormAccess => {
    const here = current ? stageOf(stages, current.state) : undefined;
    return { hidden: here?.hiddenFields ?? [], locked: closed ? 'all' : (here?.lockedFields ?? []) };
  }, [current?.state, closed, stages]);

  if (record.status === 'loading') return <main className="page">{t('common.loading')}</main>;
  if (record.status === 'error' || !current)
    return <main className="page">{t('common.loadFailed', { message: record.status === 'error' ? record.message : '' })}</main>;

  const stage = stageOf(stages, current.state);
  /** Run a write and show its result; true when it succeeded. */
  const write = async (action: () => Promise<WorkRecord>, done?: string): Promise<boolean> => {
    setBusy(true);
    try {
      replace(await action());
      if (done) toast(done, 'success');
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        toast(w('record.conflict'), 'error');
        reload();
      } else toast(problemText(error, definition.schema, w, label), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };
  const eventLabels = (definition.machine.meta?.events ?? {}) as Record<string, Labels>;

  return (
    <main className="page work-record" data-stage={current.state}>
      <div className="record-head">
        <div>
          <Link to={workPaths.board(definition.entity)} className="btn-link record-back">
            ← {w('record.back')}
          </Link>
          <h1>{recordName(current, label(definition.schema['x-labels']), formatDay)}</h1>
          <div className="record-meta">
            <span className={`stage-badge${current.status === 'done' ? ' stage-badge-done' : ''}`} data-testid="record-stage">
              {stageTitle(stage, label, current.state)}
            </span>
            {current.owner && (
              <span className="muted">
                {w('record.owner')}: <strong data-testid="record-owner"><UserName id={current.owner} /></strong>
              </span>
            )}
            {current.handler && (
              <span className="muted">
                {w('record.handler')}: <strong data-testid="record-handler"><UserName id={current.handler} /></strong>
              </span>
            )}
            <button type="button" className="btn btn-sm" disabled={busy} onClick={() => setHandingOver(true)}>
              {w('handOver.open')}
            </button>
            <span className="muted">{label(definition.schema['x-labels'])}</span>
          </div>
        </div>
      </div>
      <HandOffNotice related={related} following={following} automations={automations} />
      <RecordViews related={related} />
      {Boolean((definition.schema as { 'x-funnel'?: unknown })['x-funnel']) && <BulkSendPanel entity={definition.entity} id={id} version={current.version} />}
      <div className="record-grid">
        <section className="panel record-fields" aria-label={w('record.fields')}>
          <h2>{w('record.fields')}</h2>
          {closed && <p className="muted record-closed">{w('record.closed')}</p>}
          <RecordForm
            schema={definition.schema}
            data={{ ...current.data, ...edits }}
            required={stage?.requiredFields}
            access={access}
            onChange={(next) => setEdits(changedFields(current.data, next))}
            disabled={busy}
            onSubmit={(next) =>
              void write(() => saveChanges(definition.entity, current, next), w('record.saved')).then((ok) => ok && setEdits({}))
            }
          >
            {!closed && (
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {w('record.save')}
                </button>
              </div>
            )}
          </RecordForm>
        </section>
        <div className="record-side">
          <section className="panel" aria-label={w('record.events')}>
            <h2>{w('record.events')}</h2>
            <EventButtons
              events={current.allowedEvents}
              stages={stages}
              activities={stage?.activities ?? []}
              busy={busy || move.busy}
              onSend={(event) => (payloadsOf(event.type) ? setAsking(event) : move.start(current, event))}
            />
          </section>
          <section className="panel" aria-label={w('record.activities')}>
            <h2>{w('record.activities')}</h2>
            <ActivityChecklist
              activities={stage?.activities ?? []}
              done={current.activitiesDone}
              busy={busy}
              onToggle={(activity, done) => void write(() => setActivity(definition.entity, id, activity, done, current.version))}
            />
          </section>
          <RelatedRecords related={related} />
          <section className="panel" aria-label={w('record.timeline')}>
            <h2>{w('record.timeline')}</h2>
            <RecordTimeline entries={timeline} stages={stages} eventLabels={eventLabels} machine={definition.machine} schema={definition.schema} />
          </section>
        </div>
      </div>
      <PendingMoveDialog schema={definition.schema} stages={stages} move={move} />
      {asking && (
        <EventPayloadDialog
          title={label(asking.labels, asking.type)}
          fields={payloadsOf(asking.type) ?? {}}
          busy={busy}
          onCancel={() => setAsking(undefined)}
          onSend={(payload) =>
            void write(() => workspaceApi.send(definition.entity, id, asking.type, current.version, undefined, payload), label(asking.labels, asking.type)).then((ok) => ok && setAsking(undefined))
          }
        />
      )}
      {handingOver && (
        <HandOverDialog
          {...(current.owner ? { owner: current.owner } : {})}
          {...(current.handler ? { handler: current.handler } : {})}
          busy={busy}
          onCancel={() => setHandingOver(false)}
          onConfirm={(to) =>
            void write(() => assignRecord<WorkRecord>(definition.entity, id, to, current.version), w('handOver.done')).then(
              (ok) => ok && setHandingOver(false),
            )
          }
        />
      )}
    </main>
  );
}
