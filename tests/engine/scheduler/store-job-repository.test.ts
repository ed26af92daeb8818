import { StoreAgendaBackend } from '../../../engine/scheduler/agenda-backends.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { jobRepositoryContract } from './job-repository-contract.js';

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
