/**
 * Reports (/work/reports): the dashboard of the reader's role (the KPI targets under way and
 * the reports an admin arranged for it, in order), or every report their roles may run; each
 * as its chart with the rows behind it and a CSV, over one period chosen at the top (the
 * reports that have a period) and, for those who see a team, one person or everyone.
 */
import { useEffect, useMemo, useState } from 'react';
import { dashboardsApi, type Dashboard } from '../admin/dashboards/dashboards-api.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import { paths } from '../app/routes.js';
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
  const [reports, setReports] = useState<Loadable<{ reports: ReportSummary[]; dashboards: Dashboard[] }>>({ status: 'loading' });
  /** The dashboard shown (a role), or '' for every report. */
  const [shown, setShown] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('this-year');
  const [person, setPerson] = useState('');
  const [teamName, setTeamName] = useState('');
  const [people, setPeople] = useState<DirectoryUser[]>([]);
  useEffect(() => {
    Promise.all([reportsApi.list(), dashboardsApi.mine()]).then(
      ([list, dashboards]) => setReports({ status: 'ready', value: { reports: list.items, dashboards: dashboards.items } }),
      (error: unknown) => setReports({ status: 'error', message: messageOf(error) }),
    );
    if (team) directoryUsers().then((users) => setPeople(users), () => undefined);
  }, [team]);
  const teams = useMemo(() => [...new Set(people.flatMap((u) => (u.team ? [u.team] : [])))].sort((a, b) => a.localeCompare(b, 'vi')), [people]);
  // The people of the team chosen, or every sales person.
  const sellers = useMemo(() => people.filter((u) => u.roles.includes('sales') && (!teamName || u.team === teamName)), [people, teamName]);
  const paramsOf = useMemo(
    () => (report: ReportSummary) => {
      const params: Record<string, string> = {};
      for (const [name, param] of Object.entries(report.params ?? {})) {
        if (param.kind === 'period') params[name] = period;
        if (param.kind === 'user' && person) params[name] = person;
        if (param.kind === 'team' && teamName) params[name] = teamName;
      }
      return params;
    },
    [period, person, teamName],
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
          {team && teams.length > 0 && (
            <label>
              {r('team')}{' '}
              <select value={teamName} onChange={(e) => setTeamName(e.target.value)}>
                <option value="">{r('allTeams')}</option>
                {teams.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {team && (
            <label>
              {r('person')}{' '}
              <select value={person} onChange={(e) => setPerson(e.target.value)}>
                <option value="">{r('everyone')}</option>
                {sellers.map((u) => (
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
      {reports.status === 'ready' && reports.value.reports.length === 0 && <p className="muted">{r('none')}</p>}
      {reports.status === 'ready' && reports.value.reports.length > 0 && (
        <Dashboards reports={reports.value.reports} dashboards={reports.value.dashboards} shown={shown} onShow={setShown} paramsOf={paramsOf} admin={roles.includes('admin')} />
      )}
    </main>
  );
}

/** The reader's dashboards as tabs (and every report as the last), then the one shown. */
function Dashboards(props: { reports: ReportSummary[]; dashboards: Dashboard[]; shown: string | undefined; onShow: (role: string) => void; paramsOf: (report: ReportSummary) => Record<string, string>; admin: boolean }) {
  const { r, t } = useReportText();
  const { reports, dashboards, paramsOf } = props;
  const shown = props.shown ?? dashboards[0]?.role ?? '';
  const dashboard = dashboards.find((d) => d.role === shown);
  const byId = new Map(reports.map((report) => [report.id, report]));
  const items = dashboard ? dashboard.reports.flatMap((item) => { const report = byId.get(item.report); return report ? [{ report, wide: item.wide === true }] : []; }) : reports.map((report) => ({ report, wide: false }));
  return (
    <>
      {(dashboards.length > 0 || props.admin) && (
        <div className="reports-tabs">
          <div className="segmented" role="tablist">
            {dashboards.map((d) => (
              <button key={d.role} type="button" role="tab" aria-selected={d.role === shown} className={d.role === shown ? 'active' : undefined} onClick={() => props.onShow(d.role)}>
                {r('dashboardOf', { role: t(`role.${d.role}` as Parameters<typeof t>[0]) })}
              </button>
            ))}
            <button type="button" role="tab" aria-selected={!dashboard} className={!dashboard ? 'active' : undefined} onClick={() => props.onShow('')}>
              {r('allReports')}
            </button>
          </div>
          {props.admin && <Link to={paths.dashboards()}>{r('arrange')}</Link>}
        </div>
      )}
      <div className="reports-grid">
        {(!dashboard || dashboard.kpis) && <KpiPanel />}
        {items.map(({ report, wide }) => (
          <ReportPanel key={report.id} report={report} params={paramsOf(report)} wide={wide} />
        ))}
      </div>
    </>
  );
}
