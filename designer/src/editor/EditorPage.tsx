/** /designer/:entity[/tab]: loads the entity's latest definition, then the workspace edits it. */
import { ReactFlowProvider } from '@xyflow/react';
import { Link } from '../app/Link.js';
import { paths, type EditorTab } from '../app/routes.js';
import { useI18n } from '../i18n/useI18n.js';
import { EditorWorkspace } from './EditorWorkspace.js';
import { useDefinition } from './useDefinition.js';

export function EditorPage({ entity, tab }: { entity: string; tab: EditorTab }) {
  const { t } = useI18n();
  const { state, reload } = useDefinition(entity);
  if (state.status === 'loading') return <main className="page muted">{t('common.loading')}</main>;
  if (state.status === 'error') {
    return (
      <main className="page page-narrow">
        <h1>{t('editor.loadFailedTitle', { entity })}</h1>
        <p className="error-text" role="alert">
          {state.message}
        </p>
        <p className="row">
          <button type="button" className="btn" onClick={reload}>
            {t('common.retry')}
          </button>
          <Link to={paths.pipelines()}>{t('editor.backToList')}</Link>
        </p>
      </main>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace definition={state.value} tab={tab} />
    </ReactFlowProvider>
  );
}
