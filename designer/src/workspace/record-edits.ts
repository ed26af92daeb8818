/** Saving what a person changed on a record's form, on the version an automation may have moved on since. */
import { ApiError } from '../api/client.js';
import { workspaceApi, type WorkRecord } from './workspace-api.js';

/** The fields of `next` that differ from `data`. */
export function changedFields(data: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(data[key])));
}

/**
 * Save the fields the user changed. When an automation changed the record meanwhile, the
 * changed fields are written on the new version (other fields keep what it wrote).
 */
export async function saveChanges(entity: string, record: WorkRecord, next: Record<string, unknown>) {
  const changed = changedFields(record.data, next);
  try {
    return await workspaceApi.update(entity, record.id, changed, record.version);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    const fresh = await workspaceApi.get(entity, record.id);
    return workspaceApi.update(entity, record.id, changed, fresh.version);
  }
}

