/**
 * The one inbox (/work/inbox): every conversation the reader may see, one thread per
 * customer across Zalo, Messenger and the website, newest first with unread counts;
 * filtered to theirs, nobody's or one channel; the chosen thread beside the list, updated
 * as messages arrive.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Labels } from '../model/pack-types.js';
import { usePipeline } from '../workspace/usePipeline.js';
import type { ThreadList as Threads, ThreadQuery, ThreadView } from './inbox-api.js';
import { channelLabels } from './channel-names.js';
import { ThreadList } from './ThreadList.js';
import { ThreadPane } from './ThreadPane.js';
import { useInboxText } from './useInboxText.js';
import { useThreads } from './useThreads.js';
import './inbox.css';

const VIEWS: ThreadView[] = ['all', 'mine', 'unassigned'];

export function InboxPage({ id }: { id?: string }) {
  const { m, t } = useInboxText();
  const [query, setQuery] = useState<ThreadQuery>({ view: 'all', status: 'open' });
  const { state, tick, refresh } = useThreads(query);
  const entity = state.status === 'ready' ? state.value.entity : undefined;
  return (
    <main className="page inbox-page">
      <h1>{m('title')}</h1>
      {state.status === 'error' && (
        <p role="alert" className="muted">
          {m('loadFailed', { message: state.message })}
        </p>
      )}
      {state.status === 'loading' && <p>{t('common.loading')}</p>}
      {state.status === 'ready' && !entity && <p className="muted">{m('none')}</p>}
      {entity && state.status === 'ready' && (
        <InboxBody entity={entity} id={id} query={query} setQuery={setQuery} list={state.value} tick={tick} refresh={refresh} />
      )}
    </main>
  );
}

function InboxBody({
  entity,
  id,
  query,
  setQuery,
  list,
  tick,
  refresh,
}: {
  entity: string;
  id: string | undefined;
  query: ThreadQuery;
  setQuery: (q: ThreadQuery) => void;
  list: Threads;
  tick: number;
  refresh: () => void;
}) {
  const { m, t, label } = useInboxText();
  const pipeline = usePipeline(entity);
  const schema = pipeline.status === 'ready' ? pipeline.value.definition.schema : undefined;
  const channelField = list.channelField;
  const channelName = useCallback((value: string): Labels => channelLabels(schema, channelField, value), [schema, channelField]);
  const channelValues = useMemo(() => {
    const field = (schema?.properties as Record<string, { enum?: string[] }> | undefined)?.[channelField];
    return field?.enum ?? [];
  }, [schema, channelField]);
  return (
    <div className="inbox-layout">
      <nav className="inbox-list panel" aria-label={m('list')}>
        <div className="inbox-views" role="group" aria-label={m('views')}>
          {VIEWS.map((view) => (
            <button key={view} type="button" className={`btn btn-sm${query.view === view ? ' btn-primary' : ''}`} aria-pressed={query.view === view} onClick={() => setQuery({ ...query, view })}>
              {m(`view.${view}`)}
            </button>
          ))}
        </div>
        <div className="inbox-filters">
          <label>
            <span className="sr-only">{m('channel.label')}</span>
            <select
              value={query.channel ?? ''}
              aria-label={m('channel.label')}
              onChange={(event) => setQuery({ view: query.view, status: query.status, ...(event.target.value ? { channel: event.target.value } : {}) })}
            >
              <option value="">{m('channel.any')}</option>
              {channelValues.map((value) => (
                <option key={value} value={value}>
                  {label(channelName(value), value)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">{m('status.label')}</span>
            <select value={query.status} aria-label={m('status.label')} onChange={(event) => setQuery({ ...query, status: event.target.value === 'closed' ? 'closed' : 'open' })}>
              <option value="open">{m('status.open')}</option>
              <option value="closed">{m('status.closed')}</option>
            </select>
          </label>
        </div>
        <ThreadList threads={list.items} view={query.view} closed={query.status === 'closed'} channelName={channelName} {...(id ? { selected: id } : {})} />
      </nav>
      {!id && <p className="inbox-pick muted">{m('pick')}</p>}
      {id && pipeline.status === 'loading' && <p>{t('common.loading')}</p>}
      {id && pipeline.status === 'ready' && (
        <ThreadPane
          key={id}
          id={id}
          pipeline={pipeline.value}
          systemFields={list.systemFields}
          tick={tick}
          channelName={channelName}
          onChanged={refresh}
          {...(list.replyEvent ? { replyEvent: list.replyEvent } : {})}
        />
      )}
    </div>
  );
}
