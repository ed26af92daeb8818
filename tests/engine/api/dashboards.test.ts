/**
 * Dashboards per role (issue 14): each reader gets the dashboards of their roles with only
 * the reports they may run; admins rearrange them without code, a stale save is a conflict,
 * a report a role may not read or that does not exist is refused with its pointer, and
 * resetting brings the pack's arrangement back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';

let world: ChannelWorld;
beforeAll(async () => {
  world = await openChannelWorld({});
  await world.addUser('boss', ['admin']);
  await world.addUser('sales.an', ['sales']);
  await world.addUser('manager.ha', ['manager']);
});
afterAll(async () => world?.close());

type Dashboard = { role: string; kpis?: boolean; reports: { report: string; wide?: boolean }[] };
type Layouts = { value: Dashboard[]; version: number; declared: Dashboard[]; errors?: { pointer: string; message: string }[] };
const mine = async (actor: string) => (await world.http.get<{ items: Dashboard[] }>('/api/dashboards', { actor })).body.items;

describe('dashboards', () => {
  it('gives each reader the dashboard of their role, with the reports they may run, in order', async () => {
    const [sales] = await mine('sales.an');
    expect(sales?.role).toBe('sales');
    expect(sales?.reports.map((r) => r.report)).toEqual(['salesByMonth', 'salesByTourType', 'openPipeline', 'staffActivity', 'customersByTier']);
    expect((await mine('manager.ha')).map((d) => d.role)).toEqual(['manager']);
    expect((await mine('boss')).length).toBe(5);
    expect((await world.http.get('/api/dashboard-layouts', { actor: 'manager.ha' })).status).toBe(403);
  });

  it('lets an admin rearrange them, refusing what a role may not read and a stale save, and reset', async () => {
    const layouts = (await world.http.get<Layouts>('/api/dashboard-layouts', { actor: 'boss' })).body;
    expect(layouts.version).toBe(0);
    const sales: Dashboard = { role: 'sales', kpis: false, reports: [{ report: 'openPipeline', wide: true }, { report: 'salesByMonth' }] };
    const others = layouts.value.filter((d) => d.role !== 'sales');
    const saved = await world.http.put<Layouts>('/api/dashboard-layouts', { dashboards: [sales, ...others], version: 0 }, { actor: 'boss' });
    expect([saved.status, saved.body.version]).toEqual([200, 1]);
    expect(await mine('sales.an')).toEqual([sales]);

    const forbidden = await world.http.put<Layouts>('/api/dashboard-layouts', { dashboards: [{ role: 'sales', reports: [{ report: 'paymentsByMonth' }, { report: 'nope' }] }], version: 1 }, { actor: 'boss' });
    expect(forbidden.status).toBe(422);
    expect(forbidden.body.errors?.map((e) => e.pointer)).toEqual(['/0/reports/0/report', '/0/reports/1/report']);
    const stale = await world.http.put('/api/dashboard-layouts', { dashboards: [sales], version: 0 }, { actor: 'boss' });
    expect(stale.status).toBe(409);
    expect((await mine('sales.an'))[0]?.reports.map((r) => r.report)).toEqual(['openPipeline', 'salesByMonth']);

    const reset = await world.http.delete<Layouts>('/api/dashboard-layouts?version=1', { actor: 'boss' });
    expect([reset.status, reset.body.version]).toEqual([200, 0]);
    expect((await mine('sales.an'))[0]?.reports[0]).toEqual({ report: 'salesByMonth', wide: true });
  });
});
