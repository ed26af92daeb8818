/**
 * What a backup says about itself (`manifest.json`, the first entry of its archive): when
 * it was taken, by which tourflow, what it holds, and the checksum of its store file.
 */
import { OperationalError } from '../errors.js';

export const BACKUP_FORMAT = 'tourflow-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** When the snapshot was taken (ISO). */
  createdAt: string;
  tourflowVersion: string;
  /** Documents per collection of the store. */
  collections: Record<string, number>;
  /** Records per entity. */
  records: Record<string, number>;
  /** The newest definition version of each entity. */
  definitions: Record<string, number>;
  /** The store file inside the archive. */
  data: { path: string; bytes: number; sha256: string };
}

function refused(file: string, why: string): OperationalError {
  return new OperationalError('backup-refused', `${file} cannot be restored: ${why}`);
}

const isCounts = (value: unknown): value is Record<string, number> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((n) => Number.isSafeInteger(n) && (n as number) >= 0);

/** `text` as a manifest of this format, or the reason it is not one. */
export function parseManifest(file: string, text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refused(file, 'its manifest is not JSON (the file is damaged, or not a tourflow backup)');
  }
  const m = value as Partial<BackupManifest> | null;
  if (m?.format !== BACKUP_FORMAT) throw refused(file, 'it is not a tourflow backup');
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) throw refused(file, `it is in backup format ${String(m.formatVersion)}; this tourflow reads format ${BACKUP_FORMAT_VERSION}`);
  const dataOk = typeof m.data?.path === 'string' && Number.isSafeInteger(m.data.bytes) && typeof m.data.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.data.sha256);
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt)) || typeof m.tourflowVersion !== 'string' || !isCounts(m.collections) || !isCounts(m.records) || !isCounts(m.definitions) || !dataOk) {
    throw refused(file, 'its manifest is incomplete (the file is damaged)');
  }
  return m as BackupManifest;
}

/** Whether version `a` (x.y.z) is newer than `b`. */
export function newerVersion(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}
