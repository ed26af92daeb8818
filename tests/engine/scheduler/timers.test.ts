import { afterEach, describe, expect, it } from 'vitest';
import { timerJobId } from '../../../engine/scheduler/scheduler.js';
import { eventually, openScheduled, POLL_MS, sleep, timerSteps, type Scheduled } from './open-scheduled.js';
import type { TimerDoc } from '../../../engine/runtime/core/record.js';

let t: Scheduled;
afterEach(async () => t.dispose());

const ACTOR = 'user:an';

// The jobs follow the timers in the record's own commit (our Store backend) or through
// the outbox (MongoDB's backend, here forced on the embedded store): same behaviour.
describe.each([
  ['in the record’s commit', true],
  ['through the outbox', false],
])('delayed transitions (XState after), jobs armed %s', (_mode, inCommit) => {
  it('fires a delayed transition once it falls due, as the timer, exactly once', async () => {
    t = await openScheduled({ scheduler: { jobsInEngineCommits: inCommit } });
    const started = Date.now();
    const ticket = await t.engine.create('ticket', { data: { title: 'Printer' } }, ACTOR);
    expect(ticket.state).toBe('waiting');
    const overdue = await eventually(async () => {
      const now = await t.engine.get('ticket', ticket.id);
      return now.state === 'overdue' && now;
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(overdue.version).toBe(2);

    const timeline = await t.engine.timeline('ticket', ticket.id);
    const fired = timeline.find((e) => e.kind === 'event' && e.type.startsWith('xstate.after.'));
    expect(fired).toMatchObject({ actor: 'system:timer', from: 'waiting', to: 'overdue' });
    expect(Date.parse(fired?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(ticket.createdAt) + 100);
    expect(timerSteps(timeline)).toEqual(['timer.scheduled', 'timer.fired']);
    // The timer is consumed and its job gone: nothing fires twice.
    await sleep(3 * POLL_MS);
    expect((await t.engine.get('ticket', ticket.id)).version).toBe(2);
    expect(await t.store.count('timers', { recordId: ticket.id })).toBe(0);
    expect(await t.scheduler?.timerJobs()).toEqual([]);
  });

  it('cancels the delayed transition when the state is left first: it never fires', async () => {
    t = await openScheduled({ scheduler: { jobsInEngineCommits: inCommit } });
    const ticket = await t.engine.create('ticket', { data: { title: 'Screen' } }, ACTOR);
    const jobKeys = async () => ((await t.scheduler?.timerJobs()) ?? []).map((j) => j.key);
    await eventually(async () => (await jobKeys()).length === 1); // the job exists…
    const answered = await t.engine.send('ticket', ticket.id, { type: 'ANSWER' }, ACTOR);
    expect(answered.state).toBe('answered');
    // …and is removed with the state left, while the new state's own timer gets one.
    const wanted = `${ticket.id}:xstate.after.50.ticket.answered`;
    await eventually(async () => (await jobKeys()).join() === wanted);

    await sleep(200);
    const after = await t.engine.get('ticket', ticket.id);
    expect(after.state).toBe('answered');
    const timeline = await t.engine.timeline('ticket', ticket.id);
    expect(timeline.some((e) => e.type === 'xstate.after.PT0.1S.ticket.waiting')).toBe(false);
    expect(timerSteps(timeline).slice(0, 3)).toEqual(['timer.scheduled', 'timer.cancelled', 'timer.scheduled']);
  });

  it('runs a targetless delayed transition once: the state is kept and not re-armed', async () => {
    t = await openScheduled({ scheduler: { jobsInEngineCommits: inCommit } });
    const ticket = await t.engine.create('ticket', { data: { title: 'Mouse' } }, ACTOR);
    await t.engine.send('ticket', ticket.id, { type: 'ANSWER' }, ACTOR);
    const pinged = await eventually(async () => {
      const now = await t.engine.get('ticket', ticket.id);
      return now.data.pings === 1 && now;
    });
    expect(pinged.state).toBe('answered');
    await sleep(150);
    expect((await t.engine.get('ticket', ticket.id)).data.pings).toBe(1);
    expect(await t.store.count('timers', { recordId: ticket.id })).toBe(0);
  });

  it('does nothing for a timer instance that is no longer armed (a late or duplicate job)', async () => {
    t = await openScheduled({ scheduler: { jobsInEngineCommits: inCommit } });
    const ticket = await t.engine.create('ticket', { data: { title: 'Keyboard' } }, ACTOR);
    const [timer] = await t.store.find<{ _id: string; instance: number } & Record<string, unknown>>('timers', { recordId: ticket.id });
    if (!timer) throw new Error('no timer armed');
    await t.engine.send('ticket', ticket.id, { type: 'ANSWER' }, ACTOR);
    expect(await t.engine.fireTimer(timer._id, timer.instance)).toEqual({ outcome: 'stale' });
    expect((await t.engine.get('ticket', ticket.id)).state).toBe('answered');
  });

  it('drops the timers and their jobs of a deleted record', async () => {
    t = await openScheduled({ scheduler: { jobsInEngineCommits: inCommit } });
    const ticket = await t.engine.create('ticket', { data: { title: 'Cable' } }, ACTOR);
    await eventually(async () => (await t.scheduler?.timerJobs())?.length === 1);
    await t.engine.remove('ticket', ticket.id, {}, ACTOR);
    await eventually(async () => (await t.scheduler?.timerJobs())?.length === 0);
    expect(await t.store.count('timers', {})).toBe(0);
    expect(t.logged).toEqual([]);
  });
});

// With the jobs in the engine's store, the commit that consumes a timer also ends its job:
// a firing is one commit, and no job can outlive its consumed timer.
describe('the firing commit ends the job (jobs in the engine’s store)', () => {
  async function armed(recordId: string, timerId: string): Promise<TimerDoc> {
    return eventually(async () => (await t.store.find<TimerDoc>('timers', { recordId })).find((d) => d.timerId.includes(timerId)));
  }

  it('for a delayed transition', async () => {
    t = await openScheduled();
    const ticket = await t.engine.create('ticket', { data: { title: 'Held' } }, ACTOR);
    await t.engine.send('ticket', ticket.id, { type: 'HOLD' }, ACTOR);
    const timer = await armed(ticket.id, 'held');
    expect(await t.store.get('agenda-jobs', timerJobId(timer._id, timer.instance))).toBeDefined();
    // Due in 0.6 s: fired here directly, as the scheduler would, before Agenda ever runs it.
    expect(await t.engine.fireTimer(timer._id, timer.instance)).toEqual({ outcome: 'fired' });
    expect(await t.store.get('agenda-jobs', timerJobId(timer._id, timer.instance))).toBeUndefined();
    expect((await t.engine.get('ticket', ticket.id)).state).toBe('released');
  });

  it('for a reminder', async () => {
    t = await openScheduled();
    const task = await t.engine.create('task', { data: { title: 'Call the hotel' } }, ACTOR);
    const timer = await armed(task.id, 'tooLate');
    expect(await t.store.get('agenda-jobs', timerJobId(timer._id, timer.instance))).toBeDefined();
    expect(await t.engine.fireTimer(timer._id, timer.instance)).toEqual({ outcome: 'fired' });
    expect(await t.store.get('agenda-jobs', timerJobId(timer._id, timer.instance))).toBeUndefined();
    expect(await t.store.count('timers', { _id: timer._id })).toBe(0);
  });
});
