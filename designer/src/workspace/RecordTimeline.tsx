/** The record's event log, newest first: steps, field changes, checklist, automations. */
import { isReasonCode, messageReasonText } from './message-reason.js';
import { UserName } from './UserName.js';
import { reminderMessage, stageOf, type Stage } from './pipeline-model.js';
import type { TimelineEntry } from './workspace-api.js';
import { useWorkText } from './useWorkText.js';
import type { WorkKey } from './messages.js';
import type { ReactNode } from 'react';
import { registryName } from '../i18n/registry-names.js';
import { failureKey } from './failure-text.js';
import type { EntitySchema, Labels, MachineConfig } from '../model/pack-types.js';

export interface RecordTimelineProps {
  entries: TimelineEntry[];
  stages: Stage[];
  eventLabels: Record<string, Labels>;
  /** The record's machine: where reminders find what they say. */
  machine?: MachineConfig;
  /** The record's schema: where changed fields find their names. */
  schema?: EntitySchema;
}

const REMINDER_STATUSES = new Set(['scheduled', 'cancelled', 'fired', 'skipped', 'refused']);

export function RecordTimeline({ entries, stages, eventLabels, machine, schema }: RecordTimelineProps) {
  const { w, label, formatDate, lang } = useWorkText();
  const stageName = (path?: string) => (path ? label(stageOf(stages, path)?.labels, path) : '');
  const fieldName = (key: string) => label((schema?.properties?.[key] as { 'x-labels'?: Labels } | undefined)?.['x-labels'], key);
  const activityName = (id: string) => {
    const found = stages.flatMap((s) => s.activities).find((a) => a.id === id);
    return found ? label(found.title) : w('timeline.unknownActivity');
  };
  const describe = (entry: TimelineEntry): ReactNode => {
    if (entry.kind === 'event') return label(eventLabels[entry.type], entry.type);
    if (entry.kind === 'activity') {
      const id = typeof entry.payload?.activity === 'string' ? entry.payload.activity : '';
      return w(entry.payload?.done === false ? 'timeline.activityUndone' : 'timeline.activityDone', { activity: activityName(id) });
    }
    if (entry.kind === 'effect' || entry.kind === 'effect-failed') {
      const what = registryName(entry.effect?.action ?? '', lang);
      if (entry.kind === 'effect') return what;
      return (
        <>
          {what}
          {entry.effect?.error && (
            <span className="timeline-error" title={`${w('failure.detail')}: ${entry.effect.error}`}>
              {w(failureKey(entry.effect.code))}
            </span>
          )}
        </>
      );
    }
    if (entry.kind === 'message') return <MessageLine entry={entry} />;
    if (entry.kind === 'updated') return Object.keys(entry.payload ?? {}).map(fieldName).join(', ');
    if (entry.kind === 'assigned') {
      const to = (field: 'owner' | 'handler', key: 'record.owner' | 'record.handler') => {
        if (!(field in (entry.payload ?? {}))) return null;
        const who = entry.payload?.[field];
        return (
          <span key={field} className="timeline-assignee">
            {w(key)}: {typeof who === 'string' ? <UserName id={who} /> : '—'}
          </span>
        );
      };
      return [to('owner', 'record.owner'), to('handler', 'record.handler')];
    }
    if (entry.kind === 'reminder' && typeof entry.payload?.reminder === 'string') {
      const stage = typeof entry.payload.stage === 'string' ? entry.payload.stage : '';
      const message = machine ? reminderMessage(machine, stage, entry.payload.reminder) : undefined;
      const what = entry.type.replace(/^reminder\./, '');
      const status = REMINDER_STATUSES.has(what) ? w(`reminder.${what}` as WorkKey) : '';
      return [message ? label(message) : w('timeline.unknownReminder'), status].filter(Boolean).join(' · ');
    }
    // Created, deleted, a timer: the heading says it all.
    return null;
  };
  return (
    <ol className="timeline">
      {[...entries].reverse().map((entry) => (
        <li key={entry._id} className={`timeline-item timeline-${entry.kind}`}>
          <div className="timeline-head">
            <strong>{w(`timeline.${entry.kind}` as WorkKey)}</strong>
            <time dateTime={entry.at}>{formatDate(entry.at)}</time>
          </div>
          <div className="timeline-body">
            {describe(entry)}
            {entry.to && entry.from !== entry.to && (
              <span className="timeline-move">
                {entry.from ? `${stageName(entry.from)} → ` : '→ '}
                {stageName(entry.to)}
              </span>
            )}
          </div>
          <div className="timeline-actor">
            <UserName id={entry.actor} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A message's step in words: which channel, to whom, what, or why it did not go. */
function MessageLine({ entry }: { entry: TimelineEntry }) {
  const { w } = useWorkText();
  const p = entry.payload ?? {};
  const channel = p.channel === 'email' ? 'email' : p.channel === 'sms' ? 'SMS' : p.channel === 'messenger' ? 'Messenger' : p.channel === 'zalo' ? 'Zalo' : typeof p.channel === 'string' ? p.channel : '';
  const to = typeof p.to === 'string' ? p.to : '';
  const step = entry.type.replace(/^message\./, '');
  const known = ['sent', 'delivered', 'failed', 'skipped', 'opened', 'clicked'].includes(step);
  const head = known ? w(`message.${step}` as WorkKey, { channel, to }) : entry.type;
  const reason = typeof p.reason === 'string' ? p.reason : undefined;
  return (
    <>
      {head}
      {typeof p.subject === 'string' && step !== 'skipped' && <span className="timeline-message-subject">: {p.subject}</span>}
      {reason && isReasonCode(reason) && <span className="timeline-message-reason"> ({messageReasonText(reason, w)})</span>}
      {reason && !isReasonCode(reason) && (
        <span className="timeline-error" title={reason}>
          {' '}
          ({w('failure.detail')})
        </span>
      )}
    </>
  );
}
