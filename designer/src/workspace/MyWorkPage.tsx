/** My work: the inbox of the signed-in user (reminders, escalations), unread first. */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import { workspaceApi, type InboxItem } from './workspace-api.js';

export function MyWorkPage() {
  const { w, t, label, formatDate } = useWorkText();
  const [inbox, setInbox] = useState<Loadable<InboxItem[]>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    workspaceApi
      .inbox(abort.signal)
      .then((page) => setInbox({ status: 'ready', value: page.items }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setInbox({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [tick]);
  const markRead = useCallback((id: string) => {
    void workspaceApi.markRead(id).then(() => setTick((n) => n + 1));
  }, []);

  return (
    <main className="page page-narrow work-me">
      <div className="page-head">
        <h1>{w('me.title')}</h1>
        <p className="muted">{w('me.subtitle')}</p>
      </div>
      {inbox.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {inbox.status === 'error' && <p role="alert">{t('common.loadFailed', { message: inbox.message })}</p>}
      {inbox.status === 'ready' && inbox.value.length === 0 && <p className="panel muted">{w('me.empty')}</p>}
      {inbox.status === 'ready' && inbox.value.length > 0 && (
        <ul className="inbox">
          {inbox.value.map((item) => (
            <li key={item.id} className={`panel inbox-item${item.read ? '' : ' inbox-unread'}`}>
              <div className="inbox-text">
                <span>{label(item.message)}</span>
                <time className="muted" dateTime={item.createdAt}>
                  {formatDate(item.createdAt)}
                </time>
              </div>
              <div className="inbox-actions">
                {item.link && (
                  <Link className="btn btn-sm" to={workPaths.record(item.link.entity, item.link.id)}>
                    {w('me.open')}
                  </Link>
                )}
                {!item.read && (
                  <button type="button" className="btn btn-sm" onClick={() => markRead(item.id)}>
                    {w('me.markRead')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
