/**
 * KPI targets whose actual the engine computes, never typed (pack.json `kpis`): each target
 * names a metric, a period (first and last day, in the business time zone) and whose it is
 * (the company, a team, a person); the metric says which records count, the date that
 * places them in the period, the user field that makes them someone's, and what is summed.
 * The keeper writes the actual, the progress (actual / target) and the pace still needed
 * per remaining day whenever a record a metric counts changes, or the target itself does
 * (it follows the engine's change feed), as `system:kpi`. A yearly target that names a
 * distribution (`spread`) gets its twelve monthly targets, made in one commit.
 */
import { Query } from 'mingo';
import type { Kpis } from '../../definitions/definition.js';
import type { Filter, Store } from '../../store/store.js';
import type { ChangeFeed } from './change-feed.js';
import type { RecordService } from './record-service.js';
import { RECORDS, USERS } from '../../collections.js';
import { startOfDay, type RecordDoc } from '../core/index.js';

export const KPI_ACTOR = 'system:kpi';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
/**
 * A total shared by weights so the shares add up to it exactly, each within one of its
 * exact part: a share is the rounded running total minus the one before.
 * @example spreadOver(100, [1, 1, 1]) // [33, 34, 33]
 */
export function spreadOver(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  let running = 0;
  let before = 0;
  return weights.map((weight) => {
    running += weight;
    const upTo = Math.round((total * running) / sum);
    const share = upTo - before;
    before = upTo;
    return share;
  });
}

const day = (value: string) => {
  const [year, month, date] = value.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: date ?? 1 };
};

export class KpiKeeper {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    readonly decl: Kpis,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The actual of a target as its records say now; undefined when its metric is not measured. */
  async actual(target: RecordDoc): Promise<number | undefined> {
    const { fields, metrics } = this.decl;
    const metric = metrics[String(target.data[fields.metric])];
    const start = text(target.data[fields.start]);
    const end = text(target.data[fields.end]);
    if (!metric || !start || !end) return undefined;
    const from = startOfDay(day(start), this.timeZone).toISOString();
    const next = new Date(startOfDay(day(end), this.timeZone).getTime() + 86_400_000).toISOString();
    const matches: Filter[] = [{ entity: metric.entity, [metric.at]: { $gte: from, $lt: next } }];
    if (metric.when) matches.push(metric.when);
    const who = await this.people(target);
    if (who) matches.push({ [metric.user ?? 'owner']: { $in: who } });
    const [row] = await this.store.aggregate<{ value: number }>(RECORDS, [
      { $match: { $and: matches } },
      { $group: { _id: null, value: { $sum: metric.sum ? { $ifNull: [`$${metric.sum}`, 0] } : 1 } } },
    ]);
    return row?.value ?? 0;
  }

  /** Whose records count: a person, the people of a team, or everyone (undefined). */
  private async people(target: RecordDoc): Promise<string[] | undefined> {
    const { fields } = this.decl;
    const scope = fields.scope ? text(target.data[fields.scope]) : undefined;
    if (scope === 'user') return [text(fields.user ? target.data[fields.user] : undefined) ?? ''];
    if (scope === 'team') {
      const team = text(fields.team ? target.data[fields.team] : undefined);
      return (await this.store.find<{ _id: string }>(USERS, { team: team ?? '' })).map((u) => u._id);
    }
    return undefined;
  }

  /** Write a target's actual, progress and the pace still needed; resolves with whether it changed. */
  async apply(id: string): Promise<boolean> {
    const target = await this.store.get<RecordDoc>(RECORDS, id);
    if (!target || target.entity !== this.decl.entity || target.status === 'done') return false;
    const actual = await this.actual(target);
    if (actual === undefined) return false;
    const { fields } = this.decl;
    const goal = Number(target.data[fields.target] ?? 0);
    const patch: Record<string, unknown> = { [fields.actual]: actual };
    if (fields.progress) patch[fields.progress] = goal > 0 ? Math.round((actual / goal) * 1000) / 1000 : null;
    const end = text(target.data[fields.end]);
    if (fields.neededPerDay && end) {
      const left = Math.ceil((startOfDay(day(end), this.timeZone).getTime() + 86_400_000 - this.now().getTime()) / 86_400_000);
      patch[fields.neededPerDay] = left > 0 ? Math.max(0, Math.ceil((goal - actual) / left)) : null;
    }
    if (Object.entries(patch).every(([key, value]) => (target.data[key] ?? null) === value)) return false;
    await this.records.update(this.decl.entity, id, { data: patch }, KPI_ACTOR);
    return true;
  }

