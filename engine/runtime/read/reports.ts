/**
 * Reports (DESIGN.md decision 11): pack data, each an aggregation over one entity's records.
 * A run is one call to the store's aggregate (MongoDB, or mingo on the embedded store) whose
 * first stages are always the entity, the reader's visibility filter and the parameters the
 * reader chose (a period over a date field, a person, a record a reference names); the
 * report's own stages follow. The loader refuses stages that reach other collections or run
 * code, so a report can never show what its reader may not see.
 */
import type { Report, Rollup } from '../../definitions/definition.js';
import { UserError } from '../../errors.js';
import type { Filter, Store } from '../../store/store.js';
import { RECORDS, USERS } from '../../collections.js';
import type { Role } from '../access/index.js';
import { keySource, mayRunReport, resolvePeriod, rollupKeyFor, type Period, type ReportResult, type ReportSummary } from '../core/index.js';
import { rollupCollection, type Rollups } from '../services/index.js';

export interface ReportQueries {
  /** The reports a reader with these roles may run. */
  listReports(roles: readonly Role[]): ReportSummary[];
  /** Run a report for a reader: `scope` is their visibility filter on the report's entity. */
  runReport(id: string, reader: { roles: readonly Role[]; scope: Filter | undefined }, params: Record<string, string>): Promise<ReportResult>;
  /** Remake every rollup from the records (after records were written around the engine). */
  rebuildRollups(): Promise<void>;
}

/** A report as listed; `when`: the records its rollup keeps, if it reads one (a drill-down starts from them). */
const summary = ({ pipeline, ...rest }: Report, when?: Record<string, unknown>): ReportSummary => {
  const first = pipeline?.[0] as { $match?: Record<string, unknown> } | undefined;
  const base = when ?? (rest.rollup === undefined ? first?.$match : undefined);
  return { ...rest, ...(base ? { base } : {}) };
};

/** The conditions on records that a rollup's row keys stand for: its `when`, then each key's path. */
function recordConditions(rollup: Rollup, keys: Record<string, unknown>): Filter {
  const filter: Filter = { ...((rollup.when) ?? {}) };
  for (const [key, value] of Object.entries(keys)) {
    const declared = rollup.by[key];
    const path = key === 'owner' || key === 'handler' ? key : declared === undefined ? undefined : keySource(declared).kind === 'value' ? keySource(declared).path : undefined;
    if (path !== undefined) filter[path] = value;
  }
  return filter;
}

/** A record path as a $match key: `data.wonAt` stays, `owner` stays. */
function periodMatch(field: string, period: Period, dateOnly: boolean): Filter {
  return { [field]: dateOnly ? { $gte: period.fromDay, $lt: period.toDay } : { $gte: period.from, $lt: period.to } };
}

/** A period over a rollup's month or day key (`2026-11`, `2026-11-30`): a month key answers whole months only. */
function keyPeriodMatch(key: { key: string; kind: string }, period: Period, name: string): Filter {
  if (key.kind === 'day') return { [key.key]: { $gte: period.fromDay, $lt: period.toDay } };
  if (!period.fromDay.endsWith('-01') || !period.toDay.endsWith('-01')) {
    throw new UserError('invalid-request', `This report counts whole months: ${period.name} is not one`, { issues: [{ pointer: `/query/${name}`, message: 'must be whole months (a month, a quarter, a year, or days from a 1st to a month end)' }] });
  }
  return { [key.key]: { $gte: period.fromDay.slice(0, 7), $lt: period.toDay.slice(0, 7) } };
}

