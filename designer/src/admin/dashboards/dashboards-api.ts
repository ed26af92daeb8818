/** Dashboards per role (engine/api/routes-dashboards.ts). */
import { request } from '../../api/client.js';

export interface DashboardItem {
  report: string;
  wide?: boolean;
}

export interface Dashboard {
  role: string;
  kpis?: boolean;
  reports: DashboardItem[];
}

export interface DashboardLayouts {
  value: Dashboard[];
  version: number;
  declared: Dashboard[];
  updatedAt?: string;
  updatedBy?: string;
}

export const dashboardsApi = {
  mine: () => request<{ items: Dashboard[] }>('GET', '/api/dashboards'),
  get: () => request<DashboardLayouts>('GET', '/api/dashboard-layouts'),
  save: (dashboards: Dashboard[], version: number) => request<DashboardLayouts>('PUT', '/api/dashboard-layouts', { dashboards, version }),
  reset: (version: number) => request<DashboardLayouts>('DELETE', `/api/dashboard-layouts?version=${version}`),
};
