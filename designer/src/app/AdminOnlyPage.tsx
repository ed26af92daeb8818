/** What a signed-in non-admin sees on an admin page (pipelines, users), instead of refused requests. */
import { useI18n } from '../i18n/useI18n.js';
import { DEFAULT_ENTITY, workPaths } from '../workspace/work-routes.js';
import { Link } from './Link.js';

export function AdminOnlyPage() {
  const { t } = useI18n();
  return (
    <main className="page page-narrow admin-only" data-page="admin-only">
      <div className="page-head">
        <h1>{t('adminOnly.title')}</h1>
        <p className="muted">{t('adminOnly.body')}</p>
      </div>
      <p>
        <Link className="btn btn-primary" to={workPaths.board(DEFAULT_ENTITY)}>
          {t('adminOnly.back')}
        </Link>
      </p>
    </main>
  );
}
