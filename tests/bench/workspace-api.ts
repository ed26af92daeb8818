/**
 * The list API under load (autocannon, as the other HTTP figures) for the requests the
 * workspace sends, and their floor: the same store queries (a page and its count) on the
 * same data with nothing around them.
 */
import autocannon from 'autocannon';
import { ownersScope, withScope } from '../../engine/api/authorize.js';
import { RECORD_INDEXES } from '../../engine/runtime/services/record-service.js';
import { openEmbeddedStore } from '../../engine/store/embedded-store.js';
import type { Filter, Sort } from '../../engine/store/store.js';
import { percentile } from './report.js';
import { RECORDS } from '../../engine/collections.js';

/** One list request as the workspace sends it. */
export interface ListRequest {
  name: string;
  /** A sales person reading (scoped to what they see), else an admin. */
  reader?: string;
  filter?: Filter;
  sort: Sort;
  limit: number;
  include?: string;
}

/**
 * The list page's first page (newest first), the list filtered by stage and a field and
 * sorted by another field (what its toolbar and a column header send), a board column.
 */
export function listRequests(stage: string, column: string, salesPerson: string): ListRequest[] {
  const asAdmin: ListRequest[] = [
    { name: 'plain', sort: { updatedAt: -1 }, limit: 25 },
    {
      name: 'filtered',
      filter: { $and: [{ stage }, { 'data.customerKind': 'business' }] },
      sort: { 'data.budget': -1 },
      limit: 25,
    },
    { name: 'column', filter: { stage: column }, sort: { updatedAt: -1 }, limit: 30, include: 'reminders' },
  ];
  // The same pages read by a sales person: the server adds their scope.
  return [...asAdmin, ...asAdmin.map((request) => ({ ...request, name: `${request.name}_sales`, reader: salesPerson }))];
}

/** The filter the server runs for `request`: the entity, the request's filter, the reader's scope. */
function serverFilter(entity: string, request: ListRequest): Filter {
  const filter = { ...(request.filter ?? {}), entity };
  return request.reader === undefined ? filter : (withScope(filter, ownersScope([request.reader])) as Filter);
}

export function listPath(entity: string, request: ListRequest): string {
  const params = new URLSearchParams({
    limit: String(request.limit),
    skip: '0',
    sort: JSON.stringify(request.sort),
  });
  if (request.filter) params.set('filter', JSON.stringify(request.filter));
  if (request.include) params.set('include', request.include);
  return `/api/records/${entity}?${params.toString()}`;
}

export interface LoadResult {
  p50: number;
  p99: number;
  throughput: number;
  non2xx: number;
}

/** `connections` clients sending `path` for `seconds`. */
export async function loadTest(
  baseUrl: string,
  path: string,
  token: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: `${baseUrl}${path}`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    throughput: result.requests.average,
    non2xx: result.non2xx,
  };
}

export interface FloorResult {
  /** One request's store work: find the page and count the matches, in ms. */
  p50: number;
  p99: number;
  total: number;
}

/**
 * The store queries behind each request, alone: the page (`find`) and its total (`count`)
 * on the same data, with the indexes the engine declares. Run before the server opens the
 * data directory (one process at a time).
 */
export async function storeFloor(
  dataDir: string,
  entity: string,
  requests: ListRequest[],
  runs: number,
): Promise<Map<string, FloorResult>> {
  const store = await openEmbeddedStore({ dir: dataDir });
  const floors = new Map<string, FloorResult>();
  try {
    await store.ensureIndex(RECORDS, RECORD_INDEXES);
    for (const request of requests) {
      const filter = serverFilter(entity, request);
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        await store.find(RECORDS, filter, { sort: request.sort, limit: request.limit });
        total = await store.count(RECORDS, filter);
        times.push(performance.now() - start);
      }
      floors.set(request.name, { p50: percentile(times, 50), p99: percentile(times, 99), total });
    }
  } finally {
    await store.close();
  }
  return floors;
}
