/**
 * The reports part of the Store contract (./store-contract.ts): the travel pack's reports,
 * over the rollups its records keep, give the same hand-computed answers on every adapter
 * (mingo on the embedded store, MongoDB's own aggregation when MONGODB_URL is set):
 * month keys in the business time zone, sums, $cond, averages over counts, a funnel's steps,
 * and a sales person's scope on the rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Report, Rollup } from '../../../engine/definitions/definition.js';
import { reportQueries, type ReportQueries } from '../../../engine/runtime/read/reports.js';
import { Rollups } from '../../../engine/runtime/services/rollups.js';
import type { Store, StoredDoc } from '../../../engine/store/store.js';

const PACK = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../definitions/travel-crm/pack.json'), 'utf8')) as { reports: Report[]; rollups: Rollup[] };

let n = 0;
const doc = (entity: string, stage: string, data: Record<string, unknown>, owner = 'sales.an'): StoredDoc => ({ _id: `c${++n}`, entity, stage, status: stage === 'won' || stage === 'paid' ? 'done' : 'active', owner, data });

/** Define the report tests inside an adapter's contract suite; `current` is that test's store. */
export function reportsContract(current: () => Store): void {
  describe('reports over rollups', () => {
    let queries: ReportQueries;
    beforeEach(async () => {
      const store = current();
      const rollups = new Rollups(PACK.rollups, 'Asia/Ho_Chi_Minh');
      const campaign = doc('campaign', 'completed', { sentCount: 100, openedCount: 30 }, 'mkt.lan');
      const records = [
        doc('opportunity', 'won', { amount: 40_000_000, wonAt: '2026-11-03T02:00:00.000Z' }),
        // 01:00 on 1 December in Hà Nội: December's.
        doc('opportunity', 'won', { amount: 10_000_000, wonAt: '2026-11-30T18:00:00.000Z', campaignId: campaign._id }),
        doc('opportunity', 'won', { amount: 60_000_000, wonAt: '2026-11-15T04:00:00.000Z' }, 'sales.binh'),
        doc('opportunity', 'open', { budget: 9_000_000, campaignId: campaign._id }),
        doc('payment', 'paid', { kind: 'receipt', amount: 20_000_000, dueDate: '2026-11-10' }, 'acc.trang'),
        doc('payment', 'overdue', { kind: 'receipt', amount: 45_000_000, dueDate: '2026-11-25' }, 'acc.trang'),
        doc('comment', 'received', { subject: 'guide', supplierName: 'HDV Minh', rating: 5 }, 'op.khanh'),
        doc('comment', 'received', { subject: 'guide', supplierName: 'HDV Minh', rating: 4 }, 'op.khanh'),
        campaign,
        doc('lead', 'converted', { campaignId: campaign._id }),
      ].map((d) => ({ ...d, createdAt: '2026-11-05T03:00:00.000Z', updatedAt: '2026-11-05T03:00:00.000Z' }));
      await store.commit(await rollups.ops(records.map((after) => ({ before: undefined, after })), store));
      queries = reportQueries({ store, reports: PACK.reports, rollups, timeZone: 'Asia/Ho_Chi_Minh', isDateField: () => Promise.resolve(false) });
    });
    const manager = { roles: ['manager'] as const, scope: undefined };
    const rows = async (id: string, params: Record<string, string> = {}, reader: Parameters<ReportQueries['runReport']>[1] = manager) => (await queries.runReport(id, reader, params)).rows;

    it('sums per month in the business time zone, narrowed by a period and by a reader’s scope', async () => {
      expect(await rows('salesByMonth', { period: '2026' })).toEqual([
        { month: '2026-11', owner: 'sales.an', deals: 1, revenue: 40_000_000 },
        { month: '2026-11', owner: 'sales.binh', deals: 1, revenue: 60_000_000 },
        { month: '2026-12', owner: 'sales.an', deals: 1, revenue: 10_000_000 },
      ]);
      expect(await rows('salesByMonth', { period: '2026-12' })).toEqual([{ month: '2026-12', owner: 'sales.an', deals: 1, revenue: 10_000_000 }]);
      const binh = { roles: ['sales'] as const, scope: { $or: [{ owner: { $in: ['sales.binh'] } }, { handler: { $in: ['sales.binh'] } }, { owner: { $exists: false } }] } };
      expect(await rows('salesByMonth', { period: 'all' }, binh)).toEqual([{ month: '2026-11', owner: 'sales.binh', deals: 1, revenue: 60_000_000 }]);
    });

    it('splits by stage with $cond, averages over counts, and follows a funnel', async () => {
      expect(await rows('paymentsByMonth', { period: '2026' })).toEqual([{ month: '2026-11', collected: 20_000_000, outstanding: 45_000_000, overdue: 45_000_000 }]);
      expect(await rows('feedbackBySupplier', { period: 'all' })).toEqual([{ supplier: 'HDV Minh', subject: 'guide', score: 4.5, comments: 2 }]);
      expect(await rows('openPipeline')).toEqual([{ stage: 'open', deals: 1, value: 9_000_000 }]);
      const funnel = await rows('campaignFunnel');
      expect(funnel.map((r) => [r.step, r.count])).toEqual([['sent', 100], ['opened', 30], ['clicked', 0], ['targets', 0], ['leads', 1], ['opportunities', 2], ['won', 1]]);
    });
  });
}
