import { afterEach, describe, expect, it } from 'vitest';
import type { EventLogDoc } from '../../../engine/runtime/core/record.js';
import { eventually, openScheduled, POLL_MS, sleep, timerSteps, type Scheduled } from './open-scheduled.js';

let t: Scheduled;
afterEach(async () => t.dispose());

const OWNER = 'user:lan';

async function reminderEntries(entity: string, id: string, reminder: string): Promise<EventLogDoc[]> {
  const timeline = await t.engine.timeline(entity, id);
  return timeline.filter((e) => e.kind === 'reminder' && e.payload?.reminder === reminder);
}

async function firstFired(entity: string, id: string, reminder: string): Promise<EventLogDoc> {
  return eventually(async () => (await reminderEntries(entity, id, reminder)).find((e) => e.type !== 'reminder.scheduled'));
}

describe('stage reminders', () => {
  it('notifies the owner after a duration in the stage, through the inbox', async () => {
    t = await openScheduled();
    const task = await t.engine.create('task', { data: { title: 'Call the hotel' } }, OWNER);
    const fired = await firstFired('task', task.id, 'nudge');
    expect(fired).toMatchObject({ type: 'reminder.fired', actor: 'system:reminder', payload: { action: 'notify', to: 'owner', stage: 'todo' } });
    // The inbox message is written in the commit that fired the reminder: it is there as
    // soon as the timeline says so, not after the effects queued before it have run.
    const inbox = await t.engine.listInbox(OWNER, { limit: 10, skip: 0 });
    expect(inbox.items.find((i) => i.message.en === 'Still to do')).toMatchObject({ read: false, link: { entity: 'task', id: task.id } });
    expect(await t.store.count('outbox', { recordId: task.id, action: 'notify' })).toBe(0);
  });

  it('escalates to every user of a role, unless an activity was logged since the stage was entered', async () => {
    t = await openScheduled();
    await t.store.commit([
      { op: 'insert', collection: 'users', doc: { _id: 'user:mai', roles: ['manager'] } },
      { op: 'insert', collection: 'users', doc: { _id: 'user:tuan', roles: ['manager', 'sales'] } },
      { op: 'insert', collection: 'users', doc: { _id: 'user:ha', roles: ['sales'] } },
    ]);
    const quiet = await t.engine.create('task', { data: { title: 'Nobody calls' } }, OWNER);
    const busy = await t.engine.create('task', { data: { title: 'Somebody calls' } }, OWNER);
    await t.engine.setActivity('task', busy.id, { activity: 'call', done: true }, OWNER);

    expect(await firstFired('task', quiet.id, 'silent')).toMatchObject({ type: 'reminder.fired', payload: { action: 'escalate', to: 'role:manager' } });
    expect(await firstFired('task', busy.id, 'silent')).toMatchObject({ type: 'reminder.skipped', payload: { reason: 'activity since the stage was entered' } });
    for (const manager of ['user:mai', 'user:tuan']) {
      const page = await eventually(async () => {
        const p = await t.engine.listInbox(manager, { limit: 10, skip: 0 });
        return p.total > 0 && p;
      });
      expect(page.items.map((i) => [i.message.en, i.link?.id])).toEqual([['Nobody called', quiet.id]]);
    }
    expect((await t.engine.listInbox('user:ha', { limit: 10, skip: 0 })).total).toBe(0);
  });

  it('sends its event, which leaves the stage and disarms the stage’s other reminders', async () => {
    t = await openScheduled();
    const task = await t.engine.create('task', { data: { title: 'Start by itself' } }, OWNER);
    const doing = await eventually(async () => {
      const now = await t.engine.get('task', task.id);
      return now.state === 'doing' && now;
    });
    expect(doing.state).toBe('doing');
    const timeline = await t.engine.timeline('task', task.id);
    expect(timeline.find((e) => e.type === 'START')).toMatchObject({ actor: 'system:reminder', from: 'todo', to: 'doing' });
    const tooLate = timeline.filter((e) => e.payload?.reminder === 'tooLate').map((e) => e.type);
    expect(tooLate).toEqual(['reminder.scheduled', 'reminder.cancelled']);
    await eventually(async () => (await t.scheduler?.timerJobs())?.length === 0);
  });

  it('is disarmed with no trace of firing when the stage is left before it is due', async () => {
    t = await openScheduled();
    const task = await t.engine.create('task', { data: { title: 'Started at once' } }, OWNER);
    await t.engine.send('task', task.id, { type: 'START' }, OWNER);
    await sleep(150 + 2 * POLL_MS);
    const timeline = await t.engine.timeline('task', task.id);
    expect(timerSteps(timeline).filter((s) => s !== 'reminder.scheduled' && s !== 'reminder.cancelled')).toEqual([]);
    expect((await t.engine.listInbox(OWNER, { limit: 10, skip: 0 })).total).toBe(0);
  });
});

