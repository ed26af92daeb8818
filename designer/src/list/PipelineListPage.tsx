/** The pipelines (entities) with their current version and records per stage. */
import { useI18n } from '../i18n/useI18n.js';
import { PipelineCard } from './PipelineCard.js';
import { usePipelines } from './usePipelines.js';

export function PipelineListPage() {
  const { t } = useI18n();
  const pipelines = usePipelines();
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('list.title')}</h1>
        <p className="muted">{t('list.subtitle')}</p>
      </div>
      {pipelines.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {pipelines.status === 'error' && (
        <p className="error-text" role="alert">
          {t('common.loadFailed', { message: pipelines.message })}
        </p>
      )}
      {pipelines.status === 'ready' &&
        (pipelines.value.length === 0 ? (
          <p className="muted">{t('list.empty')}</p>
        ) : (
          <ul className="pipeline-grid">
            {pipelines.value.map((p) => (
              <li key={p.definition.entity}>
                <PipelineCard summary={p} />
              </li>
            ))}
          </ul>
        ))}
    </main>
  );
}
