/** The engine's saved-segment routes (`/api/segments/:entity[/:name]`), typed. Segments belong to the acting user. */
import { request } from '../api/client.js';
import type { ResponseBody, Schemas } from '../api/types.js';

/** A saved segment as the API returns it; read `controls` with ./saved-controls.ts (older versions saved other shapes). */
export type Segment = Schemas['Segment'];

const path = (entity: string, name?: string) =>
  `/api/segments/${encodeURIComponent(entity)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

export const segmentsApi = {
  list: (entity: string, signal?: AbortSignal) =>
    request<ResponseBody<'listSegments'>>('GET', path(entity), undefined, signal),
  /** Save list controls (today's ListControls, or an older version's kept in a browser). */
  save: (entity: string, name: string, controls: object) =>
    request<Segment>('PUT', path(entity, name), { controls }),
  remove: (entity: string, name: string) => request<void>('DELETE', path(entity, name)),
};
