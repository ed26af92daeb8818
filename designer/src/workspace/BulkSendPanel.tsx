/**
 * A campaign's sending and what it led to, on its record page: live progress (sent, not
 * sent, failed, remaining) while it runs, why it waits (its channel is not set up, the
 * advertising hours), pause, resume and cancel (cancel asks first), and the funnel from
 * the messages sent to the deals won, each step with its share of the messages sent.
 */
import { useCallback, useEffect, useState } from 'react';
import { request } from '../api/client.js';
import { messageOf } from '../api/loadable.js';
import type { ResponseBody } from '../api/types.js';
import { useToast } from '../ui/useToast.js';
import { useWorkText } from './useWorkText.js';

type BulkSendView = ResponseBody<'getBulkSend'>;

const path = (entity: string, id: string) => `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/bulk-send`;

export function BulkSendPanel({ entity, id, version }: { entity: string; id: string; version: number }) {
  const { w, label, formatNumber, formatDate } = useWorkText();
  const toast = useToast();
  const [view, setView] = useState<BulkSendView | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const load = useCallback(
    (signal?: AbortSignal) => request<BulkSendView>('GET', path(entity, id), undefined, signal).then(setView, () => undefined),
    [entity, id],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, version]);
  const running = view?.progress?.status === 'running';
  // Follow a send under way: every second while it runs, and for a while after each change
  // of the record (a launch starts the send a moment after the record moves).
  const [watchUntil, setWatchUntil] = useState(0);
  useEffect(() => setWatchUntil(Date.now() + 15_000), [version]);
  const waitingToStart = !view?.progress && Date.now() < watchUntil;
  useEffect(() => {
    if (!running && !waitingToStart) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [running, waitingToStart, load]);

  const command = async (verb: 'pause' | 'resume' | 'cancel') => {
    setBusy(true);
    try {
      const reply = await request<ResponseBody<'commandBulkSend'>>('POST', `${path(entity, id)}/${verb}`);
      setView((current) => (current ? { ...current, progress: reply.progress } : current));
      toast(w(`bulk.${verb}d` as 'bulk.paused'), 'success');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (!view || (!view.progress && view.funnel.length === 0)) return null;
  const p = view.progress;
  const done = p ? p.sent + p.failed + p.skipped : 0;
  const share = (n: number) => (p && p.sent > 0 ? ` · ${Math.round((n / p.sent) * 1000) / 10}%` : '');
  const status = !p
    ? ''
    : p.waitReason === 'channel-off'
      ? w('bulk.waitChannel')
      : p.waitUntil
        ? w('bulk.waitUntil', { when: formatDate(p.waitUntil) })
        : w(`bulk.status.${p.status}` as 'bulk.status.running');
  const steps: { id: string; name: string; count: number | undefined }[] = p
    ? [
        { id: 'sent', name: w('bulk.funnel.sent'), count: p.sent },
        ...(p.channel === 'email' ? [] : [{ id: 'delivered', name: w('bulk.funnel.delivered'), count: p.delivered }]),
        ...(p.channel === 'email' ? [{ id: 'opened', name: w('bulk.funnel.opened'), count: p.opened }] : []),
        { id: 'clicked', name: w('bulk.funnel.clicked'), count: p.clicked },
      ]
    : [];
  for (const step of view.funnel) steps.push({ id: step.id, name: label(step.labels, step.id), count: step.count });
  return (
    <section className="panel bulk-send" aria-label={w('bulk.title')} data-status={p?.status}>
      <div className="bulk-head">
        <h2>{w('bulk.title')}</h2>
        {p && <span className={`bulk-status bulk-status-${p.waitReason === 'channel-off' ? 'waiting' : p.status}`}>{status}</span>}
      </div>
      {!p && <p className="muted">{w('bulk.notYet')}</p>}
      {p && (
        <>
          <p className="muted bulk-segment">
            {w('bulk.audience', { segment: p.segment ?? '—', total: formatNumber(p.total), rate: formatNumber(p.rate) })}
          </p>
          <div
            className="bulk-bar"
            role="progressbar"
            aria-label={w('bulk.progress')}
            aria-valuemin={0}
            aria-valuemax={p.total}
            aria-valuenow={done}
            aria-valuetext={w('bulk.progressText', { done: formatNumber(done), total: formatNumber(p.total) })}
          >
            <span style={{ width: `${p.total === 0 ? 100 : Math.round((done / p.total) * 100)}%` }} />
          </div>
          <dl className="bulk-counts">
            <div data-count="sent">
              <dt>{w('bulk.sent')}</dt>
              <dd>{formatNumber(p.sent)}</dd>
            </div>
            <div data-count="skipped">
              <dt>{w('bulk.skipped')}</dt>
              <dd>{formatNumber(p.skipped)}</dd>
            </div>
            <div data-count="failed">
              <dt>{w('bulk.failed')}</dt>
              <dd>{formatNumber(p.failed)}</dd>
            </div>
            <div data-count="remaining">
              <dt>{w('bulk.remaining')}</dt>
              <dd>{formatNumber(p.remaining)}</dd>
            </div>
          </dl>
          {(p.status === 'running' || p.status === 'paused') && (
            <div className="bulk-actions">
              {p.status === 'running' ? (
                <button type="button" className="btn" disabled={busy} onClick={() => void command('pause')}>
                  {w('bulk.pause')}
                </button>
              ) : (
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void command('resume')}>
                  {w('bulk.resume')}
                </button>
              )}
              {confirming ? (
                <span className="bulk-confirm" role="group" aria-label={w('bulk.cancelAsk')}>
                  <span>{w('bulk.cancelAsk')}</span>
                  <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void command('cancel')}>
                    {w('bulk.cancelYes')}
                  </button>
                  <button type="button" className="btn" onClick={() => setConfirming(false)}>
                    {w('bulk.cancelNo')}
                  </button>
                </span>
              ) : (
                <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(true)}>
                  {w('bulk.cancel')}
                </button>
              )}
            </div>
          )}
        </>
      )}
      {steps.length > 0 && (
        <>
          <h3 className="bulk-funnel-title">{w('bulk.funnel')}</h3>
          <ol className="bulk-funnel">
            {steps.map((step, i) => (
              <li key={step.id} data-step={step.id}>
                <span className="bulk-funnel-name">{step.name}</span>
                <span className="bulk-funnel-count">
                  {step.count === undefined ? '—' : formatNumber(step.count)}
                  {i > 0 && step.count !== undefined && <span className="muted">{share(step.count)}</span>}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
