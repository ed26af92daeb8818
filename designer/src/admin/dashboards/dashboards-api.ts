/** Dashboards per role (engine/api/routes-dashboards.ts). */
import { request } from '../../api/client.js';
import type { ResponseBody, Schemas } from '../../api/types.js';

export type Dashboard = Schemas['Dashboard'];
export type DashboardItem = Dashboard['reports'][number];
export type DashboardLayouts = Schemas['DashboardLayouts'];

export const dashboardsApi = {
  mine: () => request<ResponseBody<'listDashboards'>>('GET', '/api/dashboards'),
  get: () => request<DashboardLayouts>('GET', '/api/dashboard-layouts'),
  save: (dashboards: Dashboard[], version: number) => request<DashboardLayouts>('PUT', '/api/dashboard-layouts', { dashboards, version }),
  reset: (version: number) => request<DashboardLayouts>('DELETE', `/api/dashboard-layouts?version=${version}`),
};
