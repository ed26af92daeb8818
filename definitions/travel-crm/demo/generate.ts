/**
 * Demo data of the travel CRM: a tour operator a few months into using tourflow. Every
 * record is made through the engine by the events its people and automations would have
 * sent, so stages, timelines and automation-created records are all real. The same seed
 * gives the same data; `api.records` sets the size.
 */
import type { DemoGenerator, DemoSeedApi, DemoStaff } from '../../../engine/index.js';
import { createCampaigns, createCatalogue, createDepartures, STAFF } from './catalogue.js';
import { Calendar, Dice } from './dice.js';
import { businessTargets, care, operateTours } from './operations.js';
import { contract, sell } from './selling.js';
import { arrive, nurture } from './sources.js';
import type { World } from './world.js';

/** The people of the demo company, so the owners of its records can sign in (engine/runtime/access/initial-users.ts). */
export const staff: DemoStaff[] = [
  { id: STAFF.manager, name: 'Trần Văn Hải', roles: ['manager'] },
  { id: STAFF.marketing[0], name: 'Nguyễn Thị Lan', roles: ['marketing'] },
  { id: STAFF.marketing[1], name: 'Lê Minh Đức', roles: ['marketing'] },
  { id: STAFF.sales[0], name: 'Phạm Văn Minh', roles: ['sales'] },
  { id: STAFF.sales[1], name: 'Đỗ Thu Hương', roles: ['sales'] },
  { id: STAFF.sales[2], name: 'Vũ Anh Tuấn', roles: ['sales'] },
  { id: STAFF.sales[3], name: 'Hoàng Phương Thảo', roles: ['sales'] },
  { id: STAFF.operators[0], name: 'Bùi Quốc Khánh', roles: ['operator'] },
  { id: STAFF.operators[1], name: 'Ngô Thị Phượng', roles: ['operator'] },
  { id: STAFF.accountant, name: 'Đặng Thu Trang', roles: ['accountant'] },
];

const ENTITIES = [
  'campaign',
  'target',
  'lead',
  'conversation',
  'order',
  'account',
  'contact',
  'opportunity',
  'sales-activity',
  'product',
  'quote',
  'contract',
  'payment',
  'traveller',
  'tour',
  'settlement',
  'care-task',
  'case',
  'comment',
  'kpi-target',
];
/** The share of the records made by the cohorts; operations, care and KPIs make the rest (a fixed part weighs more in a small demo). */
const cohortShare = (records: number) => (records <= 1000 ? 0.82 : 0.9);

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

async function recordCount(api: DemoSeedApi): Promise<number> {
  let total = 0;
  for (const entity of ENTITIES) total += await api.count(entity);
  return total;
}

const generate: DemoGenerator = async (api) => {
  const dice = new Dice(() => api.random());
  const calendar = new Calendar(api.now);
  const products = await createCatalogue(api);
  const departures = await createDepartures(api, dice, calendar, clamp(api.records / 25, 12, 600), products);
  const campaigns = await createCampaigns(api, dice, clamp(api.records / 120, 5, 60), products);
  await api.settle();
  const world: World = {
    api,
    dice,
    calendar,
    products,
    departures,
    campaigns,
    year: api.now.getUTCFullYear(),
    showcase: {
      opportunity: ['won', 'proposal', 'won', 'lostLate', 'won', 'negotiation'],
      upcomingContract: ['signed', 'depositPaid', 'draft', 'paid'],
      lateDeposit: ['late'],
    },
  };

  const cohort = clamp(api.records / 20, 8, 60);
  while ((await recordCount(api)) < api.records * cohortShare(api.records)) {
    const arrivals = await arrive(world, cohort);
    const converted = await nurture(world, arrivals.leads);
    const won = await sell(world, converted, arrivals.acceptedOrders);
    await contract(world, won);
  }
  await operateTours(world);
  await care(world);
  await businessTargets(world);
  // The oldest campaign has run its course.
  const first = campaigns[0];
  if (first) await api.send('campaign', first.id, { type: 'COMPLETE' }, 'mkt.lan');
  await api.settle();
};

export default generate;
