import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localDate, zonedInstant } from '../../../engine/runtime/core/calendar.js';
import { StoreJobRepository } from '../../../engine/scheduler/store-job-repository.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import { eventually, openScheduled, type Scheduled } from './open-scheduled.js';

let t: Scheduled | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** The next instant after `now` when the wall clock of `timeZone` shows hour:minute on an allowed weekday. */
function nextWallClock(now: Date, timeZone: string, hour: number, minute: number, weekdays = [0, 1, 2, 3, 4, 5, 6]): Date {
  const today = localDate(now, timeZone);
  for (let days = 0; days < 8; days++) {
    const day = addDays(today, days);
    const at = zonedInstant({ ...day, hour, minute }, timeZone);
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    if (at > now && weekdays.includes(weekday)) return at;
  }
  throw new Error('no run within a week');
}

describe('recurring jobs declared in the pack', () => {
  it('schedules each cron in its time zone: the pack default and an explicit one', async () => {
    t = await openScheduled();
    const now = new Date();
    // "0 8 * * *" with no timezone: 08:00 in Asia/Ho_Chi_Minh (UTC+7), i.e. 01:00Z.
    const anniversaries = await t.scheduler?.nextRun('timed', 'anniversaries');
    expect(anniversaries?.toISOString()).toBe(nextWallClock(now, 'Asia/Ho_Chi_Minh', 8, 0).toISOString());
    expect(anniversaries?.getUTCHours()).toBe(1);
    // "30 7 * * 1-5" in America/New_York: 07:30 there on weekdays, whatever the season.
    const expiring = await t.scheduler?.nextRun('timed', 'remindExpiring');
    expect(expiring?.toISOString()).toBe(nextWallClock(now, 'America/New_York', 7, 30, [1, 2, 3, 4, 5]).toISOString());
    // "0 0 1 * *": midnight of the first of a month in Ho Chi Minh City.
    const period = await t.scheduler?.nextRun('timed', 'openPeriod');
    expect(localDate(period ?? new Date(0), 'Asia/Ho_Chi_Minh')).toMatchObject({ day: 1, hour: 0, minute: 0 });
    // A disabled declaration has no job.
    expect(await t.scheduler?.nextRun('timed', 'retired')).toBeNull();
  });

  it('follows the business time zone for jobs that name none', async () => {
    t = await openScheduled({ timeZone: 'Europe/Paris' });
    const next = await t.scheduler?.nextRun('timed', 'anniversaries');
    expect(next?.toISOString()).toBe(nextWallClock(new Date(), 'Europe/Paris', 8, 0).toISOString());
  });

  it('keeps its jobs across restarts and drops the jobs of declarations gone', async () => {
    t = await openScheduled();
    const dir = t.dir;
    const before = await t.scheduler?.nextRun('timed', 'anniversaries');
    await t.close();
    const store = await openEmbeddedStore({ dir });
    const repository = new StoreJobRepository(store);
    await repository.connect();
    await repository.saveJob({ name: 'tourflow.recurring:timed:gone', priority: 0, nextRunAt: new Date(Date.now() + 60_000), type: 'single', data: {} }, undefined);
    await store.close();

    t = await openScheduled({ dir });
    expect(await t.scheduler?.nextRun('timed', 'anniversaries')).toEqual(before);
    const names = (await t.store.find('agenda-jobs', {})).map((j) => j.name as string).sort();
    expect(names).toEqual(['tourflow.recurring:timed:anniversaries', 'tourflow.recurring:timed:openPeriod', 'tourflow.recurring:timed:remindExpiring']);
  });

  it('sends its event to the records whose date is today in the job’s time zone, once per day', async () => {
    // 18:30 UTC on 12 May is already 01:30 on 13 May in Ho Chi Minh City.
    const clock = new Date('2026-05-12T18:30:00Z');
    t = await openScheduled({ scheduler: { now: () => clock } });
    const tf = t;
    const member = (name: string, joinedOn: string) => tf.engine.create('member', { data: { name, joinedOn } }, 'user:lan');
    const today = await member('An', '2019-05-13');
    const utcToday = await member('Bình', '2020-05-12');
    const gone = await member('Chi', '2021-05-13');
    await t.engine.send('member', gone.id, { type: 'LEAVE' }, 'user:lan');

    await t.scheduler?.runNow('timed', 'anniversaries');
    await eventually(async () => (await tf.engine.get('member', today.id)).data.celebrations === 1);
    await t.scheduler?.runNow('timed', 'anniversaries'); // the same day again: nothing new
    await eventually(async () => (await tf.store.count('agenda-jobs', { type: 'normal' })) === 0);
    expect((await t.engine.get('member', today.id)).data.celebrations).toBe(1);
    expect((await t.engine.get('member', utcToday.id)).data.celebrations).toBeUndefined();
    expect((await t.engine.get('member', gone.id)).data.celebrations).toBeUndefined();
    const sent = (await t.engine.timeline('member', today.id)).find((e) => e.type === 'CELEBRATE');
    expect(sent?.actor).toBe('system:recurring:timed:anniversaries');
  });

  it('notifies about the records whose date is in 3 days, in its own time zone', async () => {
    // 02:00 UTC on 12 May is still 11 May (22:00) in New York: "today+3" is 14 May there.
    const clock = new Date('2026-05-12T02:00:00Z');
    t = await openScheduled({ scheduler: { now: () => clock } });
    const tf = t;
    const soon = await t.engine.create('member', { data: { name: 'Dũng', expiresOn: '2026-05-14' } }, 'user:lan');
    await t.engine.create('member', { data: { name: 'Em', expiresOn: '2026-05-15' } }, 'user:lan');
    await t.scheduler?.runNow('timed', 'remindExpiring');
    const inbox = await eventually(async () => {
      const page = await tf.engine.listInbox('user:lan', { limit: 10, skip: 0 });
      return page.total > 0 && page;
    });
    expect(inbox.items.map((i) => [i.message.en, i.link?.id])).toEqual([['A membership expires in 3 days', soon.id]]);
  });

  it('creates one record per run', async () => {
    const clock = new Date('2026-06-01T00:00:10+07:00');
    t = await openScheduled({ scheduler: { now: () => clock } });
    const tf = t;
    await t.scheduler?.runNow('timed', 'openPeriod');
    await eventually(async () => (await tf.engine.list('period', {})).total === 1);
    await t.scheduler?.runNow('timed', 'openPeriod');
    await eventually(async () => (await tf.store.count('agenda-jobs', { type: 'normal' })) === 0);
    const periods = await t.engine.list('period', {});
    expect(periods.items.map((p) => [p.data.name, p.owner])).toEqual([['monthly', 'user:boss']]);
  });
});
