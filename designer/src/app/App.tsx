/**
 * The shell: who is signed in decides what shows. While the session loads, a short
 * loading line; signed out, the sign-in page; signed in, the header, the page of the
 * current route, and the prompts shared by all pages.
 */
import { Suspense, useEffect, useState } from 'react';
import { lazyPage } from './lazy-page.js';
import { I18nProvider } from '../i18n/I18nProvider.js';
import { useI18n } from '../i18n/useI18n.js';
import { ToastProvider } from '../ui/ToastProvider.js';
import { DEFAULT_ENTITY, workPaths } from '../workspace/work-routes.js';
import { WorkspacePage } from '../workspace/WorkspacePage.js';
import { AdminOnlyPage } from './AdminOnlyPage.js';
import { AppHeader } from './AppHeader.js';
import { Link } from './Link.js';
import { navigation } from './navigation.js';
import { NavigationPrompt } from './NavigationPrompt.js';
import { matchRoute, paths } from './routes.js';
import { session, type SessionUser } from './session.js';
import { SignInPage } from './SignInPage.js';
import { useNavigation } from './useNavigation.js';
import { useSession } from './useSession.js';
import './auth.css';

// The admins' sections are their own scripts, fetched when first opened: staff never load
// the pipeline editor (React Flow and its layout). The workspace stays in the first script:
// measured with 10,000 records, fetching it after the session cost more than parsing it.
const editor = lazyPage(() => import('../editor/EditorPage.js').then((m) => m.EditorPage));
const EditorPage = editor.Page;
const PipelineListPage = lazyPage(() => import('../list/PipelineListPage.js').then((m) => m.PipelineListPage)).Page;
const AutomationsPage = lazyPage(() => import('../admin/AutomationsPage.js').then((m) => m.AutomationsPage)).Page;
const ChannelsPage = lazyPage(() => import('../admin/ChannelsPage.js').then((m) => m.ChannelsPage)).Page;
const BackupsPage = lazyPage(() => import('../admin/BackupsPage.js').then((m) => m.BackupsPage)).Page;
const TemplatesPage = lazyPage(() => import('../admin/TemplatesPage.js').then((m) => m.TemplatesPage)).Page;
const AssignmentRulesPage = lazyPage(() => import('../admin/assignment/AssignmentRulesPage.js').then((m) => m.AssignmentRulesPage)).Page;
const DashboardsAdminPage = lazyPage(() => import('../admin/dashboards/DashboardsAdminPage.js').then((m) => m.DashboardsAdminPage)).Page;
const UsersPage = lazyPage(() => import('../admin/UsersPage.js').then((m) => m.UsersPage)).Page;
// The editor an address names starts loading with the session, not after it, and the
// page waits for both: a page shown behind a Suspense fallback is revealed 300 ms late.
const initialPage: Promise<unknown> = window.location.pathname.startsWith('/designer/') ? editor.preload().catch(() => undefined) : Promise.resolve();

/** Where `/` leads: admins design pipelines, everyone else works records. */
function homeOf(user: SessionUser): string {
  return user.roles.includes('admin') ? paths.pipelines() : workPaths.board(DEFAULT_ENTITY);
}

function CurrentPage({ user }: { user: SessionUser }) {
  const { path } = useNavigation();
  const { t } = useI18n();
  const route = matchRoute(path);
  const admin = user.roles.includes('admin');
  useEffect(() => {
    if (route.name === 'home') navigation.navigate(homeOf(user), { replace: true });
    if (route.name === 'redirect') navigation.navigate(route.to, { replace: true });
  }, [route, user]);
  switch (route.name) {
    case 'pipelines':
      return admin ? <PipelineListPage /> : <AdminOnlyPage />;
    case 'editor':
      return admin ? (
        <EditorPage key={route.entity} entity={route.entity} tab={route.tab} />
      ) : (
        <AdminOnlyPage />
      );
    case 'users':
      return admin ? <UsersPage me={user.id} /> : <AdminOnlyPage />;
    case 'automations':
      return admin ? <AutomationsPage /> : <AdminOnlyPage />;
    case 'channels':
      return admin ? <ChannelsPage /> : <AdminOnlyPage />;
    case 'templates':
      return admin ? <TemplatesPage /> : <AdminOnlyPage />;
    case 'assignment':
      return admin ? <AssignmentRulesPage /> : <AdminOnlyPage />;
    case 'dashboards':
      return admin ? <DashboardsAdminPage /> : <AdminOnlyPage />;
    case 'backups':
      return admin ? <BackupsPage /> : <AdminOnlyPage />;
    case 'work':
      return <WorkspacePage route={route.work} />;
    case 'home':
    case 'redirect':
      return null;
    default:
      return (
        <main className="page page-narrow">
          <h1>{t('notFound.title')}</h1>
          <p>
            <Link to={homeOf(user)}>{admin ? t('notFound.back') : t('adminOnly.back')}</Link>
          </p>
        </main>
      );
  }
}

function Shell() {
  const current = useSession();
  const { t } = useI18n();
  const [pageReady, setPageReady] = useState(false);
  useEffect(() => {
    // Once per page: StrictMode runs effects twice in development.
    if (session.get().status === 'loading' && !loadStarted) {
      loadStarted = true;
      void session.load();
    }
    let live = true;
    void initialPage.then(() => live && setPageReady(true));
    return () => {
      live = false;
    };
  }, []);
  if (current.status === 'loading' || (current.status === 'signed-in' && !pageReady)) {
    return (
      <main className="app-loading" aria-busy="true">
        <p className="muted">{t('app.loading')}</p>
      </main>
    );
  }
  if (current.status === 'signed-out')
    return <SignInPage key={String(current.expired)} expired={current.expired} />;
  // Keyed by user: nothing of one user's pages survives into the next user's.
  return (
    <div className="app" key={current.user.id}>
      <AppHeader user={current.user} />
      <Suspense
        fallback={
          <main className="page" aria-busy="true">
            <p className="muted">{t('common.loading')}</p>
          </main>
        }
      >
        <CurrentPage user={current.user} />
      </Suspense>
      <NavigationPrompt />
    </div>
  );
}

let loadStarted = false;

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </I18nProvider>
  );
}
