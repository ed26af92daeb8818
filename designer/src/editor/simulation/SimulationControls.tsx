/** The simulated record now: its stage, the events it accepts (and why some would be refused), its activities. */
import type { SimulatedRecord, SimulationStep } from '../../api/designer-api.js';
import { useI18n } from '../../i18n/useI18n.js';
import { stageAt, type Draft } from '../../model/draft.js';

export interface SimulationControlsProps {
  draft: Draft;
  record: SimulatedRecord;
  steps: SimulationStep[];
  onStep: (step: SimulationStep) => void;
  onBack: () => void;
  onRestart: () => void;
}

export function SimulationControls({
  draft,
  record,
  steps,
  onStep,
  onBack,
  onRestart,
}: SimulationControlsProps) {
  const { t, label } = useI18n();
  const stage = stageAt(draft, record.stage);
  const activities = stage?.meta.activities ?? [];
  return (
    <section className="panel-section sim-now" aria-live="polite">
      <h3>{t('sim.now')}</h3>
      <p className="sim-stage">
        <strong>{label(stage?.meta.labels, record.stage)}</strong>
        {record.status === 'done' && <span className="pill pill-end">{t('node.end')}</span>}
      </p>
      {record.allowedEvents.length > 0 && (
        <div className="sim-events" role="group" aria-label={t('sim.events')}>
          {record.allowedEvents.map((event) => (
            <button
              key={event.type}
              type="button"
              className={`btn btn-sm ${event.enabled ? 'btn-event' : 'btn-event-blocked'}`}
              title={event.reasons.map((r) => label(r)).join('\n') || undefined}
              data-event={event.type}
              onClick={() => onStep({ type: event.type })}
            >
              {label(event.labels, event.type)}
              {!event.enabled && <span aria-label={t('sim.wouldBeRefused')}> ⚠</span>}
            </button>
          ))}
        </div>
      )}
      {record.status === 'done' && <p className="muted">{t('sim.finished')}</p>}
      {activities.length > 0 && record.status !== 'done' && (
        <div className="sim-activities">
          {activities.map((a) => (
            <label key={a.id} className="form-check">
              <input
                type="checkbox"
                checked={record.activitiesDone.includes(a.id)}
                onChange={(e) => onStep({ activity: a.id, done: e.target.checked })}
              />
              <span>
                {label(a.title, a.id)}
                {a.required && <span className="required-mark"> *</span>}
              </span>
            </label>
          ))}
        </div>
      )}
      <div className="row">
        <button type="button" className="btn btn-sm" onClick={onBack} disabled={steps.length === 0}>
          {t('sim.back')}
        </button>
        <button type="button" className="btn btn-sm" onClick={onRestart} disabled={steps.length === 0}>
          {t('sim.restart')}
        </button>
      </div>
    </section>
  );
}
