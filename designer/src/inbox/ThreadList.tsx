/** The inbox's threads: who, on which channels, the last message, unread count, who is in charge. */
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { UserName } from '../workspace/UserName.js';
import type { Thread, ThreadView } from './inbox-api.js';
import { useInboxText } from './useInboxText.js';
import { workPaths } from '../workspace/work-routes.js';

export function ThreadList({ threads, selected, view, closed, channelName }: { threads: Thread[]; selected?: string; view: ThreadView; closed: boolean; channelName: (value: string) => Labels }) {
  const { m, label, formatDate } = useInboxText();
  if (threads.length === 0) return <p className="muted inbox-empty">{m(closed ? 'empty.closed' : view === 'mine' ? 'empty.mine' : view === 'unassigned' ? 'empty.unassigned' : 'empty.all')}</p>;
  return (
    <ul className="thread-list" aria-label={m('list')}>
      {threads.map((thread) => {
        const current = thread.id === selected || thread.conversations.some((c) => c.id === selected);
        const channels = thread.channels.map((c) => label(channelName(c), c));
        return (
          <li key={thread.id}>
            <Link
              to={workPaths.inbox(thread.id)}
              className={`thread-row${current ? ' thread-current' : ''}${thread.unread > 0 ? ' thread-unread' : ''}`}
              aria-current={current ? 'page' : undefined}
              data-thread={thread.id}
            >
              <span className="thread-top">
                <strong className="thread-name">{thread.name ?? m('unknown', { channel: channels[0] ?? '' })}</strong>
                <time className="muted" dateTime={thread.lastMessageAt}>
                  {formatDate(thread.lastMessageAt)}
                </time>
              </span>
              <span className="thread-last">{thread.lastMessage ?? ''}</span>
              <span className="thread-bottom">
                <span className="thread-channels">
                  {thread.channels.map((c, i) => (
                    <span key={c} className={`channel-tag channel-${c}`}>
                      {channels[i]}
                    </span>
                  ))}
                </span>
                <span className="muted thread-assignee">{thread.assignee ? <UserName id={thread.assignee} /> : m('noAssignee')}</span>
                {thread.unread > 0 && (
                  <span className="nav-count" aria-label={m('unread', { count: thread.unread })}>
                    {thread.unread}
                  </span>
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
