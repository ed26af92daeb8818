/**
 * Everything an agency owns, in open formats (docs/operations.md "Export and import"),
 * through the Store port, so the same works on the embedded store and on MongoDB:
 *
 *   export-<time>/
 *     manifest.json               format, time, tourflow version, every file's lines and SHA-256
 *     definitions/<entity>.jsonl  every version of the entity's definition
 *     records/<entity>.jsonl      the records, one JSON document a line
 *     events/<entity>.jsonl       their event logs (the timeline)
 *     csv/<entity>.csv            the records for spreadsheets: id, stage, owner, … and a column per field
 *     collections/<name>.jsonl    everything else kept (users, timers, rollups, settings, …)
 *
 * Left out: sign-in sessions and failed attempts (the old server's) and the scheduler's jobs (rebuilt
 * from the timers at the first start). `users` keep their password hashes, so staff sign in
 * on the new server as before: an export is as sensitive as a backup.
 *
 * `importAll` loads an export into a store that holds nothing yet, after checking every file
 * against the manifest, so a damaged or partial export changes nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { OperationalError } from '../errors.js';
import type { Store, StoredDoc, WriteOp } from '../store/store.js';
import { tourflowVersion } from '../build/project-files.js';
import { newerVersion } from './manifest.js';
import { DEFINITIONS, EVENTS, RECORDS, FAILURES, SESSIONS, AGENDA_JOBS } from '../collections.js';

export const EXPORT_FORMAT = 'tourflow-export';
export const EXPORT_FORMAT_VERSION = 1;

/** Not exported: sign-in sessions and failed attempts, and jobs the scheduler rebuilds from the timers. */
const LEFT_OUT = new Set([SESSIONS, FAILURES, AGENDA_JOBS]);
const IMPORT_BATCH = 1000;
/** The most a line of an export may hold when imported. */
const MAX_LINE = 16 * 1024 * 1024;

export interface ExportFile {
  /** Path inside the export, with `/`. */
  path: string;
  /** The collection its lines go to (CSV files go nowhere: they are for people). */
  collection?: string;
  lines: number;
  sha256: string;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  createdAt: string;
  tourflowVersion: string;
  /** Records per entity. */
  records: Record<string, number>;
  files: ExportFile[];
}

const safeName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) && !name.includes('..');

