/**
 * My work: what is waiting for the signed-in user, in three groups: overdue (unread
 * notifications from before today), today's notifications, and the reminders on their
 * records that fall due later today. Times are the business time zone's, like "today".
 */
import { useMemo } from 'react';
import { Link } from '../app/Link.js';
import { businessFormats } from './my-work-groups.js';
import { MyWorkGroup } from './MyWorkGroup.js';
import type { UpcomingReminder } from './reminder-types.js';
import { useMyWork } from './useMyWork.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import type { InboxItem } from './workspace-api.js';

type Format = (iso: string) => string;

function InboxRow({
  item,
  overdue,
  format,
  onRead,
}: {
  item: InboxItem;
  overdue: boolean;
  format: Format;
  onRead: (id: string) => void;
}) {
  const { w, label } = useWorkText();
  const unread = item.read ? '' : ' inbox-unread';
  return (
    <li className={`panel inbox-item${unread}${overdue ? ' inbox-overdue' : ''}`} data-inbox={item.id}>
      <div className="inbox-text">
        <span>{label(item.message)}</span>
        <time className="muted" dateTime={item.createdAt}>
          {format(item.createdAt)}
        </time>
      </div>
      <div className="inbox-actions">
        {item.link && (
          <Link className="btn btn-sm" to={workPaths.record(item.link.entity, item.link.id)}>
            {w('me.open')}
          </Link>
        )}
        {!item.read && (
          <button type="button" className="btn btn-sm" onClick={() => onRead(item.id)}>
            {w('me.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}

function UpcomingRow({ item, format }: { item: UpcomingReminder; format: Format }) {
  const { w, label } = useWorkText();
  return (
    <li className="panel inbox-item" data-reminder={item.id}>
      <div className="inbox-text">
        <span>{label(item.labels, item.id)}</span>
        <time className="muted" dateTime={item.dueAt}>
          {w('me.dueAt', { time: format(item.dueAt) })}
        </time>
      </div>
      <div className="inbox-actions">
        <Link className="btn btn-sm" to={workPaths.record(item.link.entity, item.link.id)}>
          {w('me.open')}
        </Link>
      </div>
    </li>
  );
}

export function MyWorkPage() {
  const { w, t, lang } = useWorkText();
  const { work, markRead } = useMyWork();
  const timeZone = work.status === 'ready' ? work.value.day.timeZone : undefined;
  const formats = useMemo(() => (timeZone ? businessFormats(lang, timeZone) : undefined), [lang, timeZone]);

  return (
    <main className="page page-narrow work-me">
      <div className="page-head">
        <h1>{w('me.title')}</h1>
        <p className="muted">{w('me.subtitle')}</p>
      </div>
      {work.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {work.status === 'error' && <p role="alert">{t('common.loadFailed', { message: work.message })}</p>}
      {work.status === 'ready' && formats && (
        <>
          <MyWorkGroup
            kind="overdue"
            title={w('me.overdue')}
            count={work.value.overdue.length}
            empty={w('me.overdueEmpty')}
          >
            {work.value.overdue.map((item) => (
              <InboxRow key={item.id} item={item} overdue format={formats.dateTime} onRead={markRead} />
            ))}
          </MyWorkGroup>
          <MyWorkGroup
            kind="today"
            title={w('me.today')}
            count={work.value.today.length}
            empty={w('me.todayEmpty')}
          >
            {work.value.today.map((item) => (
              <InboxRow key={item.id} item={item} overdue={false} format={formats.time} onRead={markRead} />
            ))}
          </MyWorkGroup>
          <MyWorkGroup
            kind="later"
            title={w('me.later')}
            count={work.value.later.length}
            empty={w('me.laterEmpty')}
          >
            {work.value.later.map((item) => (
              <UpcomingRow
                key={`${item.link.id}:${item.stage}:${item.id}`}
                item={item}
                format={formats.time}
              />
            ))}
          </MyWorkGroup>
        </>
      )}
    </main>
  );
}
