/** The events a record accepts now, as buttons; a disabled one says why under it. */
import type { ActivityDecl } from '../model/pack-types.js';
import type { AllowedEvent } from './workspace-api.js';
import { reasonText, stageOf, type Stage } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';

export interface EventButtonsProps {
  events: AllowedEvent[];
  stages: Stage[];
  /** The current stage's activities: reasons name them by id, people by title. */
  activities: ActivityDecl[];
  busy: boolean;
  onSend: (event: AllowedEvent) => void;
}

export function EventButtons({ events, stages, activities, busy, onSend }: EventButtonsProps) {
  const { w, label } = useWorkText();
  if (events.length === 0) return <p className="muted">{w('record.noEvents')}</p>;
  return (
    <ul className="event-list">
      {events.map((event) => {
        const target = event.target ? stageOf(stages, event.target) : undefined;
        const reasonId = `reason-${event.type}`;
        return (
          <li key={event.type} className="event-item">
            <button
              type="button"
              className={`btn ${event.enabled ? 'btn-primary' : ''}`}
              disabled={!event.enabled || busy}
              aria-describedby={event.enabled ? undefined : reasonId}
              data-event={event.type}
              onClick={() => onSend(event)}
            >
              {label(event.labels, event.type)}
              {target && label(target.labels) !== label(event.labels) && (
                <span className="event-target"> → {label(target.labels, target.path)}</span>
              )}
            </button>
            {!event.enabled && (
              <ul id={reasonId} className="event-reasons">
                {event.reasons.map((reason, i) => (
                  <li key={i}>{reasonText(reason, activities, label)}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
