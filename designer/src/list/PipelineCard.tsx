/** One pipeline: its name, version, and a bar of its stages with how many records each holds. */
import { Link } from '../app/Link.js';
import { paths } from '../app/routes.js';
import { useI18n } from '../i18n/useI18n.js';
import type { PipelineSummary } from './usePipelines.js';
import { useChangesText } from '../editor/changes/useChangesText.js';
import { orderedStates } from '../model/stages.js';

export function PipelineCard({ summary }: { summary: PipelineSummary }) {
  const { t, label, formatDate } = useI18n();
  const { c } = useChangesText();
  const { definition, counts } = summary;
  const perStage = new Map<string, number>();
  for (const c of counts.counts) {
    const top = c.stage.split('.')[0] ?? c.stage;
    perStage.set(top, (perStage.get(top) ?? 0) + c.count);
  }
  const older = counts.counts
    .filter((c) => c.version !== definition.version)
    .reduce((n, c) => n + c.count, 0);
  const stages = orderedStates(definition.machine.states);
  return (
    <article className="pipeline-card">
      <header className="pipeline-card-head">
        <h2>
          <Link to={paths.editor(definition.entity)} className="stretched-link">
            {label(definition.schema['x-labels'], definition.entity)}
          </Link>
        </h2>
        {summary.draft ? (
          <span className="badge badge-dirty">{c('new.draftBadge')}</span>
        ) : (
          <span className="badge badge-version">{t('common.versionShort', { version: definition.version })}</span>
        )}
        {definition.schema['x-archived'] === true && <span className="badge">{c('new.archivedBadge')}</span>}
      </header>
      <p className="pipeline-card-meta muted">
        <code>{definition.entity}</code> · {definition.pack} ·{' '}
        {t('list.updated', { date: formatDate(definition.createdAt) })}
      </p>
      <p className="pipeline-card-total">
        {t('list.records', { count: counts.total })}
        {older > 0 && <span className="muted"> · {t('list.onOlderVersions', { count: older })}</span>}
      </p>
      <ol className="stage-chips" aria-label={t('list.stagesLabel')}>
        {stages.map(([key, state]) => (
          <li key={key} className={`stage-chip${state.type === 'final' ? ' stage-chip-final' : ''}`}>
            <span className="stage-chip-name">{label(state.meta.labels, key)}</span>
            <span className="stage-chip-count">{perStage.get(key) ?? 0}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}
