/** The workspace's entries in the app header. */
import { Link } from '../app/Link.js';
import { useInboxCount } from '../inbox/useInboxCount.js';
import { useInboxText } from '../inbox/useInboxText.js';
import { useReportText } from '../reports/useReportText.js';
import { useMyWorkCount } from './useMyWorkCount.js';
import { useWorkText } from './useWorkText.js';
import { DEFAULT_ENTITY, workPaths } from './work-routes.js';

export function WorkspaceNav({ path }: { path: string }) {
  const { w } = useWorkText();
  const me = path.startsWith(workPaths.me());
  const inbox = path.startsWith(workPaths.inbox());
  const reports = path.startsWith(workPaths.reports());
  const count = useMyWorkCount();
  const unread = useInboxCount();
  const { m } = useInboxText();
  const { r: reportText } = useReportText();
  return (
    <>
      <Link to={workPaths.board(DEFAULT_ENTITY)} aria-current={path.startsWith('/work') && !me && !inbox && !reports ? 'page' : undefined}>
        {w('nav.work')}
      </Link>
      <Link to={workPaths.me()} aria-current={me ? 'page' : undefined}>
        {w('nav.me')}
        {count !== undefined && count > 0 && (
          <span className="nav-count" data-testid="my-work-count" aria-label={w('nav.meCount', { count })}>
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Link>
      <Link to={workPaths.reports()} aria-current={reports ? 'page' : undefined}>
        {reportText('nav.reports')}
      </Link>
      {unread !== undefined && (
        <Link to={workPaths.inbox()} aria-current={inbox ? 'page' : undefined}>
          {m('nav.inbox')}
          {unread > 0 && (
            <span className="nav-count" data-testid="inbox-count" aria-label={m('nav.inboxCount', { count: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Link>
      )}
    </>
  );
}
