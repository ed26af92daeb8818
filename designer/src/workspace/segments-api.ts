/** The engine's saved-segment routes (`/api/segments/:entity[/:name]`), typed. Segments belong to the acting user. */
import { request } from '../api/client.js';
import type { ListControls } from './list-filter.js';

/** A saved segment as the API returns it. */
export interface Segment {
  name: string;
  entity: string;
  controls: ListControls;
  createdAt: string;
  updatedAt: string;
}

const path = (entity: string, name?: string) =>
  `/api/segments/${encodeURIComponent(entity)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

export const segmentsApi = {
  list: (entity: string, signal?: AbortSignal) =>
    request<{ items: Segment[] }>('GET', path(entity), undefined, signal),
  save: (entity: string, name: string, controls: ListControls) =>
    request<Segment>('PUT', path(entity, name), { controls }),
  remove: (entity: string, name: string) => request<undefined>('DELETE', path(entity, name)),
};
