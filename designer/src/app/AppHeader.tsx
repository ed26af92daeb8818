/** The top bar: product name, sections, language switch and who is acting. */
import { currentActor } from '../api/client.js';
import { useI18n } from '../i18n/useI18n.js';
import { WorkspaceNav } from '../workspace/WorkspaceNav.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Link } from './Link.js';
import { paths } from './routes.js';
import { useNavigation } from './useNavigation.js';

export function AppHeader() {
  const { t } = useI18n();
  const { path } = useNavigation();
  return (
    <header className="app-header">
      <Link to={paths.pipelines()} className="brand" aria-label="tourflow">
        <span className="brand-mark" aria-hidden="true" />
        tourflow
      </Link>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <Link to={paths.pipelines()} aria-current={path.startsWith('/designer') ? 'page' : undefined}>
          {t('nav.designer')}
        </Link>
        <WorkspaceNav path={path} />
      </nav>
      <div className="app-header-end">
        <LanguageSwitch />
        <span className="actor" title={t('header.actor')}>
          {currentActor()}
        </span>
      </div>
    </header>
  );
}
