/** The user directory as the workspace needs it: who may own or handle a record. */
import { request } from '../api/client.js';
import type { ResponseBody, Schemas } from '../api/types.js';

/** Who is who, as everyone signed in may read it. */
export type DirectoryUser = Schemas['User'];

let cached: Promise<DirectoryUser[]> | undefined;

/** Everyone who can be given a record (enabled users), loaded once per page load. */
export function directoryUsers(): Promise<DirectoryUser[]> {
  cached ??= request<ResponseBody<'listUsers'>>('GET', '/api/users').then(
    (page) => page.items.filter((u) => !u.disabled),
    (error: unknown) => {
      cached = undefined; // try again next time
      throw error;
    },
  );
  return cached;
}

/** Hand a record to another owner and/or handler (`handler: null` clears it). */
export function assignRecord<T>(entity: string, id: string, to: { owner?: string; handler?: string | null }, version: number): Promise<T> {
  return request<T>('POST', `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/assign`, { ...to, version });
}
