/**
 * The rules packs' reports, dashboards and rollups follow, checked when a pack loads and applied when
 * they run: which aggregation stages a report may use, and how a rollup's keys read a
 * record. Pure: the loader (engine/definitions) and the services share them.
 */
import type { Dashboard, Report, Rollup } from '../../definitions/definition.js';
import type { Issue } from '../../errors.js';
import type { Period } from './report-period.js';

/**
 * A report as the API lists it: what to ask and how to show it, not its stages; `base`: the
 * conditions its first stage puts on the records (a drill-down's list starts from them).
 */
export type ReportSummary = Omit<Report, 'pipeline'> & { base?: Record<string, unknown> };

export interface ReportResult {
  report: ReportSummary;
  rows: Record<string, unknown>[];
  /** The parameters as applied (a period resolved to its range). */
  params: Record<string, string | Period>;
}

/** Stages a report may use; anything else (a $lookup into another collection, $out) is refused. */
export const REPORT_STAGES = new Set(['$match', '$group', '$project', '$addFields', '$set', '$sort', '$limit', '$skip', '$unwind', '$count', '$bucket', '$sortByCount', '$replaceRoot', '$facet']);
/** Operators that run code or reach other collections, at any depth. */
const FORBIDDEN = new Set(['$where', '$function', '$accumulator', '$lookup', '$graphLookup', '$unionWith', '$out', '$merge', '$documents', '$expr', '$jsonSchema']);

/** Where a report's stages break the rules (pointers under `at`). */
export function pipelineIssues(pipeline: unknown[], at: string): { pointer: string; message: string }[] {
  const issues: { pointer: string; message: string }[] = [];
  const visit = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${pointer}/${i}`));
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (FORBIDDEN.has(key)) issues.push({ pointer: `${pointer}/${key}`, message: `${key} is not allowed in a report: it reaches other records or runs code` });
        visit(inner, `${pointer}/${key}`);
      }
  };
  pipeline.forEach((stage, i) => {
    const [name] = Object.keys(stage as object);
    if (name === undefined || !REPORT_STAGES.has(name)) issues.push({ pointer: `${at}/${i}`, message: `${name ?? 'an empty stage'} is not a stage a report may use (${[...REPORT_STAGES].join(', ')})` });
    visit(stage, `${at}/${i}`);
  });
  return issues;
}

/** Row fields the engine writes itself: keys and sums may not take these names. */
export const ROLLUP_RESERVED = new Set(['_id', 'count', 'owner', 'handler']);

type KeyDecl = Rollup['by'][string];

/** How a key reads a record: a path as it is, the month or day of a date, or a field of the record a reference names. */
export type KeySource = { path: string; kind: 'value' | 'month' | 'day' } | { path: string; kind: 'ref'; entity: string; field: string };

/** The record path a key reads, and how. */
export function keySource(key: KeyDecl): KeySource {
  if (typeof key === 'string') return { path: key, kind: 'value' };
  if ('month' in key) return { path: key.month, kind: 'month' };
  if ('day' in key) return { path: key.day, kind: 'day' };
  return { path: key.ref, kind: 'ref', entity: key.entity, field: key.path };
}

/**
 * The row key a report's parameter narrows when the report reads a rollup: owner and
 * handler are kept on every row; a period needs the month or day of its date field, a
 * person or a record the field itself. Undefined: the rollup does not keep it.
 */
export function rollupKeyFor(decl: Rollup, param: { kind: 'period' | 'user' | 'team' | 'ref'; field: string }): { key: string; kind: 'value' | 'month' | 'day' } | undefined {
  if (param.kind !== 'period' && (param.field === 'owner' || param.field === 'handler')) return { key: param.field, kind: 'value' };
  for (const [key, declared] of Object.entries(decl.by)) {
    const source = keySource(declared);
    if (source.path !== param.field || source.kind === 'ref') continue;
    if ((param.kind === 'period') === (source.kind !== 'value')) return { key, kind: source.kind };
  }
  return undefined;
}

/** Whether a reader with `roles` may run `report` (admins run every one). */
export const mayRunReport = (report: Pick<Report, 'roles'>, roles: readonly string[]): boolean =>
  !report.roles || roles.includes('admin') || report.roles.some((r) => roles.includes(r));

/** Each dashboard is a role's own, once, and shows reports that exist and that role may run, each once. */
export function dashboardIssues(
  dashboards: readonly Dashboard[],
  reports: readonly Report[],
  prefix = '',
): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(reports.map((r) => [r.id, r]));
  const roles = new Set<string>();
  dashboards.forEach((dashboard, d) => {
    if (roles.has(dashboard.role))
      issues.push({
        pointer: `${prefix}/${d}/role`,
        message: `the ${dashboard.role} role has a dashboard already`,
      });
    roles.add(dashboard.role);
    const shown = new Set<string>();
    dashboard.reports.forEach((item, i) => {
      const pointer = `${prefix}/${d}/reports/${i}/report`;
      const report = byId.get(item.report);
      if (!report) issues.push({ pointer, message: `"${item.report}" is not a report of the packs` });
      else if (!mayRunReport(report, [dashboard.role]))
        issues.push({
          pointer,
          message: `the ${dashboard.role} role may not read "${item.report}" (it is for ${(report.roles ?? []).join(', ')})`,
        });
      if (shown.has(item.report))
        issues.push({ pointer, message: `"${item.report}" is on this dashboard twice` });
      shown.add(item.report);
    });
  });
  return issues;
}
