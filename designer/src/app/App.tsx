/**
 * The shell: who is signed in decides what shows. While the session loads, a short
 * loading line; signed out, the sign-in page; signed in, the header, the page of the
 * current route, and the prompts shared by all pages.
 */
import { lazy, Suspense, useEffect } from 'react';
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
const loadEditor = () => import('../editor/EditorPage.js');
const EditorPage = lazy(() => loadEditor().then((m) => ({ default: m.EditorPage })));
const PipelineListPage = lazy(() => import('../list/PipelineListPage.js').then((m) => ({ default: m.PipelineListPage })));
const AutomationsPage = lazy(() => import('../admin/AutomationsPage.js').then((m) => ({ default: m.AutomationsPage })));
const ChannelsPage = lazy(() => import('../admin/ChannelsPage.js').then((m) => ({ default: m.ChannelsPage })));
const TemplatesPage = lazy(() => import('../admin/TemplatesPage.js').then((m) => ({ default: m.TemplatesPage })));
const AssignmentRulesPage = lazy(() => import('../admin/assignment/AssignmentRulesPage.js').then((m) => ({ default: m.AssignmentRulesPage })));
const DashboardsAdminPage = lazy(() => import('../admin/dashboards/DashboardsAdminPage.js').then((m) => ({ default: m.DashboardsAdminPage })));
const UsersPage = lazy(() => import('../admin/UsersPage.js').then((m) => ({ default: m.UsersPage })));
// The editor an address names starts loading with the session, not after it.
if (window.location.pathname.startsWith('/designer/')) void loadEditor();

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
  useEffect(() => {
    // Once per page: StrictMode runs effects twice in development.
    if (session.get().status === 'loading' && !loadStarted) {
      loadStarted = true;
      void session.load();
    }
  }, []);
  if (current.status === 'loading') {
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
