/**
 * Dashboards per role (admins only, /admin/dashboards): for each role, whether the KPI
 * targets come first and which reports follow, in order, each half or full width; only the
 * reports the role may run can be added. Saved whole naming the version edited; the pack's
 * dashboards can be restored.
 */
import { useEffect, useMemo, useState } from 'react';
import { messageOf, type Loadable } from '../../api/loadable.js';
import { useLeaveGuard } from '../../app/useLeaveGuard.js';
import { reportsApi, type ReportSummary } from '../../reports/reports-api.js';
import { useReportText } from '../../reports/useReportText.js';
import { SettingStatus } from '../SettingStatus.js';
import { useAdminSetting } from '../useAdminSetting.js';
import { dashboardsApi, type Dashboard, type DashboardLayouts } from './dashboards-api.js';
import '../admin.css';

const ROLES = ['manager', 'sales', 'accountant', 'operator', 'marketing', 'admin'] as const;
const dashboardsOf = (layouts: DashboardLayouts) => layouts.value;
const mayRun = (report: ReportSummary, role: string) => !report.roles || role === 'admin' || report.roles.includes(role);

export function DashboardsAdminPage() {
  const { r, t, lang } = useReportText();
  const texts = useMemo(() => ({ saved: r('admin.saved'), conflict: r('admin.conflict'), invalid: (count: number) => r('admin.invalid', { count }), resetDone: r('admin.resetDone') }), [r]);
  const setting = useAdminSetting(dashboardsApi, dashboardsOf, texts);
  const [reports, setReports] = useState<Loadable<ReportSummary[]>>({ status: 'loading' });
  const [role, setRole] = useState<string>('manager');
  useEffect(() => {
    reportsApi.list().then(
      (answer) => setReports({ status: 'ready', value: answer.items }),
      (error: unknown) => setReports({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  useLeaveGuard(setting.dirty, (to) => !to.startsWith('/admin/dashboards'));

  const failed = setting.loaded.status === 'error' ? setting.loaded : reports.status === 'error' ? reports : undefined;
  if (failed) return <main className="page page-narrow" role="alert">{t('common.loadFailed', { message: failed.message })}</main>;
  if (!setting.setting || reports.status !== 'ready') return <main className="page page-narrow">{t('common.loading')}</main>;
  const current = setting.setting;
  const dashboards = setting.draft ?? [];
  const index = dashboards.findIndex((d) => d.role === role);
  const dashboard = dashboards[index];
  const byId = new Map(reports.value.map((report) => [report.id, report]));
  const roleName = (name: string) => t(`role.${name}` as Parameters<typeof t>[0]);
  const change = (next: Dashboard | undefined) =>
    setting.setDraft((list = []) => (next === undefined ? list.filter((d) => d.role !== role) : index < 0 ? [...list, next] : list.map((d) => (d.role === role ? next : d))));
  const error = (pointer: string) => setting.errors.get(`/${index}${pointer}`);
  const items = dashboard?.reports ?? [];
  const move = (from: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    if (item && dashboard) {
      next.splice(from + by, 0, item);
      change({ ...dashboard, reports: next });
    }
  };
  const addable = reports.value.filter((report) => mayRun(report, role) && !items.some((item) => item.report === report.id));

  return (
    <main className="page page-narrow dashboards-admin">
      <h1>{r('admin.title')}</h1>
      <p className="muted">{r('admin.intro')}</p>
      <SettingStatus
        setting={current}
        texts={{ fromPack: r('admin.fromPack'), edited: (when) => r('admin.edited', { when }), reset: r('admin.reset'), resetAsk: r('admin.resetAsk') }}
        onReset={() => void setting.reset()}
      />
      <div className="segmented" role="tablist" aria-label={r('admin.role')}>
        {ROLES.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={name === role} className={name === role ? 'active' : undefined} onClick={() => setRole(name)}>
            {roleName(name)}
          </button>
        ))}
      </div>
      {!dashboard ? (
        <div className="panel dashboard-editor">
          <p>{r('admin.noDashboard', { role: roleName(role) })}</p>
          <button type="button" className="btn" onClick={() => change({ role, kpis: true, reports: [] })}>
            {r('admin.create')}
          </button>
        </div>
      ) : (
        <section className="panel dashboard-editor" aria-label={r('dashboardOf', { role: roleName(role) })}>
          <label className="check">
            <input type="checkbox" checked={dashboard.kpis === true} onChange={(e) => change({ ...dashboard, kpis: e.target.checked })} /> {r('admin.kpis')}
          </label>
          {items.length === 0 && <p className="muted">{r('admin.empty')}</p>}
          <ol className="dashboard-items">
            {items.map((item, i) => {
              const report = byId.get(item.report);
              const problem = error(`/reports/${i}/report`);
              return (
                <li key={item.report} data-item={item.report}>
                  <span className="dashboard-item-name">
                    {report ? report.labels[lang] : item.report}
                    {report?.roles && <span className="muted">{r('admin.forRoles', { roles: report.roles.map(roleName).join(', ') })}</span>}
                    {problem && (
                      <span className="field-error" role="alert">
                        {problem}
                      </span>
                    )}
                  </span>
                  <label className="check">
                    <input type="checkbox" checked={item.wide === true} onChange={(e) => change({ ...dashboard, reports: items.map((it, j) => (j === i ? { ...it, wide: e.target.checked } : it)) })} /> {r('admin.wide')}
                  </label>
                  <button type="button" className="btn btn-sm" aria-label={r('admin.up')} title={r('admin.up')} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-sm" aria-label={r('admin.down')} title={r('admin.down')} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-sm" aria-label={r('admin.drop')} title={r('admin.drop')} onClick={() => change({ ...dashboard, reports: items.filter((_, j) => j !== i) })}>
                    ×
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="dashboard-editor-actions">
            <select aria-label={r('admin.add')} value="" disabled={addable.length === 0} onChange={(e) => e.target.value && change({ ...dashboard, reports: [...items, { report: e.target.value }] })}>
              <option value="">{r('admin.add')}</option>
              {addable.map((report) => (
                <option key={report.id} value={report.id}>
                  {report.labels[lang]}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-sm btn-danger-ghost" onClick={() => change(undefined)}>
              {r('admin.remove')}
            </button>
          </div>
        </section>
      )}
      <div className="form-actions assignment-actions">
        {setting.dirty && <span className="muted">{r('admin.unsaved')}</span>}
        <button type="button" className="btn btn-primary" disabled={setting.saving || !setting.dirty} onClick={() => void setting.save()}>
          {r('admin.save')}
        </button>
      </div>
    </main>
  );
}