class JsonLines {
  readonly #hash = createHash('sha256');
  readonly #out: ReturnType<typeof createWriteStream>;
  lines = 0;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.#out = createWriteStream(file);
  }

  async write(doc: unknown): Promise<void> {
    const line = `${JSON.stringify(doc)}\n`;
    this.#hash.update(line);
    this.lines++;
    if (!this.#out.write(line)) await once(this.#out, 'drain');
  }

  async close(): Promise<string> {
    this.#out.end();
    await once(this.#out, 'finish');
    return this.#hash.digest('hex');
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A record as a CSV row: its own columns, then one per field of its data. */
function csvOf(records: StoredDoc[]): string {
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const data = record.data;
    if (typeof data !== 'object' || data === null) continue;
    for (const key of Object.keys(data)) {
      if (seen.has(key)) continue;
      seen.add(key);
      fields.push(key);
    }
  }
  const cell = (value: unknown): unknown => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);
  const rows = records.map((r) => {
    const data = (typeof r.data === 'object' && r.data !== null ? r.data : {}) as Record<string, unknown>;
    return [r._id, r.stage ?? r.state, r.status, r.owner, r.handler, r.createdAt, r.updatedAt, ...fields.map((f) => cell(data[f]))];
  });
  // A BOM so that spreadsheets read Vietnamese as UTF-8; formulas are neutralised (CSV injection).
  return `\uFEFF${Papa.unparse({ fields: ['id', 'stage', 'status', 'owner', 'handler', 'createdAt', 'updatedAt', ...fields], data: rows }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}

/** Definition versions by entity (versions of an entity whose name cannot be a file name go under `_`). */
function byEntity(docs: StoredDoc[]): Map<string, StoredDoc[]> {
  const out = new Map<string, StoredDoc[]>();
  for (const doc of docs) {
    const entity = typeof doc.entity === 'string' && safeName(doc.entity) ? doc.entity : '_';
    out.set(entity, [...(out.get(entity) ?? []), doc]);
  }
  return out;
}

/** Export everything `store` holds into a new directory under `outDir`; its path and manifest. */
export async function exportAll(store: Store, outDir: string, now = new Date()): Promise<{ dir: string; manifest: ExportManifest }> {
  const name = `export-${now.toISOString().replace(/:/g, '-')}`;
  const dir = join(outDir, name);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const files: ExportFile[] = [];
  const records: Record<string, number> = {};
  const dump = async (path: string, collection: string, docs: StoredDoc[]) => {
    const out = new JsonLines(join(partial, path));
    for (const doc of docs) await out.write(doc);
    files.push({ path, collection, lines: out.lines, sha256: await out.close() });
  };
  for (const collection of await store.collections()) {
    if (LEFT_OUT.has(collection) || collection === RECORDS || collection === EVENTS) continue;
    if (!safeName(collection)) continue;
    const docs = await store.find(collection, {}, { sort: { _id: 1 } });
    if (collection !== DEFINITIONS) await dump(`collections/${collection}.jsonl`, collection, docs);
    else for (const [entity, versions] of byEntity(docs)) await dump(`definitions/${entity}.jsonl`, DEFINITIONS, versions);
  }
  const entities = [...new Set((await store.aggregate<{ _id: unknown }>(RECORDS, [{ $group: { _id: '$entity' } }])).map((r) => r._id))]
    .filter((e): e is string => typeof e === 'string' && safeName(e))
    .sort();
  for (const entity of entities) {
    const docs = await store.find(RECORDS, { entity }, { sort: { _id: 1 } });
    records[entity] = docs.length;
    await dump(`records/${entity}.jsonl`, RECORDS, docs);
    await dump(`events/${entity}.jsonl`, EVENTS, await store.find(EVENTS, { entity }, { sort: { _id: 1 } }));
    const csv = csvOf(docs);
    const path = `csv/${entity}.csv`;
    mkdirSync(join(partial, 'csv'), { recursive: true });
    writeFileSync(join(partial, path), csv);
    files.push({ path, lines: docs.length + 1, sha256: sha256(csv) });
  }
  const manifest: ExportManifest = { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, createdAt: now.toISOString(), tourflowVersion: tourflowVersion(), records, files };
  writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, dir);
  return { dir, manifest };
}

function refused(dir: string, why: string): OperationalError {
  return new OperationalError('backup-refused', `${basename(dir)} cannot be imported: ${why}`);
}

function readManifest(dir: string): ExportManifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw refused(dir, 'it has no manifest.json (it is not a tourflow export, or it never finished)');
  let m: Partial<ExportManifest>;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Partial<ExportManifest>;
  } catch {
    throw refused(dir, 'its manifest.json is not JSON');
  }
  if (m.format !== EXPORT_FORMAT) throw refused(dir, 'it is not a tourflow export');
  if (m.formatVersion !== EXPORT_FORMAT_VERSION) throw refused(dir, `it is in export format ${String(m.formatVersion)}; this tourflow reads format ${EXPORT_FORMAT_VERSION}`);
  if (typeof m.tourflowVersion !== 'string' || !Array.isArray(m.files)) throw refused(dir, 'its manifest is incomplete');
  if (newerVersion(m.tourflowVersion, tourflowVersion())) throw refused(dir, `it was made by tourflow ${m.tourflowVersion}, newer than this one (${tourflowVersion()}); upgrade tourflow first`);
  for (const f of m.files) {
    const parts = typeof f?.path === 'string' ? f.path.split('/') : [];
    if (parts.length === 0 || parts.length > 2 || !parts.every(safeName) || (f.collection !== undefined && !safeName(f.collection))) throw refused(dir, `its manifest names a file it may not (${String(f?.path)})`);
  }
  return m as ExportManifest;
}

/** Each line of an export file as a document, checked as it goes. */
async function* documents(dir: string, file: ExportFile): AsyncGenerator<StoredDoc> {
  const lines = createInterface({ input: createReadStream(join(dir, file.path), { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.length > MAX_LINE) throw refused(dir, `${file.path} line ${n} is too long`);
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      throw refused(dir, `${file.path} line ${n} is not JSON`);
    }
    const id = (doc as { _id?: unknown } | null)?._id;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || typeof id !== 'string' || id === '') throw refused(dir, `${file.path} line ${n} is not a document with a text _id`);
    yield doc as StoredDoc;
  }
}

async function hashOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Load the export in `dir` into `store`, which must hold nothing yet (a new data directory
 * or an empty database, before the first start). Every file is checked against the manifest
 * first; nothing is written when one does not match.
 */
export async function importAll(store: Store, dir: string): Promise<ExportManifest> {
  const manifest = readManifest(dir);
  for (const file of manifest.files) {
    const path = join(dir, file.path);
    if (!existsSync(path)) throw refused(dir, `${file.path} is missing`);
    if ((await hashOf(path)) !== file.sha256) throw refused(dir, `${file.path} does not match its checksum (it is damaged or was changed)`);
  }
  const held = await store.collections();
  if (held.length > 0) throw refused(dir, `the store already holds data (${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}): import into a new data directory or an empty database, before the first start`);
  // Definitions first: records name their version.
  const ordered = [...manifest.files].filter((f) => f.collection !== undefined).sort((a, b) => Number(b.collection === DEFINITIONS) - Number(a.collection === DEFINITIONS));
  // Every line read once before anything is written: a bad one refuses the whole import.
  const ids = new Map<string, Set<string>>();
  for (const file of ordered) {
    const seen = ids.get(file.collection as string) ?? new Set<string>();
    ids.set(file.collection as string, seen);
    let lines = 0;
    for await (const doc of documents(dir, file)) {
      lines++;
      if (seen.has(doc._id)) throw refused(dir, `${file.path} holds ${doc._id} twice`);
      seen.add(doc._id);
    }
    if (lines !== file.lines) throw refused(dir, `${file.path} has ${lines} lines, not ${file.lines}`);
  }
  ids.clear();
  for (const file of ordered) {
    let batch: WriteOp[] = [];
    for await (const doc of documents(dir, file)) {
      batch.push({ op: 'insert', collection: file.collection as string, doc });
      if (batch.length === IMPORT_BATCH) {
        await store.commit(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await store.commit(batch);
  }
  return manifest;
}
