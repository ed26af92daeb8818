/**
 * Reminder status of records (engine/runtime/read/record-reminders.ts), with reminders really
 * firing: what fired in the current stage is overdue until the record leaves that stage,
 * what is armed shows as next; and when a record entered its stage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { choreMachine, choreSchema, NUDGE } from './chore-definition.js';
import { eventually, openScheduled, sleep, type Scheduled } from './open-scheduled.js';

const LAN = 'user:lan';
let t: Scheduled;
afterEach(async () => t.dispose());

async function openWithChores(options: { timeZone?: string } = {}): Promise<void> {
  t = await openScheduled(options);
  await t.engine.saveDefinition('chore', { schema: choreSchema, machine: choreMachine() }, 'user:admin');
}

const statusOf = async (record: RecordView) =>
  (await t.engine.remindersOf([await t.engine.get('chore', record.id)]))[record.id];

/** Wait until reminder `id` of the record fired (its timeline says so). */
async function fired(record: RecordView, id: string, times = 1): Promise<void> {
  await eventually(async () => {
    const timeline = await t.engine.timeline('chore', record.id);
    return timeline.filter((e) => e.type === 'reminder.fired' && e.payload?.reminder === id).length >= times;
  });
}

describe('reminder status of records', () => {
  it('shows a fired reminder as overdue until the record leaves its stage, and the next one armed', async () => {
    await openWithChores();
    const chore = await t.engine.create('chore', { data: { title: 'Call the hotel' } }, LAN);
    const quiet = await t.engine.create('chore', { data: { title: 'Nothing yet' } }, LAN);
    await fired(chore, 'nudge');
    await fired(quiet, 'nudge');

    const status = await statusOf(chore);
    expect(status?.overdue).toEqual([
      { id: 'nudge', stage: 'open', labels: NUDGE, at: expect.any(String) as string },
    ]);
    // `auto` (30 min) sends an event: not a reminder for people, so `later` (1 h) is next.
    expect(status?.next).toMatchObject({
      id: 'later',
      stage: 'open',
      labels: { en: 'Call back within the hour' },
    });
    expect(Date.parse(status?.next?.dueAt ?? '') - Date.parse(chore.createdAt)).toBe(3_600_000);

    // Moving inside the stage that declares it keeps it overdue; the child's own one joins it.
    await t.engine.send('chore', chore.id, { type: 'WARM' }, LAN);
    await fired(chore, 'warmNudge');
    expect((await statusOf(chore))?.overdue.map((r) => [r.id, r.stage])).toEqual([
      ['nudge', 'open'],
      ['warmNudge', 'open.warm'],
    ]);

    // Leaving the stage clears it, and nothing is armed any more.
    await t.engine.send('chore', chore.id, { type: 'CLOSE' }, LAN);
    expect(await statusOf(chore)).toEqual({ overdue: [] });

    // Coming back re-arms the stage's reminders: overdue again once it fires again.
    const reopened = await t.engine.send('chore', chore.id, { type: 'REOPEN' }, LAN);
    await fired(chore, 'nudge', 2);
    const again = await statusOf(chore);
    expect(again?.overdue.map((r) => r.id)).toEqual(['nudge']);
    expect(again?.overdue[0]?.at.localeCompare(reopened.stageEnteredAt)).toBe(1);

    // One query for a whole page: each record gets its own status.
    const page = await t.engine.list('chore', {});
    const byId = await t.engine.remindersOf(page.items);
    expect(Object.keys(byId).sort()).toEqual([chore.id, quiet.id].sort());
    expect(byId[quiet.id]?.overdue.map((r) => r.id)).toEqual(['nudge']);
  });

  it('records when the record entered its current stage', async () => {
    await openWithChores();
    const chore = await t.engine.create('chore', { data: { title: 'Book the bus' } }, LAN);
    expect(chore.stageEnteredAt).toBe(chore.createdAt);
    await sleep(20);
    const touched = await t.engine.send('chore', chore.id, { type: 'TOUCH' }, LAN);
    const updated = await t.engine.update('chore', chore.id, { data: { title: 'Book the coach' } }, LAN);
    expect([touched.stageEnteredAt, updated.stageEnteredAt]).toEqual([chore.createdAt, chore.createdAt]);
    const warm = await t.engine.send('chore', chore.id, { type: 'WARM' }, LAN);
    expect(warm.stageEnteredAt).toBe(warm.updatedAt);
    expect(Date.parse(warm.stageEnteredAt)).toBeGreaterThan(Date.parse(chore.createdAt));
  });
});

describe('reminders due later today', () => {
  it('lists the armed reminders of records the user owns or handles that fall due before the day ends', async () => {
    // A zone where an hour from now is still today, whatever time the test runs.
    const zones = ['Asia/Ho_Chi_Minh', 'UTC', 'America/New_York', 'Pacific/Pago_Pago', 'Pacific/Kiritimati'];
    const hourIn = (zone: string) =>
      Number(
        new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(
          new Date(),
        ),
      );
    const timeZone = zones.find((zone) => hourIn(zone) < 22) ?? 'UTC';
    await openWithChores({ timeZone });
    const mine = await t.engine.create('chore', { data: { title: 'Mine' } }, LAN);
    const handled = await t.engine.create(
      'chore',
      { data: { title: 'Handled by Lan' }, handler: LAN },
      'user:mai',
    );
    const others = await t.engine.create('chore', { data: { title: 'Mai’s own' } }, 'user:mai');
    for (const record of [mine, handled, others]) await fired(record, 'nudge');

    const { items, today } = await t.engine.upcomingReminders(LAN);
    // `later` (1 h) of both of Lan's records; not `tomorrow` (1 day), not the `auto` event, not Mai's.
    expect(items.map((i) => [i.id, i.link.id])).toEqual([
      ['later', mine.id],
      ['later', handled.id],
    ]);
    expect(items[0]).toMatchObject({
      stage: 'open',
      labels: { en: 'Call back within the hour' },
      link: { entity: 'chore' },
    });
    expect(today.timeZone).toBe(timeZone);
    expect(Date.parse(today.start)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(today.end)).toBeGreaterThan(Date.parse(items[1]?.dueAt ?? ''));
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(clock.format(new Date(today.start))).toBe('00:00');

    // Tomorrow, those are past: an injected clock a day on sees only what is due by then.
    const dayAfter = await t.engine.upcomingReminders(LAN, { now: new Date(Date.now() + 26 * 3_600_000) });
    expect(dayAfter.items.map((i) => i.id)).toEqual(['later', 'later', 'tomorrow', 'tomorrow']);
    expect((await t.engine.upcomingReminders('user:nobody')).items).toEqual([]);

    // Asked for the next days, tomorrow's reminders come too, and the window says where it ends.
    const week = await t.engine.upcomingReminders(LAN, { days: 7 });
    expect(week.items.map((i) => i.id)).toEqual(['later', 'later', 'tomorrow', 'tomorrow']);
    expect(Date.parse(week.until) - Date.parse(week.today.start)).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
    expect(today.end).toBe((await t.engine.upcomingReminders(LAN)).until);
  });
});
