/**
 * Checks of the parts of pack.json that name entities and fields of the pack by text (who
 * gets new records, customer tiers, KPI targets, reports): each names what exists, so a
 * typo is a load error with its pointer, not a silent nothing at run time.
 */
import type { Issue } from '../errors.js';
import type { AssignmentRule, Kpis, Report, Rollup, Tiers } from './definition.js';
import { keySource, pipelineIssues, ROLLUP_RESERVED, rollupKeyFor } from '../runtime/core/index.js';

/** Each rule names an entity of the pack, and a by-field rule a field of it with a map; `prefix`: where the list is. */
export function assignmentIssues(rules: unknown, schemas: Map<string, unknown>, prefix = '/assignmentRules'): Issue[] {
  if (!Array.isArray(rules)) return [];
  const issues: Issue[] = [];
  rules.forEach((rule: Partial<AssignmentRule>, r) => {
    const at = `${prefix}/${r}`;
    const schema = typeof rule.entity === 'string' ? (schemas.get(rule.entity) as { properties?: Record<string, unknown> } | undefined) : undefined;
    if (typeof rule.entity === 'string' && !schema) issues.push({ pointer: `${at}/entity`, message: `"${rule.entity}" is not an entity of this pack` });
    if (rule.strategy === 'by-field') {
      if (!rule.field) issues.push({ pointer: `${at}/field`, message: 'a by-field rule names the field that chooses' });
      else if (schema && !(rule.field in (schema.properties ?? {}))) issues.push({ pointer: `${at}/field`, message: `${rule.entity} has no field "${rule.field}"` });
      if (!rule.map) issues.push({ pointer: `${at}/map`, message: 'a by-field rule maps values to user ids' });
    }
  });
  return issues;
}

