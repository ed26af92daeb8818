/**
 * Backups of the embedded store (docs/operations.md): one file per backup,
 * `tourflow-<time>.tar.gz`, holding `manifest.json` and `store/data.mdb` (a compacted copy
 * lmdb took of one consistent snapshot while the server wrote). Standard tools read it
 * (`tar -tzf`); `restoreBackup` is the way back, and checks everything first.
 *
 * A backup is written as `<name>.partial` and renamed once complete and synced: a backup
 * killed half-way leaves a `.partial` that restore refuses, and the backups before it are
 * never touched. Partial leftovers older than an hour are removed by the next backup.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as tar from 'tar';
import { OperationalError, ensureError } from '../errors.js';
import { tourflowVersion } from '../build/project-files.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, newerVersion, parseManifest, type BackupManifest } from './manifest.js';
import { copyStore, LMDB_DATA_FILE, readStoreCopy, storeDirOf } from './store-files.js';
import { DEFINITIONS, RECORDS } from '../collections.js';

const MANIFEST = 'manifest.json';
const DATA_PATH = `store/${LMDB_DATA_FILE}`;
const PARTIAL = '.partial';
const STALE_PARTIAL_MS = 60 * 60_000;
/** Backup file names: the time they were taken, in UTC, sortable. */
const NAME = /^tourflow-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:\.(\d{3}))?Z(?:-[0-9a-f]+)?\.tar\.gz$/;

export type BackupStep = 'copying' | 'checking' | 'compressing' | 'done';

export interface BackupOptions {
  /** The data directory whose store is backed up. */
  dataDir: string;
  /** Where backup files go (created). */
  backupsDir: string;
  /**
   * Take the consistent copy of the store into an empty directory. Default: lmdb's copy of
   * the store files, which is safe while a server (another process) writes to them.
   */
  copy?: (targetDir: string) => Promise<void>;
  now?: () => Date;
  onProgress?: (step: BackupStep) => void;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  /** Size of the backup file. */
  bytes: number;
}

function refused(file: string, why: string, cause?: unknown): OperationalError {
  return new OperationalError('backup-refused', `${basename(file)} cannot be restored: ${why}`, cause === undefined ? undefined : { cause });
}

/** The file name of a backup taken at `at`. */
export function backupName(at: Date): string {
  return `tourflow-${at.toISOString().replace(/:/g, '-')}.tar.gz`;
}

