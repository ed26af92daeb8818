/** The shell: header, the page of the current route, and the prompts shared by all pages. */
import { useEffect } from 'react';
import { EditorPage } from '../editor/EditorPage.js';
import { I18nProvider } from '../i18n/I18nProvider.js';
import { useI18n } from '../i18n/useI18n.js';
import { PipelineListPage } from '../list/PipelineListPage.js';
import { ToastProvider } from '../ui/ToastProvider.js';
import { WorkspacePage } from '../workspace/WorkspacePage.js';
import { AppHeader } from './AppHeader.js';
import { navigation } from './navigation.js';
import { NavigationPrompt } from './NavigationPrompt.js';
import { matchRoute, paths } from './routes.js';
import { useNavigation } from './useNavigation.js';

function CurrentPage() {
  const { path } = useNavigation();
  const { t } = useI18n();
  const route = matchRoute(path);
  useEffect(() => {
    if (route.name === 'redirect') navigation.navigate(route.to, { replace: true });
  }, [route]);
  switch (route.name) {
    case 'pipelines':
      return <PipelineListPage />;
    case 'editor':
      return <EditorPage key={route.entity} entity={route.entity} tab={route.tab} />;
    case 'work':
      return <WorkspacePage route={route.work} />;
    case 'redirect':
      return null;
    default:
      return (
        <main className="page page-narrow">
          <h1>{t('notFound.title')}</h1>
          <p>
            <a
              href={paths.pipelines()}
              onClick={(e) => (e.preventDefault(), navigation.navigate(paths.pipelines()))}
            >
              {t('notFound.back')}
            </a>
          </p>
        </main>
      );
  }
}

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <div className="app">
          <AppHeader />
          <CurrentPage />
          <NavigationPrompt />
        </div>
      </ToastProvider>
    </I18nProvider>
  );
}
