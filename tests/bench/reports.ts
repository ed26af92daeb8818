/**
 * Reports at scale (issue 14): won opportunities and payments of the travel pack at 10 000
 * and 100 000 records (1 000 000 with BENCH_REPORTS_1M=1), on the embedded store. Prints each
 * report's time cold (first run) and warm, the same report scoped to one sales person, the
 * reports page's p99 with 20 readers at once (every report of a manager; at 10 k), and the floor:
 * mingo's aggregate over the same documents already in memory, in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Aggregator } from 'mingo';
import { openTourflow } from '../../engine/index.js';
import type { RecordDoc } from '../../engine/runtime/record.js';
import { RECORDS } from '../../engine/runtime/record-service.js';
import { percentile, report } from './report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OWNERS = Array.from({ length: 10 }, (_, i) => `sales.${i}`);
const BATCH = 5_000;

function opportunity(i: number, now: number): RecordDoc {
  const owner = OWNERS[i % OWNERS.length] ?? 'sales.0';
  const won = i % 3 !== 0;
  const at = new Date(now - (i % 730) * 86_400_000).toISOString();
  return {
    _id: `o${i}`,
    entity: 'opportunity',
    definitionVersion: 1,
    state: won ? 'won' : 'open',
    stage: won ? 'won' : 'open.proposal',
    status: won ? 'done' : 'active',
    data: { title: `Deal ${i}`, amount: 5_000_000 + (i % 97) * 1_000_000, ...(won ? { wonAt: at } : {}) },
    activitiesDone: [],
    owner,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: owner,
    updatedBy: owner,
  };
}

async function benchAt(count: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-reports-'));
  const tf = await openTourflow(
    { dataDir: dir, definitionsDir: path.join(ROOT, 'definitions'), pluginsDir: path.join(ROOT, 'plugins'), packDirs: [path.join(ROOT, 'definitions/travel-crm')], channelEnv: {} },
    { outbox: { autoStart: false }, scheduler: false },
  );
  try {
    const now = Date.now();
    const docs: RecordDoc[] = [];
    for (let done = 0; done < count; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - done) }, (_, i) => opportunity(done + i, now));
      docs.push(...batch);
      await tf.store.commit(batch.map((doc) => ({ op: 'insert' as const, collection: RECORDS, doc })));
    }
    const manager = { roles: ['manager'] as const, scope: undefined };
    const timed = async (run: () => Promise<unknown>) => {
      const start = performance.now();
      await run();
      return performance.now() - start;
    };
    const k = `${count / 1000}k`;
    const cold = await timed(() => tf.engine.runReport('salesByMonth', manager, { period: 'all' }));
    const warm = await timed(() => tf.engine.runReport('salesByMonth', manager, { period: 'all' }));
    const scoped = await timed(() => tf.engine.runReport('salesByMonth', { roles: ['sales'], scope: { $or: [{ owner: { $in: ['sales.3'] } }, { handler: { $in: ['sales.3'] } }] } }, { period: 'all' }));
    const pipeline = await timed(() => tf.engine.runReport('openPipeline', manager, {}));
    // The floor: the same pipeline over the same documents already in memory.
    const stages = [{ $match: { $and: [{ entity: 'opportunity' }] } }, { $match: { stage: 'won', 'data.wonAt': { $exists: true } } }, { $group: { _id: { month: { $dateToString: { format: '%Y-%m', date: { $dateFromString: { dateString: '$data.wonAt' } }, timezone: 'Asia/Ho_Chi_Minh' } }, owner: '$owner' }, deals: { $sum: 1 }, revenue: { $sum: { $ifNull: ['$data.amount', 0] } } } }];
    const floor = await timed(() => Promise.resolve(new Aggregator(stages).run(docs)));
    report(`report_sales_by_month_${k}_cold`, cold, 'ms');
    report(`report_sales_by_month_${k}_warm`, warm, 'ms');
    report(`report_sales_by_month_${k}_floor_mingo_in_memory`, floor, 'ms');
    report(`report_sales_by_month_${k}_one_sales_person`, scoped, 'ms');
    report(`report_open_pipeline_${k}`, pipeline, 'ms');
    report(`reports_${k}_rss`, process.memoryUsage().rss / 1024 / 1024, 'MB');
    // The reports page: 20 managers at once, each loading every report of their role (at 10 k: at 100 k it takes minutes today).
    if (count > 10_000) return;
    const ids = tf.engine.listReports(['manager']).map((r) => r.id);
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (const id of ids) latencies.push(await timed(() => tf.engine.runReport(id, manager, {})));
      }),
    );
    report(`reports_page_${k}_p99_20_readers`, percentile(latencies, 99), 'ms');
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchReports(): Promise<void> {
  for (const count of [10_000, 100_000, ...(process.env.BENCH_REPORTS_1M ? [1_000_000] : [])]) await benchAt(count);
}