describe('reminders relative to a date field', () => {
  it('fires the given time before the date, not earlier, and the one after it sends its event', async () => {
    t = await openScheduled();
    const startsAt = new Date(Date.now() + 500);
    const visit = await t.engine.create('visit', { data: { place: 'Hội An', startsAt: startsAt.toISOString() } }, OWNER);
    const scheduled = (await reminderEntries('visit', visit.id, 'prepare'))[0];
    expect(scheduled?.payload?.dueAt).toBe(new Date(startsAt.getTime() - 200).toISOString());

    const prepared = await firstFired('visit', visit.id, 'prepare');
    const late = Date.parse(prepared.at) - (startsAt.getTime() - 200);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(250);
    expect((await t.engine.get('visit', visit.id)).state).toBe('planned');

    const arrived = await eventually(async () => {
      const now = await t.engine.get('visit', visit.id);
      return now.state === 'arrived' && now;
    });
    const arrival = (await t.engine.timeline('visit', visit.id)).find((e) => e.type === 'ARRIVE');
    expect(Date.parse(arrival?.at ?? '')).toBeGreaterThanOrEqual(startsAt.getTime() + 100);
    expect(arrived.status).toBe('done');
  });

  it('is re-armed when the date moves, disarmed when it is cleared, and not armed for a date past', async () => {
    t = await openScheduled();
    const first = new Date(Date.now() + 60_000);
    const visit = await t.engine.create('visit', { data: { place: 'Huế', startsAt: first.toISOString() } }, OWNER);
    const moved = new Date(Date.now() + 120_000);
    await t.engine.update('visit', visit.id, { data: { startsAt: moved.toISOString() } }, OWNER);
    const jobsDue = async () => {
      const jobs = (await t.scheduler?.timerJobs()) ?? [];
      return JSON.stringify(jobs.map((j) => [j.key.split(':').slice(-1)[0], j.nextRunAt?.toISOString()]).sort());
    };
    const wanted = [
      ['checkIn', new Date(moved.getTime() + 100).toISOString()],
      ['prepare', new Date(moved.getTime() - 200).toISOString()],
    ];
    // The outbox worker applies the changes on its own; wait for it rather than race it.
    await eventually(async () => (await jobsDue()) === JSON.stringify(wanted));
    await t.engine.update('visit', visit.id, { data: { startsAt: null } }, OWNER);
    await eventually(async () => (await jobsDue()) === '[]');

    const past = await t.engine.create('visit', { data: { place: 'Đà Lạt', startsAt: new Date(Date.now() - 1000).toISOString() } }, OWNER);
    expect(await t.store.count('timers', { recordId: past.id })).toBe(0);
    const steps = timerSteps(await t.engine.timeline('visit', visit.id));
    expect(steps).toEqual([
      'reminder.scheduled',
      'reminder.scheduled',
      'reminder.cancelled',
      'reminder.scheduled',
      'reminder.cancelled',
      'reminder.scheduled',
      'reminder.cancelled',
      'reminder.cancelled',
    ]);
  });
});
