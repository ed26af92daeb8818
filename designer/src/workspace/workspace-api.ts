/** The engine's record routes the staff workspace uses, typed. */
import { request } from '../api/client.js';
import type { ResponseBody, Schemas } from '../api/types.js';
import type { AllowedEvent, Definition } from '../api/designer-api.js';

export type { AllowedEvent, Definition };

/** A record as the API returns it. */
export type WorkRecord = Schemas['AnyRecord'];

/** A page of records; `sum` only with `sum` in the query: that field's total over every record selected. */
export type RecordPage = Schemas['RecordPage'];

export type TimelineEntry = Schemas['TimelineEntry'];

export type InboxItem = ResponseBody<'listInbox'>['items'][number];

export interface ListQuery {
  filter?: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
  limit: number;
  skip: number;
  /** Extras for each record (`reminders`). */
  include?: 'reminders'[];
  /** A number field to total over every record selected. */
  sum?: string;
}

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;
const one = (entity: string, id: string) => `${base(entity)}/${encodeURIComponent(id)}`;

export const workspaceApi = {
  /** Records for a reference picker: found by name (`q`) or named by id (`ids`), as title + stage. */
  choices: (entity: string, query: { q?: string; ids?: string[]; limit?: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.ids) params.set('ids', query.ids.join(','));
    if (query.limit) params.set('limit', String(query.limit));
    return request<Schemas['RecordChoices']>('GET', `${base(entity)}/choices?${params.toString()}`, undefined, signal);
  },
  definition: (entity: string, signal?: AbortSignal) =>
    request<Definition>('GET', `/api/definitions/${encodeURIComponent(entity)}`, undefined, signal),
  list: (entity: string, query: ListQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams({ limit: String(query.limit), skip: String(query.skip) });
    if (query.filter && Object.keys(query.filter).length > 0)
      params.set('filter', JSON.stringify(query.filter));
    if (query.sort) params.set('sort', JSON.stringify(query.sort));
    if (query.include && query.include.length > 0) params.set('include', query.include.join(','));
    if (query.sum) params.set('sum', query.sum);
    return request<RecordPage>('GET', `${base(entity)}?${params.toString()}`, undefined, signal);
  },
  get: (entity: string, id: string, signal?: AbortSignal) =>
    request<WorkRecord>('GET', one(entity, id), undefined, signal),
  /** A record with where its automations stand (`include=automations`). */
  getFollowed: (entity: string, id: string, signal?: AbortSignal) =>
    request<WorkRecord & Required<Pick<WorkRecord, 'automations'>>>('GET', `${one(entity, id)}?include=automations`, undefined, signal),
  create: (entity: string, data: Record<string, unknown>) =>
    request<WorkRecord>('POST', base(entity), { data }),
  /** All or nothing; a dry run only checks (422 `import-rejected` lists the failing rows). */
  importRecords: (entity: string, rows: { data: Record<string, unknown>; owner?: string }[], dryRun: boolean) =>
    request<Schemas['ImportChecked'] | Schemas['ImportDone']>('POST', `${base(entity)}/import`, {
      rows,
      dryRun,
    }),
  update: (entity: string, id: string, data: Record<string, unknown>, version: number) =>
    request<WorkRecord>('PATCH', one(entity, id), { data, version }),
  send: (entity: string, id: string, type: string, version: number, data?: Record<string, unknown>, payload?: Record<string, unknown>) =>
    request<WorkRecord>('POST', `${one(entity, id)}/events`, { type, version, ...(data ? { data } : {}), ...(payload ? { payload } : {}) }),
  setActivity: (entity: string, id: string, activity: string, done: boolean, version: number) =>
    request<WorkRecord>('POST', `${one(entity, id)}/activities/${encodeURIComponent(activity)}`, {
      done,
      version,
    }),
  timeline: (entity: string, id: string, signal?: AbortSignal) =>
    request<Schemas['Timeline']>('GET', `${one(entity, id)}/timeline`, undefined, signal),
  inbox: (signal?: AbortSignal) =>
    request<ResponseBody<'listInbox'>>(
      'GET',
      '/api/inbox?limit=100',
      undefined,
      signal,
    ),
  markRead: (id: string) => request<ResponseBody<'markInboxRead'>>('POST', `/api/inbox/${encodeURIComponent(id)}/read`),
};
