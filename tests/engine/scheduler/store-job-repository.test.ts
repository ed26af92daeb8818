import type { JobParameters } from 'agenda';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreAgendaBackend } from '../../../engine/scheduler/agenda-backends.js';
import { jobFields } from '../../../engine/scheduler/job-doc.js';
import { StoreJobRepository } from '../../../engine/scheduler/store-job-repository.js';
import type { Store } from '../../../engine/store/store.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { jobRepositoryContract } from './job-repository-contract.js';
import { AGENDA_JOBS } from '../../../engine/collections.js';

// The embedded store is used by one process: locks live in memory (the default)…
// …and the version-checked locks a shared store needs must behave the same.
for (const singleProcess of [true, false]) {
  jobRepositoryContract(`embedded store backend, ${singleProcess ? 'locks in memory' : 'locks in the store'}`, async () => {
    const dir = makeTempDir('agenda');
    const store = await openEmbeddedStore({ dir });
    const backend = () => new StoreAgendaBackend(store, { indexedFields: ['data.key'], singleProcess });
    return {
      backend: backend(),
      sibling: backend,
      async cleanup() {
        await store.close();
        removeTempDir(dir);
      },
    };
  });
}

describe('embedded store backend, one process', () => {
  let dir: string;
  afterEach(() => removeTempDir(dir));

  async function withRepository<T>(work: (repo: StoreJobRepository, store: Store) => Promise<T>): Promise<T> {
    const store = await openEmbeddedStore({ dir });
    try {
      const repo = new StoreJobRepository(store);
      await repo.connect();
      return await work(repo, store);
    } finally {
      await store.close();
    }
  }
  const next = (repo: StoreJobRepository, name: string) => repo.getNextJobToRun(name, new Date(Date.now() + 5000), new Date(Date.now() - 60_000), new Date(), undefined);

  it('keeps a run’s start in memory and writes it with its end: one commit per run', async () => {
    dir = makeTempDir('agenda-runs');
    await withRepository(async (repo, store) => {
      const saved = await repo.saveJob({ name: 'once', data: {}, priority: 0, type: 'normal', nextRunAt: new Date(Date.now() - 1000) }, undefined);
      const locked = await next(repo, 'once');
      expect(locked?._id).toBe(saved._id);
      const started = new Date();
      await repo.saveJobState({ ...(locked as JobParameters), lastRunAt: started, nextRunAt: null, lockedAt: started }, undefined);
      // Readers see the run; the Store still holds the job as it was before it.
      const [running] = (await repo.queryJobs({ name: 'once' })).jobs;
      expect(running).toMatchObject({ lastRunAt: started, lockedAt: started, nextRunAt: null, state: 'running' });
      expect(await store.get(AGENDA_JOBS, String(saved._id))).toMatchObject({ version: 1, lockedAt: null, lastRunAt: null });
      const finished = new Date();
      await repo.saveJobState({ ...(locked as JobParameters), lastRunAt: started, lastFinishedAt: finished, nextRunAt: null, lockedAt: undefined }, undefined);
      expect(await store.get(AGENDA_JOBS, String(saved._id))).toMatchObject({ version: 2, lockedAt: null, lastRunAt: started.getTime(), lastFinishedAt: finished.getTime() });
    });
  });

  it('runs again, after a restart, a run that started and never finished', async () => {
    dir = makeTempDir('agenda-crash');
    const started = Date.now() - 2000;
    await withRepository(async (_repo, store) => {
      // As a process killed during a run leaves it when the start was stored: locked, no next run.
      const fields = jobFields({ name: 'once', data: {}, priority: 0, type: 'normal', nextRunAt: null, lockedAt: new Date(started), lastRunAt: new Date(started) }, 'dead-process');
      await store.commit([{ op: 'put', collection: AGENDA_JOBS, doc: { _id: 'job-1', version: 3, ...fields } }]);
    });
    await withRepository(async (repo) => {
      const again = await next(repo, 'once');
      expect(again?._id).toBe('job-1');
      expect(again?.nextRunAt?.getTime()).toBe(started);
    });
  });
});
