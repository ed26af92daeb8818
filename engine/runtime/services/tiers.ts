/**
 * Customer tiers as declared rules (pack.json `tiers`): a customer's revenue and trips over a
 * window, summed from the records that count (completed contracts naming them), give the
 * first tier whose minimums they reach, or none. The keeper applies them when those records
 * change (it follows the engine's change feed) and to every customer on the nightly job
 * (recurring action `recomputeTiers`), so a tier whose window has passed is taken back. A
 * change is an ordinary update by `system:tiers`: on the customer's timeline, with the date
 * it changed.
 */
import type { Tiers } from '../../definitions/definition.js';
import type { Store } from '../../store/store.js';
import type { ChangeFeed } from './change-feed.js';
import type { RecordService } from './record-service.js';
import { RECORDS } from '../../collections.js';
import type { RecordDoc } from '../core/index.js';

export const TIERS_ACTOR = 'system:tiers';

/** The first instant of the window that ends now: P24M is 24 calendar months back. */
export function windowStart(window: string, now: Date): string {
  const match = /^P(\d+)([YMD])$/.exec(window);
  const count = Number(match?.[1] ?? 0);
  const at = new Date(now);
  if (match?.[2] === 'Y') at.setUTCFullYear(at.getUTCFullYear() - count);
  else if (match?.[2] === 'M') at.setUTCMonth(at.getUTCMonth() - count);
  else at.setUTCDate(at.getUTCDate() - count);
  return at.toISOString();
}

export class TierKeeper {
  private queue: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    readonly decl: Tiers,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The same rules on another clock (what the nightly job will do later). */
  at(now: () => Date): TierKeeper {
    return new TierKeeper(this.store, this.records, this.decl, now);
  }

  /** What a customer has earned now: revenue and trips in the window, and the tier they give. */
  async standing(id: string): Promise<{ revenue: number; trips: number; tier?: string }> {
    const { from, rules } = this.decl;
    const amount = `$${from.amount}`;
    const [row] = await this.store.aggregate<{ revenue: number; trips: number }>(RECORDS, [
      { $match: { $and: [{ entity: from.entity, [`data.${from.link}`]: id, [from.at]: { $gte: windowStart(from.window, this.now()) } }, ...(from.when ? [from.when] : [])] } },
      { $group: { _id: null, revenue: { $sum: { $ifNull: [amount, 0] } }, trips: { $sum: 1 } } },
    ]);
    const revenue = row?.revenue ?? 0;
    const trips = row?.trips ?? 0;
    const tier = rules.find((rule) => revenue >= (rule.minRevenue ?? 0) && trips >= (rule.minTrips ?? 0))?.tier;
    return { revenue, trips, ...(tier ? { tier } : {}) };
  }

  /** Give a customer the tier they have earned; resolves with whether it changed. */
  async apply(id: string): Promise<boolean> {
    const doc = await this.store.get<RecordDoc>(RECORDS, id);
    if (!doc || doc.entity !== this.decl.entity) return false;
    const { tier } = await this.standing(id);
    const current = doc.data[this.decl.field];
    if ((current ?? undefined) === tier) return false;
    await this.records.update(
      this.decl.entity,
      id,
      { data: { [this.decl.field]: tier ?? null, ...(this.decl.changedAtField ? { [this.decl.changedAtField]: this.now().toISOString() } : {}) } },
      TIERS_ACTOR,
    );
    return true;
  }

  /** Every customer, in turn (the nightly job). */
  async applyAll(): Promise<{ checked: number; changed: number }> {
    const customers = await this.store.find<RecordDoc>(RECORDS, { entity: this.decl.entity });
    let changed = 0;
    for (const customer of customers) if (await this.apply(customer._id)) changed++;
    return { checked: customers.length, changed };
  }

  /** Apply the rules to the customer a changed record names, one customer at a time. */
  follow(changes: ChangeFeed): () => void {
    return changes.subscribe((changed) => {
      for (const change of changed) {
        if (change.entity !== this.decl.from.entity) continue;
        this.queue = this.queue
          .then(async () => {
            const doc = await this.store.get<RecordDoc>(RECORDS, change.id);
            const customer = doc?.data[this.decl.from.link];
            if (typeof customer !== 'string' || this.waiting.has(customer)) return;
            this.waiting.add(customer);
            try {
              await this.apply(customer);
            } finally {
              this.waiting.delete(customer);
            }
          })
          .catch(() => undefined); // the nightly job applies it again
      }
    });
  }

  /** Wait until every change heard so far is applied. */
  settled(): Promise<void> {
    return this.queue;
  }
}
