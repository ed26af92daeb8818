/** The reports API (engine/api/routes-reports.ts). */
import { request } from '../api/client.js';
import type { Schemas } from '../api/types.js';

export type ReportSummary = Schemas['ReportSummary'];
export type ReportColumn = ReportSummary['columns'][number];
export type ReportParam = NonNullable<ReportSummary['params']>[string];

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