export function reportQueries(deps: {
  store: Store;
  reports: Report[];
  timeZone: string;
  /** Whether a record path of an entity holds calendar dates (format: date), not instants. */
  isDateField(entity: string, field: string): Promise<boolean>;
  /** The rollups reports may read instead of the records. */
  rollups?: Rollups;
  now?: () => Date;
}): ReportQueries {
  const { store, reports, timeZone } = deps;
  const byId = new Map(reports.map((r) => [r.id, r]));
  const rollupOf = (report: Report) => (report.rollup === undefined ? undefined : deps.rollups?.get(report.rollup));
  const listed = (report: Report) => summary(report, rollupOf(report)?.when);

  /**
   * A funnel across entities: each step the sum of its value over its rollup's rows (the
   * reader's scope and the parameters, on row keys, narrow every step alike), with its
   * conversion from the step before and from the first, and the records behind it (`_drill`:
   * their entity and the conditions a list of them takes).
   */
  const stepRows = async (steps: NonNullable<Report['steps']>, matches: Filter[], given: Record<string, unknown>) => {
    const rows: Record<string, unknown>[] = [];
    for (const step of steps) {
      const rollup = deps.rollups?.get(step.rollup);
      if (!rollup) throw new UserError('not-found', `The rollup "${step.rollup}" of the step "${step.id}" is not kept`);
      const where = [...matches, ...(step.where ? [step.where as Filter] : [])];
      const [sum] = await store.aggregate<{ value: number }>(rollupCollection(rollup.id), [{ $match: { $and: where } }, { $group: { _id: null, value: { $sum: `$${step.value ?? 'count'}` } } }]);
      const count = sum?.value ?? 0;
      const before = rows.at(-1)?.count;
      const first = rows[0]?.count ?? count;
      const keys = { ...(step.where ?? {}), ...given };
      rows.push({
        step: step.id,
        label: step.labels,
        count,
        rate: typeof before === 'number' && before > 0 ? count / before : null,
        ofFirst: typeof first === 'number' && first > 0 ? count / first : null,
        _drill: { entity: rollup.entity, where: recordConditions(rollup, keys) },
      });
    }
    return rows;
  };
  return {
    listReports: (roles) => reports.filter((r) => mayRunReport(r, roles)).map(listed),
    rebuildRollups: async () => deps.rollups?.ensureBuilt(store, { force: true }),

    async runReport(id, reader, given) {
      const report = byId.get(id);
      if (!report || !mayRunReport(report, reader.roles)) throw new UserError('not-found', `There is no report "${id}"`);
      const declared = report.params ?? {};
      for (const name of Object.keys(given)) {
        if (!(name in declared)) throw new UserError('invalid-request', `The report "${id}" has no parameter "${name}"`, { issues: [{ pointer: `/query/${name}`, message: 'is not a parameter of this report' }] });
      }
      const rollup = rollupOf(report);
      if (report.rollup !== undefined && !rollup) throw new UserError('not-found', `The rollup "${report.rollup}" of the report "${id}" is not kept`);
      // A rollup's rows keep owner and handler: the reader's scope narrows them as it does records.
      const matches: Filter[] = [rollup || report.steps ? { count: { $gt: 0 } } : { entity: report.entity }];
      if (reader.scope) matches.push(reader.scope);
      const applied: Record<string, string | Period> = {};
      /** What each non-period parameter asks of its field (a steps report's drill-downs repeat it). */
      const narrowed: Record<string, unknown> = {};
      for (const [name, param] of Object.entries(declared)) {
        const value = given[name] ?? (param.kind === 'period' ? (param.default ?? 'all') : undefined);
        if (value === undefined || value === '') continue;
        const key = rollup ? rollupKeyFor(rollup, param) : undefined;
        if (param.kind === 'period') {
          const period = resolvePeriod(value, name, timeZone, deps.now?.());
          applied[name] = period ?? 'all';
          if (period && key) matches.push(keyPeriodMatch(key, period, name));
          else if (period) matches.push(periodMatch(param.field, period, await deps.isDateField(report.entity, param.field)));
        } else {
          if (value.length > 200) throw new UserError('invalid-request', `${name} is too long`, { issues: [{ pointer: `/query/${name}`, message: 'is longer than 200 characters' }] });
          applied[name] = value;
          // A team: its people, by the team on their user.
          const wanted = param.kind === 'team' ? { $in: (await store.find(USERS, { team: value })).map((u) => u._id) } : value;
          narrowed[key?.key ?? param.field] = wanted;
          matches.push({ [key?.key ?? param.field]: wanted });
        }
      }
      if (report.steps) {
        return { report: listed(report), rows: await stepRows(report.steps, matches, narrowed), params: applied };
      }
      const collection = rollup ? rollupCollection(rollup.id) : RECORDS;
      const rows = await store.aggregate<Record<string, unknown>>(collection, [{ $match: { $and: matches } }, ...((report.pipeline ?? []) as Record<string, unknown>[])]);
      return { report: listed(report), rows, params: applied };
    },
  };
}
