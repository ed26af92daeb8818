/**
 * My work: what is waiting for the signed-in user, in four groups: overdue (unread
 * notifications from before today), today's notifications, the reminders on their records
 * that fall due later today, and those of the next six days. Each item names its record
 * and links to it. Times are the business time zone's, like "today".
 */
import { useMemo } from 'react';
import { Link } from '../app/Link.js';
import { businessFormats } from './my-work-groups.js';
import { MyWorkGroup } from './MyWorkGroup.js';
import type { UpcomingReminder } from './reminder-types.js';
import { useMyWork } from './useMyWork.js';
import { useRecordNames, type RecordName } from './useRecordNames.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import type { InboxItem } from './workspace-api.js';

type Format = (iso: string) => string;

/** Which record an item is about: its kind and name, linked. */
function RecordRef({ link, names }: { link: { entity: string; id: string }; names: Map<string, RecordName> }) {
  const { label, formatDay } = useWorkText();
  const found = names.get(`${link.entity}/${link.id}`);
  const kind = label(found?.entityLabels, link.entity);
  const name = found?.title ?? (found?.createdAt ? formatDay(found.createdAt) : undefined);
  return (
    <Link className="inbox-record" to={workPaths.record(link.entity, link.id)} data-record={link.id}>
      <span className="inbox-record-kind">{kind}</span>
      {name && <span className="inbox-record-name">{name}</span>}
    </Link>
  );
}

function InboxRow({
  item,
  overdue,
  format,
  onRead,
  names,
}: {
  item: InboxItem;
  overdue: boolean;
  format: Format;
  onRead: (id: string) => void;
  names: Map<string, RecordName>;
}) {
  const { w, label } = useWorkText();
  const unread = item.read ? '' : ' inbox-unread';
  return (
    <li className={`panel inbox-item${unread}${overdue ? ' inbox-overdue' : ''}`} data-inbox={item.id}>
      <div className="inbox-text">
        {item.link && <RecordRef link={item.link} names={names} />}
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

function UpcomingRow({ item, format, names }: { item: UpcomingReminder; format: Format; names: Map<string, RecordName> }) {
  const { w, label } = useWorkText();
  return (
    <li className="panel inbox-item" data-reminder={item.id}>
      <div className="inbox-text">
        <RecordRef link={item.link} names={names} />
        <span>{label(item.labels)}</span>
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
  const links =
    work.status === 'ready'
      ? [...work.value.overdue, ...work.value.today].flatMap((i) => (i.link ? [i.link] : [])).concat([...work.value.later, ...work.value.coming].map((r) => r.link))
      : [];
  const names = useRecordNames(links);

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
              <InboxRow key={item.id} item={item} overdue format={formats.dateTime} onRead={markRead} names={names} />
            ))}
          </MyWorkGroup>
          <MyWorkGroup
            kind="today"
            title={w('me.today')}
            count={work.value.today.length}
            empty={w('me.todayEmpty')}
          >
            {work.value.today.map((item) => (
              <InboxRow key={item.id} item={item} overdue={false} format={formats.time} onRead={markRead} names={names} />
            ))}
          </MyWorkGroup>
          <MyWorkGroup
            kind="later"
            title={w('me.later')}
            count={work.value.later.length}
            empty={w('me.laterEmpty')}
          >
            {work.value.later.map((item) => (
              <UpcomingRow key={`${item.link.id}:${item.stage}:${item.id}`} item={item} format={formats.time} names={names} />
            ))}
          </MyWorkGroup>
          <MyWorkGroup kind="coming" title={w('me.coming')} count={work.value.coming.length} empty={w('me.comingEmpty')}>
            {work.value.coming.map((item) => (
              <UpcomingRow key={`${item.link.id}:${item.stage}:${item.id}`} item={item} format={formats.dateTime} names={names} />
            ))}
          </MyWorkGroup>
        </>
      )}
    </main>
  );
}
