/**
 * One thread: its messages and the reply box in the middle; the conversation's customer
 * fields, next steps (a lead, an order, an opportunity made from it) and the customer's
 * history beside it. Read again whenever the inbox hears of a change; marked read for the
 * reader as they look at it.
 */
import { useEffect, useMemo, useState } from 'react';
import { ApiError, isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { useToast } from '../ui/useToast.js';
import { EventButtons } from '../workspace/EventButtons.js';
import { PendingMoveDialog } from '../workspace/MissingFieldsDialog.js';
import { stageOf, stageTitle } from '../workspace/pipeline-model.js';
import { problemText } from '../workspace/problem-text.js';
import { RecordForm } from '../workspace/RecordForm.js';
import { RecordViews } from '../workspace/RecordViews.js';
import { RelatedRecords } from '../workspace/RelatedRecords.js';
import type { Pipeline } from '../workspace/usePipeline.js';
import { useRecord } from '../workspace/useRecord.js';
import { useRecordMove } from '../workspace/useRecordMove.js';
import { useRelated } from '../workspace/useRelated.js';
import { UserName } from '../workspace/UserName.js';
import { workPaths } from '../workspace/work-routes.js';
import { changedFields, saveChanges } from '../workspace/record-edits.js';
import { workspaceApi } from '../workspace/workspace-api.js';
import { announceInboxChange, inboxApi, type Thread, type ThreadMessage } from './inbox-api.js';
import { MessageList } from './MessageList.js';
import { ReplyBox } from './ReplyBox.js';
import { useInboxText } from './useInboxText.js';

interface Props {
  id: string;
  pipeline: Pipeline;
  replyEvent?: string;
  systemFields: string[];
  /** Bumped when the server reports a change. */
  tick: number;
  channelName: (value: string) => Labels;
  onChanged: () => void;
}

export function ThreadPane({ id, pipeline, replyEvent, systemFields, tick, channelName, onChanged }: Props) {
  const { m, t } = useInboxText();
  const [state, setState] = useState<Loadable<{ thread: Thread; messages: ThreadMessage[] }>>({ status: 'loading' });
  const [own, setOwn] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    inboxApi
      .thread(id, abort.signal)
      .then((value) => {
        setState({ status: 'ready', value });
        if (value.thread.unread > 0) void inboxApi.read(id).then(announceInboxChange, () => undefined);
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [id, tick, own]);
  if (state.status === 'loading') return <section className="thread-pane">{t('common.loading')}</section>;
  if (state.status === 'error') return <section className="thread-pane" role="alert">{m('loadFailed', { message: state.message })}</section>;
  const { thread, messages } = state.value;
  return (
    <ThreadBody
      key={thread.id}
      thread={thread}
      messages={messages}
      pipeline={pipeline}
      systemFields={systemFields}
      channelName={channelName}
      tick={tick}
      onSent={() => {
        setOwn((n) => n + 1);
        onChanged();
      }}
      {...(replyEvent ? { replyEvent } : {})}
    />
  );
}

function ThreadBody({
  thread,
  messages,
  pipeline,
  replyEvent,
  systemFields,
  channelName,
  tick,
  onSent,
}: {
  thread: Thread;
  messages: ThreadMessage[];
  pipeline: Pipeline;
  replyEvent?: string;
  systemFields: string[];
  channelName: (value: string) => Labels;
  tick: number;
  onSent: () => void;
}) {
  const { m, w, label } = useInboxText();
  const toast = useToast();
  const { definition, stages } = pipeline;
  const { record, replace, reload, settled } = useRecord(definition.entity, thread.id);
  const move = useRecordMove(stages, (moved) => {
    replace(moved);
    onSent();
  }, undefined, definition.schema);
  const [busy, setBusy] = useState(false);
  const [edits, setEdits] = useState<Record<string, unknown>>({});
  const current = record.status === 'ready' ? record.value : undefined;
  const revision = current ? `${current.version}:${settled}:${tick}` : undefined;
  const related = useRelated(definition.entity, thread.id, revision);
  const customer = useRelated(thread.customer?.entity ?? definition.entity, thread.customer?.id ?? thread.id, thread.customer ? revision : undefined);
  // A change the inbox heard of (a new message, an assignment) may have moved the record too.
  useEffect(() => {
    reload();
  }, [tick, reload]);
  const access = useMemo(() => ({ hidden: systemFields, locked: current?.status === 'done' ? ('all' as const) : [] }), [systemFields, current?.status]);
  const channel = label(channelName(thread.reply.channel), thread.reply.channel);

  const reply = async (text: string): Promise<boolean> => {
    if (!current || !replyEvent) return false;
    setBusy(true);
    try {
      replace(await workspaceApi.send(definition.entity, thread.id, replyEvent, current.version, undefined, { text }));
      toast(m('reply.sent', { channel }), 'success');
      onSent();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // A message arrived meanwhile: send on the new version.
        const fresh = await workspaceApi.get(definition.entity, thread.id);
        try {
          replace(await workspaceApi.send(definition.entity, thread.id, replyEvent, fresh.version, undefined, { text }));
          onSent();
          return true;
        } catch (again) {
          toast(problemText(again, definition.schema, w, label), 'error');
          return false;
        }
      }
      toast(problemText(error, definition.schema, w, label), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (next: Record<string, unknown>) => {
    if (!current) return;
    setBusy(true);
    try {
      const saved = await saveChanges(definition.entity, current, next);
      replace(saved);
      setEdits({});
      toast(m('customer.saved'), 'success');
      onSent();
    } catch (error) {
      toast(problemText(error, definition.schema, w, label), 'error');
    } finally {
      setBusy(false);
    }
  };

  const stage = current ? stageOf(stages, current.state) : undefined;
  const events = (current?.allowedEvents ?? []).filter((e) => e.type !== replyEvent && !e.type.startsWith('xstate.'));
  const senders = (definition.machine.meta as { senders?: Record<string, unknown> } | undefined)?.senders ?? {};
  const forPeople = events.filter((e) => senders[e.type] !== 'system');

  return (
    <>
      <section className="thread-pane" aria-label={m('thread')}>
        <header className="thread-head">
          <div>
            <h2>{thread.name ?? m('unknown', { channel })}</h2>
            <p className="muted thread-sub">
              {thread.phone && <span>{thread.phone}</span>}
              {thread.channels.map((c) => (
                <span key={c} className={`channel-tag channel-${c}`}>
                  {label(channelName(c), c)}
                </span>
              ))}
              {current && <span className={`stage-badge${current.status === 'done' ? ' stage-badge-done' : ''}`}>{stageTitle(stage, label, current.state)}</span>}
              <span>
                {m('assignee')}: {thread.assignee ? <UserName id={thread.assignee} /> : m('noAssignee')}
              </span>
            </p>
          </div>
        </header>
        <MessageList messages={messages} channelName={channelName} />
        {replyEvent && current?.status !== 'done' && <ReplyBox window={thread.reply} channel={channel} busy={busy || !current} onSend={reply} />}
      </section>
      <aside className="customer-pane" aria-label={m('customer')}>
        <section className="panel" aria-label={m('steps')}>
          <h2>{m('steps')}</h2>
          {current && <EventButtons events={forPeople} stages={stages} activities={stage?.activities ?? []} busy={busy || move.busy} onSend={(event) => move.start(current, event)} />}
        </section>
        <RelatedRecords related={related} />
        <section className="panel" aria-label={m('customer.fields')}>
          <h2>{m('customer.fields')}</h2>
          {current && (
            <RecordForm
              schema={definition.schema}
              data={{ ...current.data, ...edits }}
              access={access}
              idPrefix="thread"
              disabled={busy}
              onChange={(next) => setEdits(changedFields(current.data, next))}
              onSubmit={(next) => void save(next)}
            >
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {m('customer.save')}
                </button>
                <Link className="btn-link" to={workPaths.record(definition.entity, thread.id)}>
                  {m('customer.open')}
                </Link>
              </div>
            </RecordForm>
          )}
        </section>
        <section className="panel" aria-label={m('customer.history')}>
          <h2>{m('customer.history')}</h2>
          {thread.customer ? (
            <>
              <RecordViews related={customer} />
              <Link className="btn-link" to={workPaths.record(thread.customer.entity, thread.customer.id)}>
                {m('customer.open')}
              </Link>
            </>
          ) : (
            <p className="muted">{m('customer.none')}</p>
          )}
        </section>
      </aside>
      {current && <PendingMoveDialog schema={definition.schema} stages={stages} move={move} />}
    </>
  );
}
