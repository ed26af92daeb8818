/**
 * Backups (admins only): when the server backs up by itself and how many it keeps, a
 * "back up now" button with the step under way, the last result (a failure in words), and
 * the backups kept, newest first. Restoring is done with the server stopped
 * (`npm run restore`, docs/operations.md): the page says how.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { useToast } from '../ui/useToast.js';
import { backupsApi, type BackupStatus } from './backups-api.js';
import { useAdminText } from './useAdminText.js';
import './admin.css';

const POLL_MS = 1000;
const MB = 1024 * 1024;

/** "02:00 every day" for a cron of the form `m h * * *`; the cron itself otherwise. */
function dailyAt(cron: string): string | undefined {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  return m ? `${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')}` : undefined;
}

export function BackupsPage() {
  const { a, lang } = useAdminText();
  const toast = useToast();
  const [status, setStatus] = useState<Loadable<BackupStatus>>({ status: 'loading' });
  const [starting, setStarting] = useState(false);
  const watching = useRef<string | undefined>(undefined);
  const size = (bytes: number) =>
    bytes < MB ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} KB` : `${formatNumber(Math.round((bytes / MB) * 10) / 10, lang)} MB`;

  const load = useCallback(async () => {
    try {
      const value = await backupsApi.status();
      setStatus({ status: 'ready', value });
      return value;
    } catch (error) {
      setStatus({ status: 'error', message: messageOf(error) });
      return undefined;
    }
  }, []);
  useEffect(() => void load(), [load]);

  // While a backup runs, follow its steps; once it ends, say how it went.
  const running = status.status === 'ready' ? status.value.running : undefined;
  useEffect(() => {
    if (!running) return undefined;
    watching.current = running.startedAt;
    const timer = setInterval(() => {
      void load().then((value) => {
        if (!value || value.running || watching.current === undefined) return;
        watching.current = undefined;
        const last = value.last;
        if (last?.ok) toast(a('backups.done', { file: last.file ?? '', size: size(last.bytes ?? 0) }), 'success');
        else if (last) toast(a('backups.failed', { error: last.error ?? '' }), 'error');
      });
    }, POLL_MS);
    return () => clearInterval(timer);
    // Keyed by the run's start: one run is followed once.
  }, [running?.startedAt, load]);

  const start = async () => {
    setStarting(true);
    try {
      setStatus({ status: 'ready', value: await backupsApi.start() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) await load();
      toast(messageOf(error), 'error');
    } finally {
      setStarting(false);
    }
  };

  return (
    <main className="page page-narrow backups-page">
      <div className="page-head">
        <h1>{a('backups.title')}</h1>
        <p className="muted">{a('backups.subtitle')}</p>
      </div>
      {status.status === 'loading' && <p className="muted">{a('automations.loading')}</p>}
      {status.status === 'error' && (
        <p className="panel" role="alert">
          {status.message}
        </p>
      )}
      {status.status === 'ready' && (
        <>
          <section className="panel backups-now" aria-labelledby="backups-now">
            <h2 id="backups-now">{a('backups.nowTitle')}</h2>
            <p>
              {status.value.schedule
                ? (() => {
                    const at = dailyAt(status.value.schedule.cron);
                    const next = status.value.schedule.nextRunAt;
                    return `${at ? a('backups.scheduleDaily', { time: at }) : a('backups.scheduleCron', { cron: status.value.schedule.cron })}${next ? ` ${a('backups.next', { at: formatDateTime(next, lang) })}` : ''}`;
                  })()
                : a('backups.noSchedule')}{' '}
              {a('backups.retention', { daily: status.value.retention.daily, weekly: status.value.retention.weekly })}
            </p>
            <div className="backups-actions">
              <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={starting || Boolean(running)}>
                {running || starting ? a('backups.running') : a('backups.start')}
              </button>
              <p role="status" aria-live="polite" className="backups-step">
                {running ? a(`backups.step.${running.step}`) : ''}
              </p>
            </div>
            {status.value.last && !running && (
              <p className={status.value.last.ok ? 'backups-last' : 'backups-last field-error'} data-ok={status.value.last.ok}>
                {status.value.last.ok
                  ? a('backups.lastOk', { at: formatDateTime(status.value.last.at, lang), size: size(status.value.last.bytes ?? 0), records: formatNumber(status.value.last.records ?? 0, lang) })
                  : a('backups.lastFailed', { at: formatDateTime(status.value.last.at, lang), error: status.value.last.error ?? '' })}
              </p>
            )}
          </section>
          <section className="panel" aria-labelledby="backups-kept">
            <h2 id="backups-kept">{a('backups.keptTitle')}</h2>
            {status.value.backups.length === 0 ? (
              <p className="muted backups-empty">{a('backups.empty')}</p>
            ) : (
              <table className="backups-table">
                <thead>
                  <tr>
                    <th scope="col">{a('backups.takenAt')}</th>
                    <th scope="col" className="num">
                      {a('backups.size')}
                    </th>
                    <th scope="col">{a('backups.file')}</th>
                  </tr>
                </thead>
                <tbody>
                  {status.value.backups.map((backup) => (
                    <tr key={backup.name}>
                      <td>{formatDateTime(backup.takenAt, lang)}</td>
                      <td className="num">{size(backup.bytes)}</td>
                      <td>
                        <code>{backup.name}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="muted">{a('backups.where', { dir: status.value.dir })}</p>
            <p className="muted">{a('backups.restoreHow')}</p>
          </section>
        </>
      )}
    </main>
  );
}