/** Tiers are kept in a field of an entity of the pack, from records of another whose link names it. */
export function tierIssues(tiers: Tiers | undefined, schemas: Map<string, unknown>): Issue[] {
  if (!tiers) return [];
  const issues: Issue[] = [];
  const fieldsOf = (entity: string) => Object.keys((schemas.get(entity) as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  const check = (entity: string, field: string | undefined, pointer: string) => {
    if (field !== undefined && !fieldsOf(entity).includes(field)) issues.push({ pointer, message: `${entity} has no field "${field}"` });
  };
  for (const [entity, pointer] of [[tiers.entity, '/tiers/entity'], [tiers.from.entity, '/tiers/from/entity']] as const) {
    if (!schemas.has(entity)) issues.push({ pointer, message: `"${entity}" is not an entity of this pack` });
  }
  if (issues.length > 0) return issues;
  check(tiers.entity, tiers.field, '/tiers/field');
  check(tiers.entity, tiers.changedAtField, '/tiers/changedAtField');
  check(tiers.from.entity, tiers.from.link, '/tiers/from/link');
  for (const key of ['at', 'amount'] as const) {
    const path = tiers.from[key];
    if (path.startsWith('data.')) check(tiers.from.entity, path.slice(5), `/tiers/from/${key}`);
  }
  return issues;
}

/** KPI targets live in an entity of the pack with the fields named; each metric counts an entity of the pack. */
export function kpiIssues(kpis: Kpis | undefined, schemas: Map<string, unknown>): Issue[] {
  if (!kpis) return [];
  const fieldsOf = (entity: string) => Object.keys((schemas.get(entity) as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  if (!schemas.has(kpis.entity)) return [{ pointer: '/kpis/entity', message: `"${kpis.entity}" is not an entity of this pack` }];
  const issues: Issue[] = [];
  for (const [role, field] of Object.entries(kpis.fields)) {
    if (!fieldsOf(kpis.entity).includes(field)) issues.push({ pointer: `/kpis/fields/${role}`, message: `${kpis.entity} has no field "${field}"` });
  }
  for (const key of ['field', 'parent', 'period'] as const) {
    const field = kpis.spread?.[key];
    if (field !== undefined && !fieldsOf(kpis.entity).includes(field)) issues.push({ pointer: `/kpis/spread/${key}`, message: `${kpis.entity} has no field "${field}"` });
  }
  for (const [name, metric] of Object.entries(kpis.metrics)) {
    if (!schemas.has(metric.entity)) issues.push({ pointer: `/kpis/metrics/${name}/entity`, message: `"${metric.entity}" is not an entity of this pack` });
    else
      for (const key of ['at', 'sum'] as const) {
        const path = metric[key];
        if (path?.startsWith('data.') && !fieldsOf(metric.entity).includes(path.slice(5))) issues.push({ pointer: `/kpis/metrics/${name}/${key}`, message: `${metric.entity} has no field "${path.slice(5)}"` });
      }
  }
  return issues;
}

/** The top-level field a record path reads in the entity's data, if it is a data path. */
const dataField = (path: string): string | undefined => (path.startsWith('data.') ? path.slice(5).split('.')[0] : undefined);

/** Each rollup has its own id, reads an entity of the pack and fields it has, and names its keys and sums apart from the engine's own. */
export function rollupIssues(rollups: unknown, schemas: Map<string, unknown>): Issue[] {
  if (!Array.isArray(rollups)) return [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  (rollups as Rollup[]).forEach((rollup, r) => {
    const at = `/rollups/${r}`;
    if (seen.has(rollup.id)) issues.push({ pointer: `${at}/id`, message: `rollup "${rollup.id}" is declared twice` });
    seen.add(rollup.id);
    const schema = schemas.get(rollup.entity) as { properties?: Record<string, unknown> } | undefined;
    if (!schema) issues.push({ pointer: `${at}/entity`, message: `"${rollup.entity}" is not an entity of this pack` });
    const paths: [string, string][] = [
      ...Object.entries(rollup.by).map(([name, key]): [string, string] => [`${at}/by/${name}`, keySource(key).path]),
      ...Object.entries(rollup.sum ?? {}).flatMap(([name, sum]) => (Array.isArray(sum) ? sum : [sum]).map((path): [string, string] => [`${at}/sum/${name}`, path])),
    ];
    for (const [pointer, path] of paths) {
      const field = dataField(path);
      if (schema && field !== undefined && !(field in (schema.properties ?? {}))) issues.push({ pointer, message: `${rollup.entity} has no field "${field}"` });
    }
    for (const [name, key] of Object.entries(rollup.by)) {
      const source = keySource(key);
      if (source.kind !== 'ref') continue;
      const named = schemas.get(source.entity) as { properties?: Record<string, unknown> } | undefined;
      const field = dataField(source.field);
      if (!named) issues.push({ pointer: `${at}/by/${name}/entity`, message: `"${source.entity}" is not an entity of this pack` });
      else if (field !== undefined && !(field in (named.properties ?? {}))) issues.push({ pointer: `${at}/by/${name}/path`, message: `${source.entity} has no field "${field}"` });
    }
    for (const name of [...Object.keys(rollup.by), ...Object.keys(rollup.sum ?? {})]) {
      if (ROLLUP_RESERVED.has(name)) issues.push({ pointer: `${at}/${name in rollup.by ? 'by' : 'sum'}/${name}`, message: `"${name}" is a row field the engine keeps itself (${[...ROLLUP_RESERVED].join(', ')})` });
    }
    for (const name of Object.keys(rollup.sum ?? {})) if (name in rollup.by) issues.push({ pointer: `${at}/sum/${name}`, message: `"${name}" is already a key of the rollup` });
  });
  return issues;
}

const RECORD_PATH = /^(owner|handler|stage|createdAt|updatedAt|data\.[A-Za-z_][A-Za-z0-9_]*)$/;

/** A report of steps reads rollups that exist, sums what they keep, and narrows keys every step's rollup keeps. */
function stepIssues(report: Report, rollups: readonly Rollup[], at: string): Issue[] {
  const issues: Issue[] = [];
  if (report.rollup !== undefined) issues.push({ pointer: `${at}/rollup`, message: 'a report of steps names a rollup per step, not one for the report' });
  const keeps = (rollup: Rollup, key: string) => key === 'owner' || key === 'handler' || key in rollup.by;
  const used: Rollup[] = [];
  (report.steps ?? []).forEach((step, i) => {
    const rollup = rollups.find((r) => r.id === step.rollup);
    if (!rollup) return void issues.push({ pointer: `${at}/steps/${i}/rollup`, message: `"${step.rollup}" is not a rollup of this pack` });
    used.push(rollup);
    if (step.value !== undefined && step.value !== 'count' && !(step.value in (rollup.sum ?? {}))) issues.push({ pointer: `${at}/steps/${i}/value`, message: `the rollup "${rollup.id}" keeps no sum "${step.value}"` });
    for (const key of Object.keys(step.where ?? {})) if (!keeps(rollup, key)) issues.push({ pointer: `${at}/steps/${i}/where/${key}`, message: `the rollup "${rollup.id}" keeps no key "${key}"` });
  });
  for (const [name, param] of Object.entries(report.params ?? {})) {
    if (param.kind === 'period') issues.push({ pointer: `${at}/params/${name}/kind`, message: 'a report of steps takes no period: its steps count by their own dates' });
    const missing = used.filter((rollup) => !keeps(rollup, param.field)).map((r) => r.id);
    if (missing.length > 0) issues.push({ pointer: `${at}/params/${name}/field`, message: `every step's rollup must keep the key "${param.field}" (${missing.join(', ')} do not)` });
  }
  return issues;
}

/** Each report has its own id, reads an entity of the pack (or one of its rollups), narrows fields it has, and uses only safe stages. */
export function reportIssues(reports: unknown, schemas: Map<string, unknown>, rollups: readonly Rollup[] = []): Issue[] {
  if (!Array.isArray(reports)) return [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  (reports as Partial<Report>[]).forEach((report, r) => {
    const at = `/reports/${r}`;
    if (typeof report.id === 'string') {
      if (seen.has(report.id)) issues.push({ pointer: `${at}/id`, message: `report "${report.id}" is declared twice` });
      seen.add(report.id);
    }
    const schema = typeof report.entity === 'string' ? (schemas.get(report.entity) as { properties?: Record<string, unknown> } | undefined) : undefined;
    if (typeof report.entity === 'string' && !schema) issues.push({ pointer: `${at}/entity`, message: `"${report.entity}" is not an entity of this pack` });
    if ((report.pipeline === undefined) === (report.steps === undefined)) issues.push({ pointer: at, message: 'a report has either a pipeline or steps' });
    if (report.steps) issues.push(...stepIssues(report as Report, rollups, at));
    const rollup = report.rollup === undefined ? undefined : rollups.find((r) => r.id === report.rollup);
    if (report.rollup !== undefined && !rollup) issues.push({ pointer: `${at}/rollup`, message: `"${report.rollup}" is not a rollup of this pack` });
    if (rollup && rollup.entity !== report.entity) issues.push({ pointer: `${at}/rollup`, message: `the rollup "${rollup.id}" is of ${rollup.entity}, not ${String(report.entity)}` });
    for (const [name, param] of Object.entries(report.steps ? {} : (report.params ?? {}))) {
      if (rollup && !rollupKeyFor(rollup, param)) {
        const wanted = param.kind === 'period' ? `the month or day of ${param.field}` : param.field;
        issues.push({ pointer: `${at}/params/${name}/field`, message: `the rollup "${rollup.id}" keeps no key for ${wanted}: add one to its "by"` });
      }
      if (!RECORD_PATH.test(param.field)) issues.push({ pointer: `${at}/params/${name}/field`, message: `"${param.field}" is not a record path (owner, stage, data.<field>…)` });
      const field = param.field.startsWith('data.') ? param.field.slice(5) : undefined;
      if (schema && field !== undefined && !(field in (schema.properties ?? {}))) issues.push({ pointer: `${at}/params/${name}/field`, message: `${report.entity} has no field "${field}"` });
      if (param.kind === 'ref' && !param.entity) issues.push({ pointer: `${at}/params/${name}/entity`, message: 'a ref parameter names the entity its ids are of' });
    }
    if (Array.isArray(report.pipeline)) issues.push(...pipelineIssues(report.pipeline, `${at}/pipeline`));
    const keys = new Set((report.columns ?? []).map((c) => c.key));
    for (const [key, path] of Object.entries({ x: report.chart?.x, series: report.chart?.series })) {
      if (path !== undefined && !keys.has(path)) issues.push({ pointer: `${at}/chart/${key}`, message: `"${path}" is not one of the report's columns` });
    }
    (report.chart?.y ?? []).forEach((path, i) => {
      if (!keys.has(path)) issues.push({ pointer: `${at}/chart/y/${i}`, message: `"${path}" is not one of the report's columns` });
    });
  });
  return issues;
}

/** A summary of reports a recurring job sends names reports of the packs. */
export function summaryIssues(recurring: unknown, reports: readonly Report[]): Issue[] {
  if (!Array.isArray(recurring)) return [];
  const known = new Set(reports.map((r) => r.id));
  const issues: Issue[] = [];
  (recurring as { do?: { type?: string; reports?: unknown } }[]).forEach((job, j) => {
    if (job.do?.type !== 'sendReportSummary' || !Array.isArray(job.do.reports)) return;
    job.do.reports.forEach((id, i) => {
      if (typeof id === 'string' && !known.has(id)) issues.push({ pointer: `/recurring/${j}/do/reports/${i}`, message: `"${id}" is not a report of this pack` });
    });
  });
  return issues;
}
