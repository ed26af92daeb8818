/** The reports API (engine/api/routes-reports.ts). */
import { request } from '../api/client.js';
import type { ResponseBody, Schemas } from '../api/types.js';

export type ReportSummary = Schemas['ReportSummary'];
export type ReportColumn = ReportSummary['columns'][number];
export type ReportParam = NonNullable<ReportSummary['params']>[string];

/** A row: the columns by key; a funnel step's `_drill` names the records behind it. */
export type Row = Schemas['ReportRow'];

export type ReportResult = ResponseBody<'runReport'>;

export const reportsApi = {
  list: () => request<ResponseBody<'listReports'>>('GET', '/api/reports'),
  run: (id: string, params: Record<string, string>, signal?: AbortSignal) =>
    request<ReportResult>('GET', `/api/reports/${encodeURIComponent(id)}?${new URLSearchParams(params).toString()}`, undefined, signal),
};

/** A row's value at a dotted path. */
export function valueAt(row: Row, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Row)[k] : undefined), row);
}
