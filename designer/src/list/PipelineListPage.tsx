/** The pipelines (entities) with their current version and records per stage; creating a new one. */
import { useState } from 'react';
import { useChangesText } from '../editor/changes/useChangesText.js';
import { NewPipelineDialog } from './NewPipelineDialog.js';
import { PipelineCard } from './PipelineCard.js';
import { usePipelines } from './usePipelines.js';

export function PipelineListPage() {
  const { t, c } = useChangesText();
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  return (
    <main className="page">
      <div className="page-head page-head-row">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="muted">{t('list.subtitle')}</p>
        </div>
        {pipelines.status === 'ready' && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {c('new.button')}
          </button>
        )}
      </div>
      {creating && pipelines.status === 'ready' && (
        <NewPipelineDialog existing={pipelines.value.map((p) => p.definition)} onCancel={() => setCreating(false)} />
      )}
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