/** When the backup named `name` was taken; undefined for other files. */
export function backupTime(name: string): Date | undefined {
  const m = NAME.exec(name);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5] ?? '000'}Z`) : undefined;
}

/** The finished backups in `dir`, newest first. */
export function listBackups(dir: string): { file: string; takenAt: Date; bytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const takenAt = backupTime(name);
      return takenAt ? [{ file: join(dir, name), takenAt, bytes: statSync(join(dir, name)).size }] : [];
    })
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** What a store copy holds, as a manifest counts it. */
async function summarize(storeDir: string): Promise<Pick<BackupManifest, 'collections' | 'records' | 'definitions'>> {
  const records: Record<string, number> = {};
  const definitions: Record<string, number> = {};
  const { collections } = await readStoreCopy(storeDir, [RECORDS, DEFINITIONS], (collection, doc) => {
    const entity = typeof doc.entity === 'string' ? doc.entity : undefined;
    if (entity === undefined) return;
    if (collection === RECORDS) records[entity] = (records[entity] ?? 0) + 1;
    else if (typeof doc.version === 'number') definitions[entity] = Math.max(definitions[entity] ?? 0, doc.version);
  });
  return { collections, records, definitions };
}

function removeStalePartials(dir: string, now: number): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(PARTIAL) && !name.endsWith(PARTIAL)) continue;
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > STALE_PARTIAL_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** Take a backup of the store of `dataDir` into `backupsDir`. */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const { dataDir, backupsDir, onProgress = () => undefined } = options;
  const takenAt = (options.now ?? (() => new Date()))();
  mkdirSync(backupsDir, { recursive: true });
  removeStalePartials(backupsDir, Date.now());
  let name = backupName(takenAt);
  if (existsSync(join(backupsDir, name))) name = name.replace(/Z\.tar\.gz$/, `Z-${randomBytes(3).toString('hex')}.tar.gz`);
  const work = mkdtempSync(join(backupsDir, PARTIAL));
  const partial = join(backupsDir, `${name}${PARTIAL}`);
  try {
    onProgress('copying');
    const storeDir = join(work, 'store');
    await (options.copy ?? ((target: string) => copyStore(dataDir, target)))(storeDir);
    onProgress('checking');
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: takenAt.toISOString(),
      tourflowVersion: tourflowVersion(),
      ...(await summarize(storeDir)),
      data: { path: DATA_PATH, ...(await hashFile(join(storeDir, LMDB_DATA_FILE))) },
    };
    writeFileSync(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    onProgress('compressing');
    await tar.c({ gzip: true, file: partial, cwd: work, portable: true }, [MANIFEST, DATA_PATH]);
    syncPath(partial);
    const file = join(backupsDir, name);
    renameSync(partial, file);
    syncPath(backupsDir);
    onProgress('done');
    return { file, manifest, bytes: statSync(file).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Unpack `file` into `dir` and check it against its manifest: a finished tourflow backup
 * of a format and version this tourflow reads, its store file whole (size and checksum),
 * and its store holding what the manifest counts. Throws `backup-refused` otherwise.
 */
async function unpackChecked(file: string, dir: string): Promise<BackupManifest> {
  if (!backupTime(basename(file))) {
    const why = file.endsWith(PARTIAL) ? 'it is a backup that never finished (the process was stopped while writing it)' : 'it is not named as a tourflow backup (tourflow-<time>.tar.gz)';
    throw refused(file, why);
  }
  if (!existsSync(file)) throw refused(file, 'there is no such file');
  const seen: string[] = [];
  try {
    await tar.x({
      file,
      cwd: dir,
      strict: true,
      filter: (path) => {
        seen.push(path);
        return path === MANIFEST || path === DATA_PATH;
      },
    });
  } catch (error) {
    throw refused(file, `it is damaged or not a tourflow backup (${ensureError(error).message})`, error);
  }
  if (!seen.includes(MANIFEST)) throw refused(file, 'it holds no manifest (it is not a tourflow backup)');
  const manifest = parseManifest(basename(file), readFileSync(join(dir, MANIFEST), 'utf8'));
  if (newerVersion(manifest.tourflowVersion, tourflowVersion())) {
    throw refused(file, `it was made by tourflow ${manifest.tourflowVersion}, newer than this one (${tourflowVersion()}); upgrade tourflow first`);
  }
  if (!seen.includes(DATA_PATH)) throw refused(file, 'it holds no store file (it is damaged)');
  const data = await hashFile(join(dir, DATA_PATH));
  if (data.bytes !== manifest.data.bytes || data.sha256 !== manifest.data.sha256) throw refused(file, 'its store file does not match its checksum (it is damaged)');
  const { collections } = await readStoreCopy(join(dir, 'store'));
  const differs = Object.keys({ ...collections, ...manifest.collections }).find((c) => (collections[c] ?? 0) !== (manifest.collections[c] ?? 0));
  if (differs !== undefined) throw refused(file, `its store does not hold what its manifest counts (${differs}: ${collections[differs] ?? 0}, not ${manifest.collections[differs] ?? 0})`);
  return manifest;
}

/** Check a backup without restoring it; its manifest when it may be restored. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const dir = mkdtempSync(join(tmpdir(), 'tourflow-verify-'));
  try {
    return await unpackChecked(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Restore `file` into `dataDir`, which must hold no store (a new or emptied directory): the
 * backup is checked in full before anything takes the store's place.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<BackupManifest> {
  const target = storeDirOf(dataDir);
  if (existsSync(join(target, LMDB_DATA_FILE))) {
    throw new OperationalError('backup-refused', `${dataDir} already holds a store: restore into a new or empty data directory (nothing was changed)`);
  }
  mkdirSync(dataDir, { recursive: true });
  const work = mkdtempSync(join(dataDir, '.restore-'));
  try {
    const manifest = await unpackChecked(file, work);
    rmSync(join(work, 'store', 'lock.mdb'), { force: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(join(work, 'store'), target);
    syncPath(join(target, LMDB_DATA_FILE));
    syncPath(dataDir);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface Retention {
  /** Keep the newest backup of each of the last `daily` days that have one. */
  daily: number;
  /** …and of each of the last `weekly` weeks (Monday to Sunday). */
  weekly: number;
  /** The time zone days and weeks are counted in. */
  timeZone: string;
}

/** Delete the backups in `dir` that `retention` does not keep (never the newest); the files deleted. */
export function pruneBackups(dir: string, retention: Retention): string[] {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: retention.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Set<string>();
  const weeks = new Set<string>();
  const deleted: string[] = [];
  for (const [i, backup] of listBackups(dir).entries()) {
    const date = day.format(backup.takenAt);
    // The Monday of its week names the week.
    const noon = new Date(`${date}T12:00:00Z`);
    const monday = new Date(noon.getTime() - ((noon.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    let keep = i === 0;
    if (!days.has(date) && days.size < retention.daily) {
      days.add(date);
      keep = true;
    }
    if (!weeks.has(monday) && weeks.size < retention.weekly) {
      weeks.add(monday);
      keep = true;
    }
    if (keep) continue;
    rmSync(backup.file, { force: true });
    deleted.push(backup.file);
  }
  return deleted;
}
