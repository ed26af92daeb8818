/** One simulated step: what was tried, the guards' verdicts, what would run, the data after. */
import type { SimulatedStep, SimulationStep } from '../../api/designer-api.js';
import { registryName } from '../../i18n/registry-names.js';
import { useI18n } from '../../i18n/useI18n.js';
import { stageAt, type Draft } from '../../model/draft.js';
import { nameTokens } from '../../model/issues.js';
import { listStages } from '../../model/stages.js';
import { formatDuration, formatMs } from '../../model/duration.js';
import type { Labels } from '../../model/pack-types.js';

type CardStep = Omit<SimulatedStep, 'step' | 'from'> & { step?: SimulationStep; from?: string };

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function SimulationStepCard({ draft, index, step }: { draft: Draft; index: number; step: CardStep }) {
  const { t, label, lang } = useI18n();
  const stageName = (stage: string | undefined) =>
    stage ? label(stageAt(draft, stage)?.meta.labels, stage) : '—';
  const fieldName = (key: string) => label(draft.schema.properties?.[key]?.['x-labels'], key);
  const activityName = (id: string) => {
    const found = listStages(draft).flatMap((s) => s.state.meta.activities ?? []).find((a) => a.id === id);
    return found ? label(found.title, id) : id;
  };
  const what = !step.step
    ? t('sim.startStep')
    : 'activity' in step.step
      ? t(step.step.done ? 'sim.activityDone' : 'sim.activityReopened', { activity: activityName(step.step.activity) })
      : label(draft.machine.meta?.events?.[step.step.type], step.step.type);
  const reasons: Labels[] = step.error?.reasons ?? [];
  // The engine reports the guards of the transitions this step tried, each once.
  const guards = step.guards;
  return (
    <article className={`sim-step ${step.ok ? 'sim-step-ok' : 'sim-step-refused'}`} data-step={index}>
      <header className="sim-step-head">
        <span className="sim-step-index">{index}</span>
        <span className="sim-step-title">{what}</span>
        <span className={`sim-step-verdict ${step.ok ? 'ok' : 'refused'}`}>
          {step.ok ? t('sim.ok') : t('sim.refused')}
        </span>
      </header>
      <p className="sim-step-move">
        {step.from !== undefined && step.from !== step.to
          ? `${stageName(step.from)} → ${stageName(step.to)}`
          : stageName(step.to || step.from)}
      </p>
      {step.error && (
        <div className="sim-error" role="note">
          {reasons.length > 0 ? (
            <ul>
              {reasons.map((r, i) => (
                <li key={i}>{label(r)}</li>
              ))}
            </ul>
          ) : (
            <p>
              {step.error.missingFields
                ? t('sim.missingFields', { fields: step.error.missingFields.map(fieldName).join(', ') })
                : nameTokens(step.error.message, draft, lang)}
            </p>
          )}
        </div>
      )}
      {guards.length > 0 && (
        <dl className="sim-facts">
          <dt>{t('sim.guards')}</dt>
          {guards.map((g, i) => (
            <dd key={i} className={g.ok ? 'fact-ok' : 'fact-bad'}>
              {g.ok ? '✓' : '✗'} {registryName(g.guard, lang)}
              {g.reason && <span className="muted"> — {label(g.reason)}</span>}
            </dd>
          ))}
        </dl>
      )}
      {(step.effects.length > 0 || step.timers.length > 0 || step.reminders.length > 0) && (
        <dl className="sim-facts">
          <dt>{t('sim.wouldRun')}</dt>
          {step.effects.map((e, i) => (
            <dd key={`e${i}`} className="fact-icon fact-effect">
              {registryName(e.action, lang)}
            </dd>
          ))}
          {step.timers.map((timer, i) => (
            <dd key={`t${i}`} className="fact-icon fact-timer">
              {timer.op === 'schedule'
                ? t('sim.timer', { after: formatMs(timer.delay, lang), event: timer.event.type })
                : t('sim.timerCancel', { id: timer.id })}
            </dd>
          ))}
          {step.reminders.map((r) => (
            <dd key={r.id} className="fact-icon fact-reminder">
              {t('sim.reminder', {
                id: r.id,
                when: r.after
                  ? formatDuration(r.after, lang)
                  : `${r.field ?? ''} − ${formatDuration(r.before ?? 'PT0M', lang)}`,
              })}
            </dd>
          ))}
        </dl>
      )}
      {step.changed.length > 0 && (
        <dl className="sim-facts">
          <dt>{t('sim.dataChanged')}</dt>
          {step.changed.map((f) => (
            <dd key={f}>
              <code>{f}</code> = {show(step.record.data[f])}
            </dd>
          ))}
        </dl>
      )}
      <details className="sim-data-after">
        <summary>{t('sim.dataAfter')}</summary>
        <pre>{JSON.stringify(step.record.data, null, 2)}</pre>
      </details>
    </article>
  );
}
