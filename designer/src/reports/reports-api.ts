/** The reports API (engine/api/routes-reports.ts). */
import { request } from '../api/client.js';
import type { Labels } from '../model/pack-types.js';

export interface ReportColumn {
  key: string;
  labels: Labels;
  format?: 'text' | 'number' | 'money' | 'percent' | 'month' | 'user' | 'choice' | 'labels';
  field?: string;
  /** choice: the entity whose field it is, when not the report's. */
  entity?: string;
}

export interface ReportParam {
  kind: 'period' | 'user' | 'team' | 'ref';
  field: string;
  labels: Labels;
  entity?: string;
  default?: string;
}

export interface ReportSummary {
  id: string;
  labels: Labels;
  description?: Labels;
  entity: string;
  /** Who may read it (none: everyone). */
  roles?: string[];
  params?: Record<string, ReportParam>;
  columns: ReportColumn[];
  chart: { kind: 'bar' | 'line' | 'funnel' | 'table' | 'number'; x?: string; y?: string[]; series?: string };
  drill?: Record<string, string>;
  /** The conditions the report's first stage puts on the records: a drill-down's list starts from them. */
  base?: Record<string, unknown>;
}

export type Row = Record<string, unknown> & {
  /** A funnel step's records: their entity and the conditions a list of them takes. */
  _drill?: { entity: string; where: Record<string, unknown> };
};

export interface ReportResult {
  report: ReportSummary;
  rows: Row[];
  params: Record<string, unknown>;
}

export const reportsApi = {
  list: () => request<{ items: ReportSummary[] }>('GET', '/api/reports'),
  run: (id: string, params: Record<string, string>, signal?: AbortSignal) =>
    request<ReportResult>('GET', `/api/reports/${encodeURIComponent(id)}?${new URLSearchParams(params).toString()}`, undefined, signal),
};

/** A row's value at a dotted path. */
export function valueAt(row: Row, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Row)[k] : undefined), row);
}
