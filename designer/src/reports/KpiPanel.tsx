/**
 * KPI targets under way, on the reports page: whose and which period, the actual the engine
 * computed against the target, the progress as a bar, and the pace still needed per day.
 * Each opens its record (the period review lives there).
 */
import { useEffect, useState } from 'react';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { BUSINESS_TIME_ZONE } from '../workspace/filter-dates.js';
import { UserName } from '../workspace/UserName.js';
import { usePipeline } from '../workspace/usePipeline.js';
import { workPaths } from '../workspace/work-routes.js';
import { workspaceApi, type WorkRecord } from '../workspace/workspace-api.js';
import { useReportText } from './useReportText.js';

const ENTITY = 'kpi-target';

export function KpiPanel() {
  const { r, label, formatMoney, formatNumber } = useReportText();
  const pipeline = usePipeline(ENTITY);
  const [targets, setTargets] = useState<Loadable<WorkRecord[]>>({ status: 'loading' });
  useEffect(() => {
    // Targets given out whose period has not ended (drafts have no actual yet; ended ones are in review).
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: BUSINESS_TIME_ZONE });
    workspaceApi.list(ENTITY, { filter: { status: 'active', 'data.actual': { $exists: true }, 'data.periodEnd': { $gte: today } }, sort: { 'data.periodEnd': 1 }, limit: 8, skip: 0 }).then(
      (page) => setTargets({ status: 'ready', value: page.items }),
      (error: unknown) => setTargets({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  if (pipeline.status !== 'ready' || targets.status === 'loading') return null;
  if (targets.status === 'error') return <p role="alert">{r('loadFailed', { message: targets.message })}</p>;
  if (targets.value.length === 0) return null;
  const properties = pipeline.value.definition.schema.properties as Record<string, { 'x-enumLabels'?: Record<string, Labels> }>;
  const metricName = (value: unknown) => label(properties.metric?.['x-enumLabels']?.[String(value)], String(value));
  const amount = (metric: unknown, value: unknown) => (typeof value !== 'number' ? '—' : metric === 'revenue' ? formatMoney(value) : formatNumber(value));
  return (
    <section className="panel kpi-panel" aria-labelledby="kpi-title" data-kpis="">
      <header className="report-head">
        <h2 id="kpi-title">{r('kpi.title')}</h2>
      </header>
      <ul className="kpi-list">
        {targets.value.map((kpi) => {
          const progress = typeof kpi.data.progress === 'number' ? kpi.data.progress : 0;
          return (
            <li key={kpi.id} className="kpi-item" data-kpi={kpi.id}>
              <div className="kpi-line">
                <Link to={workPaths.record(ENTITY, kpi.id)}>
                  {metricName(kpi.data.metric)} · {String(kpi.data.period)}
                </Link>
                <span className="muted">
                  {typeof kpi.data.userId === 'string' ? <UserName id={kpi.data.userId} /> : typeof kpi.data.team === 'string' ? kpi.data.team : r('kpi.company')}
                </span>
              </div>
              <progress max={1} value={Math.min(progress, 1)} aria-label={r('kpi.progress', { percent: Math.round(progress * 100) })} />
              <div className="kpi-line muted">
                <span>
                  {r('kpi.actual', { actual: amount(kpi.data.metric, kpi.data.actual), target: amount(kpi.data.metric, kpi.data.target), percent: Math.round(progress * 100) })}
                </span>
                {typeof kpi.data.neededPerDay === 'number' && kpi.data.neededPerDay > 0 && <span>{r('kpi.needed', { amount: amount(kpi.data.metric, kpi.data.neededPerDay) })}</span>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
