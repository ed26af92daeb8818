/**
 * Timers due together fire together (engine/scheduler/timer-runner.ts with the embedded
 * store): the reminders among them are consumed in one commit, each exactly once, and a
 * firing that fails is retried with backoff and logged, as Agenda would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventLogDoc, TimerDoc } from '../../../engine/runtime/core/record.js';
import type { StoredJob } from '../../../engine/scheduler/job-doc.js';
import { jobFields } from '../../../engine/scheduler/job-doc.js';
import { TIMER_JOB, timerJobId, timerOfJobId } from '../../../engine/scheduler/scheduler.js';
import { StoreJobRepository } from '../../../engine/scheduler/store-job-repository.js';
import type { WriteOp } from '../../../engine/store/store.js';
import { eventually, openScheduled, type Scheduled } from './open-scheduled.js';
import { AGENDA_JOBS } from '../../../engine/collections.js';

let t: Scheduled;
afterEach(async () => t.dispose());

const OWNER = 'user:lan';

/** Record the ops of every commit done from now on; `fail` may refuse one by throwing. */
function watchCommits(fail?: (ops: WriteOp[]) => Error | undefined): WriteOp[][] {
  const commits: WriteOp[][] = [];
  const commit = t.store.commit.bind(t.store);
  t.store.commit = (ops: WriteOp[]) => {
    const refused = fail?.(ops);
    if (refused) return Promise.reject(refused);
    return commit(ops).then(() => void commits.push(ops));
  };
  return commits;
}

/** The records whose `reminder` the commit of `ops` fired. */
const firedIn = (ops: WriteOp[], reminder = 'prepare'): string[] =>
  ops.flatMap((op) => {
    const entry = op.op === 'insert' && op.collection === 'events' ? (op.doc as EventLogDoc) : undefined;
    return entry?.type === 'reminder.fired' && entry.payload?.reminder === reminder ? [entry.recordId] : [];
  });

async function visitsStarting(at: Date, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await t.engine.create('visit', { data: { place: `Hội An ${i}`, startsAt: at.toISOString() } }, OWNER)).id);
  return ids;
}

describe('timers due together', () => {
  it('are consumed in one commit with their jobs, each once', async () => {
    t = await openScheduled();
    const ids = await visitsStarting(new Date(Date.now() + 800), 6);
    const commits = watchCommits();
    await eventually(() => Promise.resolve(commits.flatMap((ops) => firedIn(ops)).length === 6));
    const firing = commits.filter((ops) => firedIn(ops).length > 0);
    expect(firing).toHaveLength(1);
    expect(firedIn(firing[0]).sort()).toEqual([...ids].sort());
    // The same commit ended the six `prepare` timers and their jobs.
    const deleted = firing[0].filter((op) => op.op === 'delete').map((op) => `${op.collection}:${(op as { id: string }).id.includes('prepare')}`);
    expect(deleted.filter((d) => d === 'timers:true')).toHaveLength(6);
    expect(deleted.filter((d) => d === 'agenda-jobs:true')).toHaveLength(6);
    const jobs = (await t.scheduler?.timerJobs()) ?? [];
    expect(jobs.filter((j) => j.key.endsWith('prepare'))).toEqual([]);
  });

  it('fire one by one when one of them was settled meanwhile: the others fire, it stays settled', async () => {
    t = await openScheduled();
    const [first, second] = await visitsStarting(new Date(Date.now() + 60_000), 2);
    const timers = await t.store.find<TimerDoc>('timers', { kind: 'reminder' });
    const prepare = (id: string) => timers.find((d) => d.recordId === id && d._id.endsWith('prepare')) as TimerDoc;
    const [a, b] = [prepare(first), prepare(second)];
    // The first delivery of `a` settles it; a batch naming it again cannot commit as a whole.
    expect(await t.engine.fireTimer(a._id, a.instance)).toEqual({ outcome: 'fired' });
    const outcomes = await t.engine.fireTimers([
      { key: b._id, instance: b.instance },
      { key: a._id, instance: a.instance },
      { key: 'visit-none:prepare', instance: 1 },
    ]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: { outcome: 'fired' } },
      { status: 'fulfilled', value: { outcome: 'stale' } },
      { status: 'fulfilled', value: { outcome: 'stale' } },
    ]);
    const fired = await t.store.find<EventLogDoc>('events', { type: 'reminder.fired' });
    expect(fired.map((e) => e.recordId).sort()).toEqual([first, second].sort());
  });

  it('retries a firing whose commit failed, after a backoff, and logs the failure', async () => {
    t = await openScheduled();
    let refusals = 0;
    // The `checkIn` reminder sends ARRIVE: its first commit fails as a full disk would.
    watchCommits((ops) => (firedIn(ops, 'checkIn').length > 0 && refusals++ === 0 ? new Error('disk full') : undefined));
    const [id] = await visitsStarting(new Date(Date.now() + 300), 1);
    const timer = (await t.store.find<TimerDoc>('timers', { recordId: id })).find((d) => d._id.endsWith('checkIn')) as TimerDoc;
    const job = timerJobId(timer._id, timer.instance);
    const failed = await eventually(async () => {
      const doc = await t.store.get<StoredJob>('agenda-jobs', job);
      return doc?.failCount === 1 && doc;
    });
    expect(failed.failReason).toBe('disk full');
    expect(t.logged.some((m) => m.includes('failed (attempt 1)') && m.includes(timer._id))).toBe(true);
    expect((await t.engine.get('visit', id)).state).toBe('planned');
    // Sent on the retry, about a second later (Agenda's exponential backoff, first step), once.
    await eventually(async () => (await t.engine.get('visit', id)).state === 'arrived', 4000);
    expect(refusals).toBe(2);
    expect(await t.store.get('agenda-jobs', job)).toBeUndefined();
    const timeline = await t.engine.timeline('visit', id);
    expect(timeline.filter((e) => e.type === 'ARRIVE')).toHaveLength(1);
  });
});

describe('the timer runner', () => {
  it('takes the stored truth of a job the due index wrongly holds due, rather than proposing it again and again', async () => {
    t = await openScheduled();
    // Another repository over the same store shares the scheduler's due index.
    const jobs = new StoreJobRepository(t.store, { indexedFields: ['data.key'] });
    const later = Date.now() + 3_600_000;
    const doc: StoredJob = { _id: 'legacy-job-1', version: 1, ...jobFields({ name: TIMER_JOB, priority: 0, type: 'normal', nextRunAt: new Date(later), data: { key: 'visit-x:prepare', instance: 1 } }, 'test') };
    await t.store.commit([{ op: 'insert', collection: AGENDA_JOBS, doc }]);
    jobs.observe(doc._id, { ...doc, nextRunAt: Date.now() - 1000 });
    await eventually(() => Promise.resolve(jobs.nextDue(TIMER_JOB) === later));
    expect(await t.store.get(AGENDA_JOBS, doc._id)).toEqual(doc);
  });
});

describe('timer job ids', () => {
  it('name their timer instance, and nothing else does', () => {
    expect(timerOfJobId(timerJobId('visit-1:prepare', 3))).toEqual({ key: 'visit-1:prepare', instance: 3 });
    expect(timerOfJobId(timerJobId('a#b:c', 12))).toEqual({ key: 'a#b:c', instance: 12 });
    for (const other of ['timer:x', 'timer:x#', 'timer:x#1.5', 'job:x#1', '6543abcdef', 'timer:x#01']) expect(timerOfJobId(other)).toBeUndefined();
  });
});
