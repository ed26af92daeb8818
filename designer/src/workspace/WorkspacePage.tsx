/** The staff workspace: routes under /work to a pipeline's board, list, new form or record, or my work. */
import { useI18n } from '../i18n/useI18n.js';
import { lazy, Suspense, useEffect } from 'react';
import { InboxPage } from '../inbox/InboxPage.js';

// Charts are a large library: loaded when reports are opened, not with the workspace.
const DashboardPage = lazy(() => import('../reports/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
import { BoardPage } from './BoardPage.js';
import { ListPage } from './ListPage.js';
import { MyWorkPage } from './MyWorkPage.js';
import { NewRecordPage } from './NewRecordPage.js';
import { preloadRecordForm, preloadRecordFormWhenIdle } from './RecordForm.js';
import { RecordPage } from './RecordPage.js';
import { usePipeline } from './usePipeline.js';
import { directoryUsers } from './users-api.js';
import { WorkspaceBar } from './WorkspaceBar.js';
import { WorkspaceSidebar } from './WorkspaceSidebar.js';
import type { WorkRoute } from './work-routes.js';
import './workspace.css';

export function WorkspacePage({ route }: { route: WorkRoute }) {
  // A page that shows a form first fetches its script at once; the others when idle.
  const formFirst = route.view === 'record' || route.view === 'new' || route.view === 'inbox';
  useEffect(() => (formFirst ? preloadRecordForm() : preloadRecordFormWhenIdle()), [formFirst]);
  if (route.view === 'me') return <MyWorkPage />;
  if (route.view === 'inbox') return <InboxPage {...(route.id ? { id: route.id } : {})} />;
  if (route.view === 'reports')
    return (
      <Suspense fallback={<main className="page">…</main>}>
        <DashboardPage />
      </Suspense>
    );
  // Keyed by the whole route: each page loads the latest definition, so what an admin
  // changed in the designer shows on the next page opened.
  const key = route.view === 'record' ? `${route.entity}/${route.id}` : `${route.entity}/${route.view}`;
  return <EntityPages key={key} route={route} />;
}

function EntityPages({ route }: { route: Exclude<WorkRoute, { view: 'me' } | { view: 'inbox' } | { view: 'reports' }> }) {
  const { t } = useI18n();
  const pipeline = usePipeline(route.entity);
  // Cards and rows name their owners: the directory is asked for beside the definition, so the
  // names come with the first records instead of replacing ids a round trip later.
  useEffect(() => void directoryUsers().catch(() => undefined), []);
  if (pipeline.status === 'loading') return <main className="page">{t('common.loading')}</main>;
  if (pipeline.status === 'error')
    return (
      <main className="page" role="alert">
        {t('common.loadFailed', { message: pipeline.message })}
      </main>
    );
  const { definition } = pipeline.value;
  if (route.view === 'record') return <RecordPage key={route.id} pipeline={pipeline.value} id={route.id} />;
  return (
    <div className="work-layout">
      <WorkspaceSidebar entity={definition.entity} view={route.view} />
      <main className="page work-page" data-view={route.view}>
        <WorkspaceBar entity={definition.entity} labels={definition.schema['x-labels']} view={route.view} />
        {route.view === 'board' && <BoardPage pipeline={pipeline.value} />}
        {route.view === 'list' && <ListPage pipeline={pipeline.value} />}
        {route.view === 'new' && <NewRecordPage pipeline={pipeline.value} />}
      </main>
    </div>
  );
}
