/**
 * One reminder: after a time in the stage, or relative to a date field; then notify,
 * escalate (both with a vi/en message) or send an event the stage handles.
 */
import { useI18n } from '../../i18n/useI18n.js';
import { stageAt, type Draft } from '../../model/draft.js';
import type { ReminderAction, ReminderDecl } from '../../model/pack-types.js';
import { LabelsInput } from '../../ui/LabelsInput.js';
import { DurationInput } from './DurationInput.js';

export interface ReminderCardProps {
  id: string;
  draft: Draft;
  stage: string;
  reminder: ReminderDecl;
  onChange: (reminder: ReminderDecl, coalesce?: string) => void;
  onRemove: () => void;
}

const RECIPIENTS = ['owner', 'handler', 'manager'];

export function ReminderCard({ id, draft, stage, reminder, onChange, onRemove }: ReminderCardProps) {
  const { t, label } = useI18n();
  const relative = reminder.field !== undefined;
  const dateFields = Object.entries(draft.schema.properties ?? {}).filter(
    ([, f]) => f.format === 'date' || f.format === 'date-time',
  );
  const stageEvents = Object.keys(stageAt(draft, stage)?.on ?? {});
  const action = reminder.do;

  const setWhen = (mode: 'after' | 'field') => {
    const { after: _a, field: _f, before: _b, ...rest } = reminder;
    onChange(
      mode === 'after'
        ? { ...rest, after: 'P1D' }
        : { ...rest, field: dateFields[0]?.[0] ?? '', before: 'P1D' },
    );
  };
  const setAction = (type: ReminderAction['type']) => {
    const message =
      'message' in action ? action.message : { vi: t('reminder.defaultVi'), en: t('reminder.defaultEn') };
    const next: ReminderAction =
      type === 'send'
        ? { type, event: stageEvents[0] ?? '' }
        : { type, to: 'to' in action ? action.to : 'owner', message };
    onChange({ ...reminder, do: next });
  };

  return (
    <div className="item-card" data-reminder={reminder.id}>
      <div className="row">
        <label className="form-field grow">
          <span>{t('reminder.when')}</span>
          <select
            value={relative ? 'field' : 'after'}
            onChange={(e) => setWhen(e.target.value as 'after' | 'field')}
          >
            <option value="after">{t('reminder.afterInStage')}</option>
            <option value="field">{t('reminder.relativeToField')}</option>
          </select>
        </label>
        <button
          type="button"
          className="btn btn-icon btn-sm"
          aria-label={t('reminder.remove')}
          title={t('reminder.remove')}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      {!relative && (
        <DurationInput
          id={`${id}-after`}
          label={t('reminder.after')}
          value={reminder.after ?? ''}
          onChange={(after) => onChange({ ...reminder, after }, `${id}-after`)}
        />
      )}
      {relative && (
        <div className="row">
          <label className="form-field grow">
            <span>{t('reminder.field')}</span>
            <select value={reminder.field} onChange={(e) => onChange({ ...reminder, field: e.target.value })}>
              {!dateFields.some(([k]) => k === reminder.field) && (
                <option value={reminder.field}>{reminder.field || t('form.choose')}</option>
              )}
              {dateFields.map(([key, f]) => (
                <option key={key} value={key}>
                  {label(f['x-labels'], key)}
                </option>
              ))}
            </select>
          </label>
          <DurationInput
            id={`${id}-before`}
            label={t('reminder.before')}
            value={reminder.before ?? ''}
            onChange={(before) => onChange({ ...reminder, before }, `${id}-before`)}
          />
        </div>
      )}
      <label className="form-check">
        <input
          type="checkbox"
          checked={reminder.onlyIfNoActivity === true}
          onChange={(e) => onChange({ ...reminder, onlyIfNoActivity: e.target.checked || undefined })}
        />
        <span>{t('reminder.onlyIfNoActivity')}</span>
      </label>
      <div className="row">
        <label className="form-field grow">
          <span>{t('reminder.do')}</span>
          <select value={action.type} onChange={(e) => setAction(e.target.value as ReminderAction['type'])}>
            <option value="notify">{t('reminder.notify')}</option>
            <option value="escalate">{t('reminder.escalate')}</option>
            <option value="send">{t('reminder.send')}</option>
          </select>
        </label>
        {action.type !== 'send' ? (
          <label className="form-field grow">
            <span>{t('reminder.to')}</span>
            <input
              list={`${id}-to`}
              value={action.to}
              onChange={(e) => onChange({ ...reminder, do: { ...action, to: e.target.value } }, `${id}-to`)}
            />
            <datalist id={`${id}-to`}>
              {RECIPIENTS.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </label>
        ) : (
          <label className="form-field grow">
            <span>{t('reminder.event')}</span>
            <select
              value={action.event}
              onChange={(e) => onChange({ ...reminder, do: { ...action, event: e.target.value } })}
            >
              {!stageEvents.includes(action.event) && (
                <option value={action.event}>{action.event || t('form.choose')}</option>
              )}
              {stageEvents.map((event) => (
                <option key={event} value={event}>
                  {label(draft.machine.meta?.events?.[event], event)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {action.type !== 'send' && (
        <LabelsInput
          legend={t('reminder.message')}
          value={action.message}
          onChange={(message) => onChange({ ...reminder, do: { ...action, message } }, `${id}-message`)}
        />
      )}
      <span className="hint mono">id: {reminder.id}</span>
    </div>
  );
}