  /**
   * Give a yearly target that names a distribution its twelve monthly targets (once, in one
   * commit), each sent `spread.event` to be under way; resolves with how many were made.
   */
  async spread(id: string): Promise<number> {
    const spread = this.decl.spread;
    const target = spread ? await this.store.get<RecordDoc>(RECORDS, id) : undefined;
    if (!spread || !target || target.entity !== this.decl.entity) return 0;
    if (spread.when && !new Query(spread.when).test(target)) return 0;
    const { fields } = this.decl;
    const weights = spread.distributions[String(target.data[spread.field])];
    const start = text(target.data[fields.start]);
    const year = start?.slice(0, 4);
    if (!weights || start !== `${year}-01-01` || text(target.data[fields.end]) !== `${year}-12-31`) return 0;
    const children = await this.store.find<RecordDoc>(RECORDS, { entity: this.decl.entity, [`data.${spread.parent}`]: id });
    if (children.length === 0) {
      const shares = spreadOver(Number(target.data[fields.target] ?? 0), weights);
      const same = Object.fromEntries([fields.metric, fields.scope, fields.team, fields.user].flatMap((f) => (f !== undefined && target.data[f] !== undefined ? [[f, target.data[f]]] : [])));
      const rows = shares.map((share, m) => {
        const month = `${year}-${String(m + 1).padStart(2, '0')}`;
        const last = new Date(Date.UTC(Number(year), m + 1, 0)).getUTCDate();
        const data = { ...same, [fields.target]: share, [fields.start]: `${month}-01`, [fields.end]: `${month}-${last}`, [spread.parent]: id, ...(spread.period ? { [spread.period]: month } : {}) };
        return { data, ...(target.owner ? { owner: target.owner } : {}) };
      });
      const made = await this.records.createMany(this.decl.entity, rows, KPI_ACTOR);
      for (const child of made.ids) if (spread.event) await this.records.send(this.decl.entity, child, { type: spread.event }, KPI_ACTOR);
      return made.count;
    }
    // Made, but a crash cut their events off (still as created, version 1): send them now.
    for (const child of children) if (spread.event && child.version === 1) await this.records.send(this.decl.entity, child._id, { type: spread.event }, KPI_ACTOR);
    return 0;
  }

  /**
   * Recompute the targets a changed record may move: every open target of a metric that
   * counts its entity, or the target itself. Changes heard while a pass runs are gathered
   * into the next pass, so a burst of events costs one pass, not one per event.
   */
  follow(changes: ChangeFeed): () => void {
    const counted = new Set(Object.values(this.decl.metrics).map((m) => m.entity));
    const targets = new Set<string>();
    const entities = new Set<string>();
    let scheduled = false;
    const pass = async () => {
      scheduled = false;
      const ids = new Set(targets);
      const metrics = Object.entries(this.decl.metrics).filter(([, m]) => entities.has(m.entity)).map(([name]) => name);
      targets.clear();
      entities.clear();
      if (metrics.length > 0) {
        const open = await this.store.find<RecordDoc>(RECORDS, { entity: this.decl.entity, status: 'active', [`data.${this.decl.fields.metric}`]: { $in: metrics } });
        for (const target of open) ids.add(target._id);
      }
      for (const id of ids) {
        await this.spread(id);
        await this.apply(id);
      }
    };
    return changes.subscribe((changed) => {
      for (const change of changed) {
        if (change.entity === this.decl.entity) targets.add(change.id);
        else if (counted.has(change.entity)) entities.add(change.entity);
      }
      if (scheduled || (targets.size === 0 && entities.size === 0)) return;
      scheduled = true;
      this.queue = this.queue.then(pass).catch(() => undefined); // the next change computes it again
    });
  }

  settled(): Promise<void> {
    return this.queue;
  }
}
