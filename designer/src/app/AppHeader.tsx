/** The top bar: product name, sections (admins also see pipelines and users), language, who is signed in. */
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { WorkspaceNav } from '../workspace/WorkspaceNav.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Link } from './Link.js';
import { navigation } from './navigation.js';
import { paths } from './routes.js';
import { session, type SessionUser } from './session.js';
import { useNavigation } from './useNavigation.js';

// Loaded when first opened: most sessions never change a password.
const OwnPasswordDialog = lazy(() => import('../admin/OwnPasswordDialog.js').then((m) => ({ default: m.OwnPasswordDialog })));

export function AppHeader({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const { path } = useNavigation();
  const [leaving, setLeaving] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const admin = user.roles.includes('admin');
  const roles = user.roles.map((role) => t(`role.${role}`)).join(', ');
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label="tourflow">
        <span className="brand-mark" aria-hidden="true" />
        tourflow
      </Link>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {admin && (
          <Link to={paths.pipelines()} aria-current={path.startsWith('/designer') ? 'page' : undefined}>
            {t('nav.designer')}
          </Link>
        )}
        <WorkspaceNav path={path} />
        {admin && (
          <Link to={paths.users()} aria-current={path.startsWith('/admin/users') ? 'page' : undefined}>
            {t('nav.users')}
          </Link>
        )}
        {admin && (
          <Link to={paths.assignment()} aria-current={path.startsWith('/admin/assignment') ? 'page' : undefined}>
            {t('nav.assignment')}
          </Link>
        )}
        {admin && (
          <Link to={paths.automations()} aria-current={path.startsWith('/admin/automations') ? 'page' : undefined}>
            {t('nav.automations')}
          </Link>
        )}
        {admin && (
          <Link to={paths.channels()} aria-current={path.startsWith('/admin/channels') || path.startsWith('/admin/templates') ? 'page' : undefined}>
            {t('nav.channels')}
          </Link>
        )}
        {admin && (
          <Link to={paths.backups()} aria-current={path.startsWith('/admin/backups') ? 'page' : undefined}>
            {t('nav.backups')}
          </Link>
        )}
      </nav>
      <div className="app-header-end">
        <LanguageSwitch />
        <span className="actor" data-user={user.id} title={t('header.userTitle', { id: user.id, roles })}>
          <span className="sr-only">{t('header.actor')} </span>
          {user.name}
        </span>
        <button type="button" className="btn btn-sm header-sign-out header-password" onClick={() => setChangingPassword(true)}>
          {t('header.changePassword')}
        </button>
        {changingPassword && (
          <Suspense fallback={null}>
            <OwnPasswordDialog userId={user.id} onClose={() => setChangingPassword(false)} />
          </Suspense>
        )}
        <button
          type="button"
          className="btn btn-sm header-sign-out"
          disabled={leaving}
          onClick={() => {
            // Signed out even when the server cannot be reached; the next user starts at home.
            setLeaving(true);
            void session.signOut().then(() => navigation.navigate('/', { replace: true, force: true }));
          }}
        >
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
