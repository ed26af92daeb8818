/** A stage's activities: type, vi/en title, required or optional. */
import { useI18n } from '../../i18n/useI18n.js';
import { PanelSection } from './PanelSection.js';
import type { ActivityDecl } from '../../model/pack-types.js';
import { LabelsInput } from '../../ui/LabelsInput.js';
import { defaultActivityTitle, retypeActivity } from '../../model/activities.js';
import { uniqueName } from '../../model/draft.js';

export const ACTIVITY_TYPES = [
  'call',
  'email',
  'meeting',
  'survey',
  'quote',
  'contract',
  'booking',
  'task',
] as const;

export interface ActivitiesEditorProps {
  stage: string;
  activities: ActivityDecl[];
  onChange: (activities: ActivityDecl[], coalesce?: string) => void;
}

export function ActivitiesEditor({ stage, activities, onChange }: ActivitiesEditorProps) {
  const { t, maybe } = useI18n();
  const update = (i: number, patch: Partial<ActivityDecl>, coalesce?: string) =>
    onChange(
      activities.map((a, j) => (j === i ? { ...a, ...patch } : a)),
      coalesce,
    );
  const retype = (activity: ActivityDecl, type: string) => retypeActivity(activity, type, activities.filter((a) => a !== activity).map((a) => a.id));
  const add = () => {
    const id = uniqueName(
      'call',
      activities.map((a) => a.id),
    );
    onChange([
      ...activities,
      { id, type: 'call', title: defaultActivityTitle('call') },
    ]);
  };
  return (
    <PanelSection id="ActivitiesEditor-1" title={<>{t('stage.activities')} <span className="count">{activities.length}</span></>}>
      {activities.map((activity, i) => (
        <div key={i} className="item-card" data-activity={activity.id}>
          <div className="row">
            <label className="form-field grow">
              <span>{t('activity.type')}</span>
              <select value={activity.type} onChange={(e) => update(i, retype(activity, e.target.value))}>
                {[...new Set([...ACTIVITY_TYPES, activity.type])].map((type) => (
                  <option key={type} value={type}>
                    {maybe(`activityType.${type}`) ?? type}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-check">
              <input
                type="checkbox"
                checked={activity.required === true}
                onChange={(e) => update(i, { required: e.target.checked || undefined })}
              />
              <span>{t('activity.required')}</span>
            </label>
            <button
              type="button"
              className="btn btn-icon btn-sm"
              aria-label={t('activity.remove')}
              title={t('activity.remove')}
              onClick={() => onChange(activities.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
          <LabelsInput
            legend={t('activity.title')}
            value={activity.title}
            onChange={(title) => update(i, { title }, `activity:${stage}:${i}`)}
          />
          <span className="hint mono">id: {activity.id}</span>
        </div>
      ))}
      <button type="button" className="btn btn-link btn-sm" onClick={add}>
        + {t('activity.add')}
      </button>
    </PanelSection>
  );
}
