/**
 * Hand many records over at once (a list's selection): one request per record, in turn,
 * each naming the version it read (a record changed meanwhile is handed over on its new
 * version), with progress; what each record had before is kept, so the whole hand-over can
 * be undone, and a record the server refuses says why without stopping the others.
 */
import { ApiError } from '../api/client.js';
import { messageOf } from '../api/loadable.js';
import { assignRecord } from './users-api.js';
import { workspaceApi, type WorkRecord } from './workspace-api.js';

export interface HandOverTarget {
  owner?: string;
  handler?: string | null;
}

export interface HandedOver {
  id: string;
  /** Who had it before: what undo gives back. */
  before: HandOverTarget;
}

export interface BulkResult {
  done: HandedOver[];
  failed: { id: string; name: string; message: string }[];
}

async function handOne(entity: string, record: WorkRecord, to: HandOverTarget): Promise<void> {
  try {
    await assignRecord(entity, record.id, to, record.version);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    const fresh = await workspaceApi.get(entity, record.id);
    await assignRecord(entity, record.id, to, fresh.version);
  }
}

export async function handOverAll(
  entity: string,
  records: { record: WorkRecord; name: string }[],
  to: HandOverTarget,
  onProgress: (done: number) => void,
): Promise<BulkResult> {
  const result: BulkResult = { done: [], failed: [] };
  for (const [index, { record, name }] of records.entries()) {
    try {
      await handOne(entity, record, to);
      result.done.push({ id: record.id, before: { ...(record.owner ? { owner: record.owner } : {}), handler: record.handler ?? null } });
    } catch (error) {
      result.failed.push({ id: record.id, name, message: messageOf(error) });
    }
    onProgress(index + 1);
  }
  return result;
}

/** Give each record back to who had it before. */
export async function undoHandOver(entity: string, done: HandedOver[], onProgress: (n: number) => void): Promise<number> {
  let undone = 0;
  for (const item of done) {
    const fresh = await workspaceApi.get(entity, item.id);
    const back: HandOverTarget = { ...(item.before.owner && item.before.owner !== fresh.owner ? { owner: item.before.owner } : {}), ...(item.before.handler !== (fresh.handler ?? null) ? { handler: item.before.handler ?? null } : {}) };
    if (Object.keys(back).length > 0) await assignRecord(entity, item.id, back, fresh.version);
    onProgress(++undone);
  }
  return undone;
}
