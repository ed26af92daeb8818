/**
 * `npm run backup`: back up the embedded store of DATA_DIR into BACKUP_DIR (safe while the
 * server runs), then delete the backups the retention does not keep.
 * `npm run backup -- --verify <file>`: check a backup without restoring it.
 * `npm run restore -- <file>`: restore a backup into DATA_DIR, which must hold no store.
 * `npm run export [-- --out <dir>]`: everything in open formats (JSON lines, CSV), embedded
 * store (server stopped) or MongoDB; `npm run import -- <dir>`: into an empty store.
 * docs/operations.md says when to use which.
 */
import path, { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createStore } from '../store/create-store.js';
import { exportAll, importAll } from './export.js';
import { readConfig } from '../config.js';
import { ensureError, TourflowError } from '../errors.js';
import { createBackup, pruneBackups, restoreBackup, verifyBackup } from './backup.js';
import type { BackupManifest } from './manifest.js';
import { DEFAULT_TIMEZONE } from '../runtime/core/index.js';

const MB = 1024 * 1024;

function describe(manifest: BackupManifest): string {
  const records = Object.entries(manifest.records)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([entity, n]) => `${entity} ${n}`)
    .join(', ');
  return `taken ${manifest.createdAt} by tourflow ${manifest.tourflowVersion}; records: ${records || 'none'}`;
}

/** `export` and `import`: through the Store port, the same on both stores. */
async function moveData(command: 'export' | 'import', args: string[]): Promise<void> {
  const config = readConfig();
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
  if (command === 'import' && positionals.length !== 1) throw new Error('Name the export to import: npm run import -- <export directory>');
  const store = await createStore({ DATA_DIR: config.dataDir, MONGODB_URL: config.mongodbUrl });
  try {
    if (command === 'export') {
      const { dir, manifest } = await exportAll(store, path.resolve(values.out ?? 'exports'));
      const records = Object.values(manifest.records).reduce((a, b) => a + b, 0);
      console.log(`Exported ${records} records of ${Object.keys(manifest.records).length} kinds, with their timelines and everything else kept, into ${dir}`);
      return;
    }
    const manifest = await importAll(store, path.resolve(positionals[0]));
    const records = Object.values(manifest.records).reduce((a, b) => a + b, 0);
    console.log(`Imported ${records} records (made ${manifest.createdAt} by tourflow ${manifest.tourflowVersion}). Start the server with npm start.`);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'export' || argv[0] === 'import') return moveData(argv[0], argv.slice(1));
  const config = readConfig();
  if (config.mongodbUrl) {
    throw new Error('MONGODB_URL is set: back up MongoDB with mongodump and mongorestore, or your provider’s backups (docs/operations.md).');
  }
  const [command, file] = argv;
  if (command === 'restore' || command === '--verify') {
    if (!file) throw new Error(`Name the backup file: npm run ${command === 'restore' ? 'restore' : 'backup -- --verify'} -- <file>`);
    if (command === '--verify') {
      console.log(`${basename(file)} is whole: ${describe(await verifyBackup(file))}`);
      return;
    }
    const manifest = await restoreBackup(file, config.dataDir);
    console.log(`Restored ${basename(file)} into ${config.dataDir}: ${describe(manifest)}`);
    console.log('Start the server with npm start.');
    return;
  }
  if (command !== undefined) throw new Error(`Unknown option "${command}": npm run backup [-- --verify <file>], npm run restore -- <file>`);
  const started = Date.now();
  const { file: written, manifest, bytes } = await createBackup({
    dataDir: config.dataDir,
    backupsDir: config.backups.dir,
    onProgress: (step) => {
      if (step !== 'done') console.log(`… ${step}`);
    },
  });
  console.log(`Backup ${written} (${(bytes / MB).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s): ${describe(manifest)}`);
  const deleted = pruneBackups(config.backups.dir, { daily: config.backups.keepDaily, weekly: config.backups.keepWeekly, timeZone: config.timeZone ?? DEFAULT_TIMEZONE });
  for (const old of deleted) console.log(`Deleted ${basename(old)} (beyond ${config.backups.keepDaily} daily and ${config.backups.keepWeekly} weekly backups)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const e = ensureError(error);
  console.error(e instanceof TourflowError ? e.message : `Backup failed: ${e.message}`);
  process.exit(1);
});
