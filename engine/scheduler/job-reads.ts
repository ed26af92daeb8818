/**
 * Agenda's read-only questions about the jobs kept in the Store (its dashboards' and
 * `queryJobs`' answers), for StoreJobRepository. A lock or a run held in memory shows as
 * MongoDB's backend would show it stored (`SharedJobState.effective`).
 */
import { computeJobState, type JobsOverview, type JobsQueryOptions, type JobsResult, type JobWithState } from 'agenda';
import type { Store } from '../store/store.js';
import { toJobParameters, type StoredJob } from './job-doc.js';
import { queryFilter, querySort } from './job-query.js';
import type { SharedJobState } from './job-state.js';

/** Where the jobs are, and what this process holds of them in memory. */
export interface JobReads {
  store: Store;
  collection: string;
  shared: SharedJobState;
}

export async function queryJobs({ store, collection, shared }: JobReads, options: JobsQueryOptions): Promise<JobsResult> {
  const { state, skip = 0, limit = 0 } = options;
  const filter = queryFilter(options);
  const sort = querySort(options.sort);
  const now = new Date();
  const withState = (doc: StoredJob): JobWithState => {
    const params = toJobParameters(shared.effective(doc));
    return { ...params, _id: params._id as JobWithState['_id'], state: computeJobState(params, now) };
  };
  if (!state) {
    const [docs, total] = await Promise.all([store.find<StoredJob>(collection, filter, { sort, skip, limit }), store.count(collection, filter)]);
    return { jobs: docs.map(withState), total };
  }
  const all = (await store.find<StoredJob>(collection, filter, { sort }))
    .map(withState)
    .filter((job) => (state === 'paused' ? job.disabled === true : job.state === state));
  return { jobs: limit > 0 ? all.slice(skip, skip + limit) : all.slice(skip), total: all.length };
}

export async function jobsOverview({ store, collection, shared }: JobReads): Promise<JobsOverview[]> {
  const now = new Date();
  const byName = new Map<string, JobsOverview>();
  for (const doc of await store.find<StoredJob>(collection, {})) {
    let overview = byName.get(doc.name);
    if (overview === undefined) {
      overview = { name: doc.name, total: 0, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 0, paused: 0 };
      byName.set(doc.name, overview);
    }
    overview.total++;
    overview[computeJobState(toJobParameters(shared.effective(doc)), now)]++;
    if (doc.disabled === true) overview.paused++;
  }
  return [...byName.values()];
}

export async function distinctJobNames({ store, collection }: JobReads): Promise<string[]> {
  const rows = await store.aggregate<{ _id: string }>(collection, [{ $group: { _id: '$name' } }]);
  return rows.map((r) => r._id);
}

export async function queueSize({ store, collection }: JobReads): Promise<number> {
  const now = Date.now();
  const docs = await store.find<StoredJob>(collection, {});
  return docs.filter((d) => d.nextRunAt !== null && d.nextRunAt < now).length;
}
