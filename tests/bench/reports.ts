/**
 * Reports at scale (issue 14) on the embedded store, at 10 000 and 100 000 records (and
 * 1 000 000 with BENCH_REPORTS_1M=1): accounts, opportunities, contracts and payments of
 * the travel pack, over two years. Written around the engine (as a restore or a bulk load
 * would), then the rollups are remade from them (timed). Prints every shipped report's time
 * cold (first run) and warm, one sales person's, the dashboard's p99 with 20 readers at once
 * (each loading every report of a manager, in parallel, as the page does), one record
 * write's cost with and without rollups, memory, and the floor: mingo's aggregate of the
 * report over the same records already in memory (no rollup), in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Aggregator } from 'mingo';
import { openTourflow } from '../../engine/index.js';
import type { RecordDoc } from '../../engine/runtime/core/record.js';
import { percentile, report } from './report.js';
import { RECORDS } from '../../engine/collections.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OWNERS = Array.from({ length: 10 }, (_, i) => `sales.${i}`);
const BATCH = 5_000;
const DAY = 86_400_000;

const TOUR_TYPES = ['beach', 'mountain', 'culture', 'city', 'cruise', 'pilgrimage', 'mice'];
/** The products opportunities sell, one per tour type (sales by tour type reads through them). */
const products = (now: number): RecordDoc[] =>
  TOUR_TYPES.map((tourType, i) => {
    const at = new Date(now).toISOString();
    return { _id: `product-${i}`, entity: 'product', definitionVersion: 1, state: 'active', stage: 'active', status: 'active', data: { code: `P${i}`, name: `Tour ${tourType}`, kind: 'tour', tourType }, activitiesDone: [], version: 1, createdAt: at, updatedAt: at, createdBy: 'admin', updatedBy: 'admin' };
  });

/** The i-th record: 3 in 10 accounts, 4 opportunities, 1 contract, 2 payments. */
function record(i: number, now: number): RecordDoc {
  const owner = OWNERS[i % OWNERS.length] ?? 'sales.0';
  const at = new Date(now - (i % 730) * DAY).toISOString();
  const base = { _id: `r${i}`, definitionVersion: 1, activitiesDone: [], owner, version: 1, createdAt: at, updatedAt: at, createdBy: owner, updatedBy: owner };
  const amount = 5_000_000 + (i % 97) * 1_000_000;
  switch (i % 10) {
    case 0:
    case 1:
    case 2: {
      const stage = i % 4 === 0 ? 'prospect' : 'customer';
      const tier = ['VIP1', 'VIP2', 'VIP3', 'Loyal', undefined][i % 5];
      return { ...base, entity: 'account', state: stage, stage, status: 'active', data: { kind: i % 7 === 0 ? 'business' : 'individual', name: `Khách ${i}`, source: ['zalo', 'phone', 'referral', 'web-form'][i % 4], ...(tier ? { tier } : {}) } };
    }
    case 3:
    case 4:
    case 5:
    case 6: {
      const won = i % 3 !== 0;
      return { ...base, entity: 'opportunity', state: won ? 'won' : 'open', stage: won ? 'won' : 'open', status: won ? 'done' : 'active', data: { title: `Deal ${i}`, amount, productId: `product-${i % TOUR_TYPES.length}`, ...(won ? { wonAt: at } : { budget: amount }) } };
    }
    case 7:
      return { ...base, entity: 'contract', state: 'completed', stage: 'completed', status: 'done', data: { title: `HĐ ${i}`, totalValue: amount, completedAt: at } };
    default: {
      const stage = ['due', 'overdue', 'paid'][i % 3] ?? 'paid';
      return { ...base, entity: 'payment', state: stage, stage, status: stage === 'paid' ? 'done' : 'active', data: { title: `Thu ${i}`, kind: 'receipt', amount, dueDate: at.slice(0, 10) } };
    }
  }
}

/** Each report's pipeline over the records themselves, as it read them before rollups: the floor. */
const RAW: Record<string, Record<string, unknown>[]> = {
  salesByMonth: [
    { $match: { entity: 'opportunity', stage: 'won', 'data.wonAt': { $exists: true } } },
    { $group: { _id: { month: { $dateToString: { format: '%Y-%m', date: { $dateFromString: { dateString: '$data.wonAt' } }, timezone: 'Asia/Ho_Chi_Minh' } }, owner: '$owner' }, deals: { $sum: 1 }, revenue: { $sum: '$data.amount' } } },
  ],
  openPipeline: [{ $match: { entity: 'opportunity', status: 'active' } }, { $group: { _id: '$stage', deals: { $sum: 1 }, value: { $sum: { $ifNull: ['$data.amount', '$data.budget'] } } } }],
  customersByTier: [{ $match: { entity: 'account' } }, { $group: { _id: { kind: '$data.kind', tier: { $ifNull: ['$data.tier', 'none'] } }, customers: { $sum: 1 } } }],
  paymentsByMonth: [
    { $match: { entity: 'payment', 'data.kind': 'receipt', stage: { $in: ['due', 'overdue', 'paid'] } } },
    { $group: { _id: { $substrBytes: ['$data.dueDate', 0, 7] }, collected: { $sum: { $cond: [{ $eq: ['$stage', 'paid'] }, '$data.amount', 0] } } } },
  ],
};

