/**
 * Dashboards per role (issue 14): which reports each role's dashboard shows, in order, and
 * whether the KPI targets under way come first. The packs declare them (`dashboards`);
 * admins rearrange them without code (./admin-setting.ts: collection `dashboards`,
 * versioned). A reader gets the dashboards of their roles (admins every one), each with only
 * the reports they may run.
 */
import type { Dashboard, Report } from '../../definitions/definition.js';
import { checkDashboards } from '../../definitions/meta-schema.js';
import type { Issue } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { DASHBOARDS } from '../../collections.js';
import { AdminSetting, type SettingView } from '../services/index.js';
import { dashboardIssues, mayRunReport } from '../core/index.js';
import type { Role } from '../access/index.js';


export class DashboardBook {
  readonly #setting: AdminSetting<Dashboard[]>;

  constructor(
    store: Store,
    declared: Dashboard[],
    private readonly reports: readonly Report[],
  ) {
    this.#setting = new AdminSetting(
      store,
      { collection: DASHBOARDS },
      declared,
      (value) => this.#issues(value),
      'the dashboards',
    );
  }

  /** The dashboards of a reader's roles (admins: every one), each with the reports they may run. */
  async forReader(roles: readonly Role[]): Promise<Dashboard[]> {
    const byId = new Map(this.reports.map((r) => [r.id, r]));
    return (await this.#setting.value())
      .filter((dashboard) => roles.includes('admin') || roles.includes(dashboard.role))
      .map((dashboard) => ({
        ...dashboard,
        reports: dashboard.reports.filter((item) => {
          const report = byId.get(item.report);
          return report !== undefined && mayRunReport(report, roles);
        }),
      }));
  }

  current(): Promise<SettingView<Dashboard[]>> {
    return this.#setting.current();
  }

  /** Save an admin's arrangement; `version` must be the one they edited (else `version-conflict`). */
  save(dashboards: unknown, version: number, actor: string): Promise<SettingView<Dashboard[]>> {
    return this.#setting.save(dashboards, version, actor);
  }

  /** Go back to the packs' dashboards. */
  reset(version: number): Promise<SettingView<Dashboard[]>> {
    return this.#setting.reset(version);
  }

  #issues(value: unknown): Issue[] {
    const shape = checkDashboards(value);
    return shape.length > 0 ? shape : dashboardIssues(value as Dashboard[], this.reports);
  }
}
