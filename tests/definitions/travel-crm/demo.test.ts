/**
 * The pack's demo data: made through the engine (stages, automations and timelines are
 * real), spread over every stage that matters, with overdue items, and the same for the
 * same seed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTourflow, type Tourflow } from '../../../engine/index.js';
import { TRAVEL_CRM } from './travel-server.js';

const NOW = new Date('2026-11-23T03:00:00.000Z');

async function openSeeded(
  records: number,
  seed: number,
): Promise<{ tourflow: Tourflow; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tourflow-demo-'));
  const tourflow = await openTourflow(
    {
      dataDir: dir,
      definitionsDir: join(TRAVEL_CRM, '..'),
      pluginsDir: join(dir, 'no-plugins'),
      packDirs: [TRAVEL_CRM],
      demoData: { records, seed, now: NOW },
    },
    { outbox: { autoStart: false }, scheduler: false },
  );
  return {
    tourflow,
    async dispose() {
      await tourflow.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** entity → stage → count. */
async function census(tourflow: Tourflow): Promise<Record<string, Record<string, number>>> {
  const rows = await tourflow.store.aggregate<{ _id: { entity: string; stage: string }; n: number }>(
    'records',
    [{ $group: { _id: { entity: '$entity', stage: '$stage' }, n: { $sum: 1 } } }],
  );
  const out: Record<string, Record<string, number>> = {};
  for (const { _id, n } of rows) (out[_id.entity] ??= {})[_id.stage] = n;
  return out;
}

describe('travel-crm demo data', () => {
  let seeded: Awaited<ReturnType<typeof openSeeded>>;
  let counts: Record<string, Record<string, number>>;
  let seconds: number;

  beforeAll(async () => {
    const started = performance.now();
    seeded = await openSeeded(400, 7);
    seconds = (performance.now() - started) / 1000;
    counts = await census(seeded.tourflow);
  }, 120_000);
  afterAll(async () => {
    await seeded.dispose();
  });

  it('fills an empty store with a few hundred records of every entity, in seconds', () => {
    const total = Object.values(counts)
      .flatMap((stages) => Object.values(stages))
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(300);
    expect(total).toBeLessThan(600);
    expect(Object.keys(counts).sort()).toHaveLength(20);
    expect(seconds).toBeLessThan(60);
  });

  it('names its staff, so that every owner and handler of a demo record can sign in', async () => {
    const users = new Set((await seeded.tourflow.access.users.list()).map((u) => u.id));
    expect(seeded.tourflow.initialUsers.created).toContain('sales.minh');
    const people = await seeded.tourflow.store.aggregate<{ _id: string }>('records', [
      { $project: { people: ['$owner', '$handler'] } },
      { $unwind: '$people' },
      { $match: { people: { $type: 'string' } } },
      { $group: { _id: '$people' } },
    ]);
    expect(people.length).toBeGreaterThan(3);
    expect(people.map((p) => p._id).filter((id) => !users.has(id))).toEqual([]);
  });

  it('spreads records over the stages of the loop, with overdue items', () => {
    expect(Object.keys(counts.lead ?? {})).toEqual(
      expect.arrayContaining(['new', 'nurturing', 'recycled', 'converted']),
    );
    expect(Object.keys(counts.opportunity ?? {})).toEqual(
      expect.arrayContaining(['open.needsSurvey', 'open.proposal', 'won']),
    );
    expect(Object.keys(counts.account ?? {})).toEqual(expect.arrayContaining(['prospect', 'customer']));
    expect(Object.keys(counts.contract ?? {})).toEqual(
      expect.arrayContaining(['signed', 'depositPaid', 'completed']),
    );
    expect(Object.keys(counts.tour ?? {})).toEqual(
      expect.arrayContaining(['planning', 'booking', 'preparing', 'inProgress', 'closed']),
    );
    expect(Object.keys(counts.case ?? {}).length).toBeGreaterThanOrEqual(3);
    expect(counts.payment?.overdue).toBeGreaterThan(0);
    expect(counts['kpi-target']?.closed).toBeGreaterThan(0);
  });

  it('was made through the engine: every effect ran, and automations made the linked records', async () => {
    const { store, engine } = seeded.tourflow;
    expect(await store.count('outbox', { status: { $ne: 'done' } })).toBe(0);
    const { items } = await engine.list('contract', { filter: { stage: 'completed' }, limit: 1 });
    const contract = items[0];
    expect(contract).toBeDefined();
    if (!contract) return;
    const opportunity = await engine.get('opportunity', contract.data.opportunityId as string);
    expect(opportunity.data.contractId).toBe(contract.id);
    const account = await engine.get('account', contract.data.accountId as string);
    expect(account.state).toBe('customer');
    const timeline = await engine.timeline('contract', contract.id);
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['created', 'SIGN', 'DEPOSIT_RECEIVED', 'BALANCE_RECEIVED', 'TOUR_SETTLED']),
    );
    const people = await engine.list('account', {
      filter: { 'data.kind': 'individual', 'data.dateOfBirth': { $exists: true } },
      limit: 5,
    });
    expect(people.items.length).toBeGreaterThan(0);
    expect(String(people.items[0]?.data.phone)).toMatch(/^0\d{9}$/);
  });

  it('is the same for the same seed, and different for another', async () => {
    const runs: Record<string, Record<string, number>>[] = [];
    for (const seed of [7, 7, 8]) {
      const run = await openSeeded(120, seed);
      try {
        runs.push(await census(run.tourflow));
      } finally {
        await run.dispose();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
  }, 120_000);
});