const timed = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};

async function benchAt(count: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-reports-'));
  const tf = await openTourflow(
    { dataDir: dir, definitionsDir: path.join(ROOT, 'definitions'), pluginsDir: path.join(ROOT, 'plugins'), packDirs: [path.join(ROOT, 'definitions/travel-crm')], channelEnv: {} },
    { outbox: { autoStart: false }, scheduler: false },
  );
  const k = count >= 1_000_000 ? `${count / 1_000_000}m` : `${count / 1000}k`;
  try {
    const now = Date.now();
    await tf.store.commit(products(now).map((doc) => ({ op: 'insert' as const, collection: RECORDS, doc })));
    for (let done = 0; done < count; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - done) }, (_, i) => record(done + i, now));
      await tf.store.commit(batch.map((doc) => ({ op: 'insert' as const, collection: RECORDS, doc })));
    }
    report(`rollups_${k}_rebuilt_from_records`, await timed(() => tf.engine.rebuildRollups()), 'ms');

    const manager = { roles: ['manager'] as const, scope: undefined };
    const ids = tf.engine.listReports(['manager', 'accountant', 'operator']).map((r) => r.id);
    for (const id of ids) {
      report(`report_${id}_${k}_cold`, await timed(() => tf.engine.runReport(id, { roles: ['admin'], scope: undefined }, {})), 'ms');
      report(`report_${id}_${k}_warm`, await timed(() => tf.engine.runReport(id, { roles: ['admin'], scope: undefined }, {})), 'ms');
    }
    const one = { roles: ['sales'] as const, scope: { $or: [{ owner: { $in: ['sales.3'] } }, { handler: { $in: ['sales.3'] } }, { owner: { $exists: false } }] } };
    report(`report_salesByMonth_${k}_one_sales_person`, await timed(() => tf.engine.runReport('salesByMonth', one, { period: 'all' })), 'ms');

    // The floor: each report over the records already in memory, without a rollup (mingo, same run).
    const docs = await tf.store.find<RecordDoc>(RECORDS, { entity: { $in: ['opportunity', 'account', 'payment'] } });
    for (const [id, stages] of Object.entries(RAW)) report(`report_${id}_${k}_floor_mingo_in_memory`, await timed(() => Promise.resolve(new Aggregator(stages).run(docs))), 'ms');
    docs.length = 0;

    // One record written through the engine: its rollup rows move in the same commit.
    const won = await tf.engine.create('account', { data: { kind: 'individual', name: 'Khách mới', source: 'zalo' }, owner: 'sales.1' }, 'sales.1');
    report(`record_update_${k}_with_rollups`, await timed(() => tf.engine.update('account', won.id, { data: { source: 'phone' } }, 'sales.1')), 'ms');
    // A won deal corrected: its row read through its product's tour type moves in the same commit.
    report(`record_update_${k}_won_deal_with_rollups`, await timed(() => tf.engine.update('opportunity', 'r4', { data: { amount: 9_000_000 } }, 'system:bench')), 'ms');

    // The dashboard: 20 managers at once, each loading every report of their page in parallel, 5 times.
    const dashboard = tf.engine.listReports(['manager']).map((r) => r.id);
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 5; i++) latencies.push(await timed(() => Promise.all(dashboard.map((id) => tf.engine.runReport(id, manager, {})))));
      }),
    );
    report(`dashboard_${k}_p99_20_readers_${dashboard.length}_reports`, percentile(latencies, 99), 'ms');
    const memory = process.memoryUsage();
    report(`reports_${k}_rss`, memory.rss / 1024 / 1024, 'MB');
    report(`reports_${k}_heap_used`, memory.heapUsed / 1024 / 1024, 'MB');
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchReports(): Promise<void> {
  for (const count of [10_000, 100_000, ...(process.env.BENCH_REPORTS_1M ? [1_000_000] : [])]) await benchAt(count);
}
