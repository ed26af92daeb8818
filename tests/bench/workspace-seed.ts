/**
 * Put N opportunities into the travel CRM's sales pipeline through the engine itself (real
 * creates, activities and events, automations drained), spread over its stages the way a
 * working pipeline is: most in the survey, fewer further on, some won or lost.
 */
import { BENCH_PASSWORD } from './bench-server.js';
import path from 'node:path';
import { openTourflow, type Tourflow } from '../../engine/bootstrap.js';
import { runConcurrent } from './report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const TRAVEL_CRM = path.join(ROOT, 'definitions/travel-crm');

/** Where each opportunity ends up, by share of the pipeline (sums to 1). */
export const STAGE_SHARES = [
  ['open.needsSurvey', 0.4],
  ['open.proposal', 0.25],
  ['open.negotiation', 0.15],
  ['won', 0.1],
  ['lost', 0.1],
] as const;

const KINDS = ['individual', 'business', 'agent', 'collaborator'] as const;
export const OWNERS = ['sales1', 'sales2', 'sales3', 'sales4', 'sales5'];
const ACCOUNTS = 200;
const CONCURRENCY = 50;

export interface SeedResult {
  opportunities: number;
  /** Records of every entity made on the way (accounts, quotes, contracts, …). */
  records: number;
  ms: number;
}

/** The stage opportunity number `i` of `count` should reach. */
export function stageFor(i: number, count: number): string {
  let upTo = 0;
  for (const [stage, share] of STAGE_SHARES) {
    upTo += share * count;
    if (i < upTo) return stage;
  }
  return STAGE_SHARES[0][0];
}

async function walk(
  tf: Tourflow,
  id: string,
  target: string,
  i: number,
  fixtures: { productId: string; tourId: string },
): Promise<void> {
  const { engine } = tf;
  const actor = OWNERS[i % OWNERS.length];
  const activity = (name: string) =>
    engine.setActivity('opportunity', id, { activity: name, done: true }, actor);
  if (target === 'open.needsSurvey') return;
  if (target === 'lost') {
    await engine.send(
      'opportunity',
      id,
      { type: 'LOSE', data: { lostReasonCategory: 'price', lostReason: 'Giá cao hơn công ty khác' } },
      actor,
    );
    return;
  }
  await activity('needsSurvey');
  await engine.send(
    'opportunity',
    id,
    { type: 'SURVEY_DONE', data: { productId: fixtures.productId } },
    actor,
  );
  if (target === 'open.proposal') return;
  await activity('sendQuote');
  await engine.send('opportunity', id, { type: 'QUOTE_ACCEPTED' }, actor);
  if (target === 'open.negotiation') return;
  await activity('draftContract');
  await engine.send(
    'opportunity',
    id,
    { type: 'WIN', data: { tourId: fixtures.tourId, amount: 45_000_000 + (i % 40) * 1_000_000 } },
    actor,
  );
}

/**
 * Seed `count` opportunities into `dataDir` (closed again afterwards), with the
 * scheduler attached so that their reminders are armed as in production.
 */
export async function seedPipeline(dataDir: string, count: number): Promise<SeedResult> {
  const tf = await openTourflow(
    {
      dataDir,
      definitionsDir: path.dirname(TRAVEL_CRM),
      pluginsDir: path.join(ROOT, 'plugins'),
      packDirs: [TRAVEL_CRM],
      demoData: false,
      // This opens the store first, so it is this start that creates the first admin.
      adminPassword: BENCH_PASSWORD,
    },
    { outbox: { autoStart: false } },
  );
  try {
    // The sales people who own and work the opportunities are users, with their roles.
    for (const id of OWNERS) if (!(await tf.access.users.find(id))) await tf.access.users.create({ id, name: id, roles: ['sales'], password: BENCH_PASSWORD });
    const start = performance.now();
    // The engine itself seeds: references are not checked against what a person may see.
    const by = 'system:seed';
    const product = await tf.engine.create(
      'product',
      { data: { code: 'DN-4N3D', name: 'Đà Nẵng – Hội An 4N3Đ', kind: 'tour' } },
      by,
    );
    const tour = await tf.engine.create(
      'tour',
      { data: { code: 'DN-2026-12-01', name: 'Đà Nẵng – Hội An 01/12', departureDate: '2026-12-01' } },
      by,
    );
    const accounts: string[] = [];
    await runConcurrent(ACCOUNTS, CONCURRENCY, async (i) => {
      const account = await tf.engine.create(
        'account',
        { data: { kind: 'individual', name: `Khách ${i}` } },
        by,
      );
      accounts.push(account.id);
    });
    const fixtures = { productId: product.id, tourId: tour.id };
    await runConcurrent(count, CONCURRENCY, async (i) => {
      const owner = OWNERS[i % OWNERS.length];
      const created = await tf.engine.create(
        'opportunity',
        {
          data: {
            title: `Tour ${i}: Đà Nẵng – Hội An`,
            accountId: accounts[i % accounts.length],
            customerName: `Khách ${i % ACCOUNTS}`,
            customerKind: KINDS[i % KINDS.length],
            travellerCount: 1 + (i % 12),
            budget: 5_000_000 + ((i * 7919) % 200) * 500_000,
          },
          owner,
        },
        owner,
      );
      await walk(tf, created.id, stageFor(i, count), i, fixtures);
    });
    // Automations (quotes, contracts, timer jobs) run before the server starts, not during the bench.
    for (let empty = 0; empty < 2;) empty = (await tf.engine.drainOutbox()) === 0 ? empty + 1 : 0;
    const ms = performance.now() - start;
    return { opportunities: count, records: await tf.store.count('records', {}), ms };
  } finally {
    await tf.close();
  }
}
