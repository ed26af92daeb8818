/** The record's event log, newest first: steps, field changes, checklist, automations. */
import { UserName } from './UserName.js';
import { reminderMessage, stageOf, type Stage } from './pipeline-model.js';
import type { TimelineEntry } from './workspace-api.js';
import { useWorkText } from './useWorkText.js';
import type { WorkKey } from './messages.js';
import type { Labels, MachineConfig } from '../model/pack-types.js';

export interface RecordTimelineProps {
  entries: TimelineEntry[];
  stages: Stage[];
  eventLabels: Record<string, Labels>;
  /** The record's machine: where reminders find what they say. */
  machine?: MachineConfig;
}

const REMINDER_STATUSES = new Set(['scheduled', 'cancelled', 'fired', 'skipped', 'refused']);

export function RecordTimeline({ entries, stages, eventLabels, machine }: RecordTimelineProps) {
  const { w, label, formatDate } = useWorkText();
  const stageName = (path?: string) => (path ? label(stageOf(stages, path)?.labels, path) : '');
  const describe = (entry: TimelineEntry): string => {
    if (entry.kind === 'event') return label(eventLabels[entry.type], entry.type);
    if (entry.kind === 'activity') return `${typeof entry.payload?.activity === 'string' ? entry.payload.activity : entry.type}${entry.payload?.done === false ? ' ✗' : ' ✓'}`;
    if (entry.kind === 'effect' || entry.kind === 'effect-failed') return entry.effect?.action ?? entry.type;
    if (entry.kind === 'updated') return Object.keys(entry.payload ?? {}).join(', ');
    if (entry.kind === 'assigned') {
      const to = (field: 'owner' | 'handler', key: 'record.owner' | 'record.handler') =>
        field in (entry.payload ?? {}) ? `${w(key)}: ${typeof entry.payload?.[field] === 'string' ? entry.payload[field] : '—'}` : undefined;
      return [to('owner', 'record.owner'), to('handler', 'record.handler')].filter(Boolean).join(' · ');
    }
    if (entry.kind === 'reminder' && typeof entry.payload?.reminder === 'string') {
      const stage = typeof entry.payload.stage === 'string' ? entry.payload.stage : '';
      const message = machine ? reminderMessage(machine, stage, entry.payload.reminder) : undefined;
      const what = entry.type.replace(/^reminder\./, '');
      const status = REMINDER_STATUSES.has(what) ? w(`reminder.${what}` as WorkKey) : what;
      return `${message ? label(message) : entry.payload.reminder} · ${status}`;
    }
    return entry.type;
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
