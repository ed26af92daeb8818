/** The current stage's activities as a checklist; ticking one is saved at once. */
import type { ActivityDecl } from '../model/pack-types.js';
import { useWorkText } from './useWorkText.js';

export interface ActivityChecklistProps {
  activities: ActivityDecl[];
  done: string[];
  busy: boolean;
  onToggle: (activity: string, done: boolean) => void;
}

export function ActivityChecklist({ activities, done, busy, onToggle }: ActivityChecklistProps) {
  const { w, label, maybe } = useWorkText();
  if (activities.length === 0) return <p className="muted">{w('record.noActivities')}</p>;
  return (
    <ul className="checklist">
      {activities.map((activity) => {
        const checked = done.includes(activity.id);
        return (
          <li key={activity.id} className={checked ? 'checklist-done' : ''}>
            <label>
              <input
                type="checkbox"
                checked={checked}
                disabled={busy}
                data-activity={activity.id}
                onChange={(e) => onToggle(activity.id, e.target.checked)}
              />
              <span className={`activity-type activity-${activity.type}`}>{maybe(`activityType.${activity.type}`) ?? activity.type}</span>
              <span className="checklist-title">{label(activity.title, activity.id)}</span>
              {!activity.required && <span className="muted"> ({w('record.optional')})</span>}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
