/**
 * Reports (/work/reports): every report the reader's roles may run, each as its chart with
 * the rows behind it and a CSV, over one period chosen at the top (the reports that have a
 * period) and, for those who see a team, one person or everyone.
 */
import { useEffect, useMemo, useState } from 'react';
import { messageOf, type Loadable } from '../api/loadable.js';
import { useSession } from '../app/useSession.js';
import { directoryUsers, type DirectoryUser } from '../workspace/users-api.js';
import { KpiPanel } from './KpiPanel.js';
import { ReportPanel } from './ReportPanel.js';
import { reportsApi, type ReportSummary } from './reports-api.js';
import { useReportText } from './useReportText.js';
import './reports.css';

const PERIODS = ['this-month', 'this-quarter', 'this-year', 'last-12-months', 'all'] as const;

export function DashboardPage() {
  const { r, t } = useReportText();
  const session = useSession();
  const roles = session.status === 'signed-in' ? session.user.roles : [];
  const team = roles.includes('manager') || roles.includes('admin') || roles.includes('accountant');
  const [reports, setReports] = useState<Loadable<ReportSummary[]>>({ status: 'loading' });
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('this-year');
  const [person, setPerson] = useState('');
  const [people, setPeople] = useState<DirectoryUser[]>([]);
  useEffect(() => {
    reportsApi.list().then(
      (answer) => setReports({ status: 'ready', value: answer.items }),
      (error: unknown) => setReports({ status: 'error', message: messageOf(error) }),
    );
    if (team) directoryUsers().then((users) => setPeople(users.filter((u) => u.roles.includes('sales'))), () => undefined);
  }, [team]);
  const paramsOf = useMemo(
    () => (report: ReportSummary) => {
      const params: Record<string, string> = {};
      for (const [name, param] of Object.entries(report.params ?? {})) {
        if (param.kind === 'period') params[name] = period;
        if (param.kind === 'user' && person) params[name] = person;
      }
      return params;
    },
    [period, person],
  );

  return (
    <main className="page reports-page">
      <div className="reports-head">
        <div>
          <h1>{r('title')}</h1>
          <p className="muted">{r('intro')}</p>
        </div>
        <div className="reports-filters">
          <label>
            {r('period')}{' '}
            <select value={period} onChange={(e) => setPeriod(e.target.value as (typeof PERIODS)[number])}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {r(`period.${p}`)}
                </option>
              ))}
            </select>
          </label>
          {team && (
            <label>
              {r('person')}{' '}
              <select value={person} onChange={(e) => setPerson(e.target.value)}>
                <option value="">{r('everyone')}</option>
                {people.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>
      {reports.status === 'loading' && <p>{t('common.loading')}</p>}
      {reports.status === 'error' && <p role="alert">{r('loadFailed', { message: reports.message })}</p>}
      {reports.status === 'ready' && reports.value.length === 0 && <p className="muted">{r('none')}</p>}
      {reports.status === 'ready' && (
        <div className="reports-grid">
          <KpiPanel />
          {reports.value.map((report) => (
            <ReportPanel key={report.id} report={report} params={paramsOf(report)} />
          ))}
        </div>
      )}
    </main>
  );
}
