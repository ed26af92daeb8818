/**
 * The behaviour every Agenda backend tourflow runs on must show: ours over the embedded
 * store and @agendajs/mongo-backend. One suite, run once per backend (STYLE.md §11).
 */
import { Agenda, type AgendaBackend, type JobParameters, type JobRepository } from 'agenda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface BackendFixture {
  backend: AgendaBackend;
  /** Another backend over the same jobs, as a second process would have. */
  sibling(): AgendaBackend;
  cleanup(): Promise<void>;
}

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function job(name: string, extra: Partial<JobParameters> = {}): JobParameters {
  return { name, priority: 0, nextRunAt: new Date(Date.now() - 1000), type: 'normal', data: {}, ...extra };
}

/** Poll until `check` holds (short real delays only). */
async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

export function jobRepositoryContract(name: string, open: () => Promise<BackendFixture>): void {
  describe(`${name}: JobRepository`, () => {
    let fixture: BackendFixture;
    let repo: JobRepository;
    const agendas: Agenda[] = [];

    beforeEach(async () => {
      fixture = await open();
      repo = fixture.backend.repository;
      await fixture.backend.connect();
      await repo.purgeAllJobs();
    });
    afterEach(async () => {
      for (const agenda of agendas.splice(0)) await agenda.stop(false);
      await fixture.cleanup();
    });

    const save = (j: JobParameters) => repo.saveJob(j, undefined);
    const next = (jobName: string, lockDeadline = new Date(Date.now() - 10 * MINUTE)) =>
      repo.getNextJobToRun(jobName, new Date(Date.now() + 5000), lockDeadline, new Date(), undefined);

    describe('saving', () => {
      it('assigns an id to a new job and updates it in place later', async () => {
        const saved = await save(job('mail', { priority: 5, data: { n: 1 } }));
        expect(saved._id).toBeDefined();
        const updated = await save({ ...saved, priority: 9, data: { n: 2 } });
        expect(updated).toMatchObject({ _id: saved._id, priority: 9, data: { n: 2 } });
        expect((await repo.queryJobs({ name: 'mail' })).total).toBe(1);
      });

      it('keeps one job per name for single jobs, and a past due time of the stored one', async () => {
        const first = await save(job('digest', { type: 'single', nextRunAt: new Date(Date.now() - MINUTE), data: { v: 1 } }));
        const second = await save(job('digest', { type: 'single', nextRunAt: new Date(Date.now() - 1000), data: { v: 2 } }));
        expect(second._id).toBe(first._id);
        expect(second.data).toEqual({ v: 2 });
        expect(second.nextRunAt?.getTime()).toBe(first.nextRunAt?.getTime());
        const later = new Date(Date.now() + MINUTE);
        expect((await save(job('digest', { type: 'single', nextRunAt: later }))).nextRunAt?.getTime()).toBe(later.getTime());
        expect((await repo.queryJobs({ name: 'digest' })).total).toBe(1);
      });

      it('upserts on a unique query; insertOnly keeps the first', async () => {
        const unique = { 'data.key': 'k1' };
        const a = await save({ ...job('timer', { data: { key: 'k1', n: 1 } }), unique, uniqueOpts: { insertOnly: true } });
        const b = await save({ ...job('timer', { data: { key: 'k1', n: 2 } }), unique, uniqueOpts: { insertOnly: true } });
        expect(b._id).toBe(a._id);
        expect(b.data).toEqual({ key: 'k1', n: 1 });
        const c = await save({ ...job('timer', { data: { key: 'k1', n: 3 } }), unique });
        expect(c).toMatchObject({ _id: a._id, data: { key: 'k1', n: 3 } });
        await expect(save({ ...job('timer'), unique: { $where: 'true' } })).rejects.toThrow(/not allowed/);
      });

      it('debounces: a trailing save pushes the run back, maxWait forces it', async () => {
        const unique = { 'data.k': 1 };
        const first = await save({ ...job('index', { data: { k: 1 } }), unique, uniqueOpts: { debounce: { delay: 5000 } } });
        const pushed = await save({ ...job('index', { data: { k: 1 } }), unique, uniqueOpts: { debounce: { delay: 5000, maxWait: 0 } } });
        expect(pushed._id).toBe(first._id);
        expect(first.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 4000);
        expect(pushed.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
      });

      it('keeps the disabled flag and returns null for a removed job', async () => {
        const saved = await save(job('off', { disabled: true }));
        expect((await repo.getJobById(String(saved._id)))?.disabled).toBe(true);
        await repo.removeJobs({ id: saved._id });
        expect(await repo.getJobById(String(saved._id))).toBeNull();
      });

      it('saves the processor state, and refuses it for a job that is gone', async () => {
        const saved = await save(job('state'));
        const at = new Date();
        await repo.saveJobState({ ...saved, lastRunAt: at, lastFinishedAt: at, progress: 50, failCount: 1, failReason: 'x', failedAt: at }, undefined);
        expect(await repo.getJobById(String(saved._id))).toMatchObject({ progress: 50, failCount: 1, failReason: 'x' });
        await repo.removeJobs({ id: saved._id });
        await expect(repo.saveJobState(saved, undefined)).rejects.toThrow(/cannot be updated/);
      });
    });

    describe('queries', () => {
      beforeEach(async () => {
        await save(job('job-a', { priority: 10, nextRunAt: new Date(Date.now() + MINUTE), data: { kind: 'alpha', nested: { x: 1 } } }));
        await save(job('job-b', { priority: 5, nextRunAt: new Date(Date.now() - MINUTE), data: { kind: 'beta' } }));
        await save(job('job-a', { priority: 15, nextRunAt: new Date(Date.now() + 2 * MINUTE), data: { kind: 'alpha' } }));
        await save(job('paused', { disabled: true }));
      });

      it('filters by name, names, search, data and disabled, and pages', async () => {
        expect((await repo.queryJobs()).total).toBe(4);
        expect((await repo.queryJobs({ name: 'job-a' })).total).toBe(2);
        expect((await repo.queryJobs({ names: ['job-a', 'job-b'] })).total).toBe(3);
        expect((await repo.queryJobs({ search: 'JOB-' })).total).toBe(3);
        expect((await repo.queryJobs({ search: '.*' })).total).toBe(0); // literal, not a pattern
        expect((await repo.queryJobs({ data: { nested: { x: 1 } } })).total).toBe(1);
        expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(3);
        const page = await repo.queryJobs({ skip: 1, limit: 2, sort: { priority: 'desc' } });
        expect(page.total).toBe(4);
        expect(page.jobs.map((j) => j.priority)).toEqual([10, 5]);
      });

      it('computes states and counts them per name', async () => {
        expect((await repo.queryJobs({ state: 'scheduled' })).jobs.map((j) => j.name)).toEqual(['job-a', 'job-a']);
        expect((await repo.queryJobs({ state: 'queued' })).total).toBe(2);
        expect((await repo.queryJobs({ state: 'paused' })).jobs.map((j) => j.name)).toEqual(['paused']);
        const overview = await repo.getJobsOverview();
        expect(overview.find((o) => o.name === 'job-a')).toMatchObject({ total: 2, scheduled: 2 });
        expect(overview.find((o) => o.name === 'paused')).toMatchObject({ total: 1, paused: 1 });
        expect((await repo.getDistinctJobNames()).sort()).toEqual(['job-a', 'job-b', 'paused']);
        expect(await repo.getQueueSize()).toBe(2);
      });

      it('removes by name, ids, other names and data, and nothing for an empty selection', async () => {
        expect(await repo.removeJobs({})).toBe(0);
        expect(await repo.removeJobs({ data: { kind: 'beta' } })).toBe(1);
        const ids = (await repo.queryJobs({ name: 'job-a' })).jobs.map((j) => j._id);
        expect(await repo.removeJobs({ ids })).toBe(2);
        expect(await repo.removeJobs({ notNames: ['keep'] })).toBe(1);
        expect(await repo.purgeAllJobs()).toBe(0);
      });
    });

    describe('locking', () => {
      it('locks a job once, and unlocks it', async () => {
        const saved = await save(job('lock'));
        const locked = await repo.lockJob(saved, undefined);
        expect(locked?.lockedAt).toBeInstanceOf(Date);
        expect(await repo.lockJob(saved, undefined)).toBeUndefined();
        await repo.unlockJob(locked!);
        expect((await repo.getJobById(String(saved._id)))?.lockedAt ?? null).toBeNull();
        await repo.lockJob(saved, undefined);
        await repo.unlockJobs([saved._id!]);
        expect((await repo.getJobById(String(saved._id)))?.lockedAt ?? null).toBeNull();
      });

      it('hands out the earliest due job first, higher priority first at the same time', async () => {
        const at = new Date(Date.now() - MINUTE);
        await save(job('q', { nextRunAt: new Date(Date.now() - 1000), data: { n: 'late' } }));
        await save(job('q', { nextRunAt: at, priority: 1, data: { n: 'low' } }));
        await save(job('q', { nextRunAt: at, priority: 20, data: { n: 'high' } }));
        await save(job('q', { nextRunAt: new Date(Date.now() + MINUTE), data: { n: 'future' } }));
        await save(job('q', { disabled: true, data: { n: 'off' } }));
        const order: unknown[] = [];
        for (let j = await next('q'); j; j = await next('q')) order.push((j.data as { n: string }).n);
        expect(order).toEqual(['high', 'low', 'late']);
      });

      it('takes over a lock older than the deadline, never a live one', async () => {
        const saved = await save(job('stuck'));
        expect(await next('stuck')).toBeDefined();
        expect(await next('stuck')).toBeUndefined();
        const retaken = await next('stuck', new Date(Date.now() + 1000));
        expect(retaken?._id).toBe(saved._id);
      });

      it('never hands the same job to two lockers racing for it', async () => {
        for (let i = 0; i < 20; i++) await save(job('race', { data: { i } }));
        const sibling = fixture.sibling();
        await sibling.connect();
        const other = sibling.repository;
        const got: string[] = [];
        const drain = async (r: JobRepository) => {
          for (;;) {
            const j = await r.getNextJobToRun('race', new Date(Date.now() + 5000), new Date(Date.now() - MINUTE), new Date(), undefined);
            if (!j) return;
            got.push(String(j._id));
          }
        };
        await Promise.all([drain(repo), drain(other), drain(repo), drain(other)]);
        expect(got).toHaveLength(20);
        expect(new Set(got).size).toBe(20);
      });

      it('does not hand out disabled jobs until they are enabled again', async () => {
        await save(job('toggle', { data: { n: 1 } }));
        await save(job('toggle', { data: { n: 2 } }));
        expect(await repo.disableJobs({ name: 'toggle' })).toBe(2);
        expect(await repo.disableJobs({ name: 'toggle' })).toBe(0);
        expect(await next('toggle')).toBeUndefined();
        expect(await repo.enableJobs({ data: { n: 2 } })).toBe(1);
        expect((await next('toggle'))?.data).toEqual({ n: 2 });
        expect(await next('toggle')).toBeUndefined();
      });
    });

    describe('through Agenda', () => {
      const agendaOn = (backend: AgendaBackend, runs: string[]) => {
        const agenda = new Agenda({ backend, processEvery: 30, defaultLockLifetime: 5000 });
        agenda.define('ping', async (j) => {
          runs.push(String((j.attrs.data as { n: number }).n));
          await sleep(5);
        });
        agendas.push(agenda);
        return agenda;
      };

      it('runs each due job once although two instances poll the same jobs', async () => {
        const runs: string[] = [];
        const a = agendaOn(fixture.backend, runs);
        const b = agendaOn(fixture.sibling(), runs);
        await Promise.all([a.start(), b.start()]);
        for (let n = 0; n < 10; n++) await a.schedule(new Date(Date.now() + 40), 'ping', { n });
        await until(() => runs.length >= 10);
        await sleep(150);
        expect(runs.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      });

      it('does not run a disabled job, runs it once enabled, and purges undefined names', async () => {
        const runs: string[] = [];
        const a = agendaOn(fixture.backend, runs);
        await a.start();
        await a.create('ping', { n: 7 }).disable().schedule(new Date()).save();
        await a.create('nobody-defines-this', {}).schedule(new Date(Date.now() + MINUTE)).save();
        await sleep(120);
        expect(runs).toEqual([]);
        expect(await a.enable({ name: 'ping' })).toBe(1);
        await until(() => runs.length === 1);
        expect(await a.purge()).toBe(1);
        expect(await repo.getDistinctJobNames()).toEqual(['ping']);
      });
    });
  });
}
