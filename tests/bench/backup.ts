/**
 * Backup and restore at 10 k and 100 k records (issue 17): the time and size of
 * `createBackup` and `restoreBackup`, each beside its floor in the same run: lmdb's copy of
 * the store alone (what a backup cannot do without), and unpacking the archive alone (what a
 * restore cannot do without). The records are written by the store (./growth-child.ts),
 * with the engine's shape and two events each.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { createBackup, restoreBackup } from '../../engine/backup/backup.js';
import { copyStore, LMDB_DATA_FILE, storeDirOf } from '../../engine/backup/store-files.js';
import { loadRecords } from './growth-child.js';
import { report } from './report.js';

const MB = 1024 * 1024;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

export async function benchBackup(sizes = [10_000, 100_000]): Promise<void> {
  for (const count of sizes) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-backup-'));
    try {
      const data = path.join(root, 'data');
      await loadRecords(data, count);
      const label = `${count / 1000}k`;
      report(`backup_${label}_store_size`, statSync(path.join(storeDirOf(data), LMDB_DATA_FILE)).size / MB, 'MB');
      const [, copyMs] = await timed(() => copyStore(data, path.join(root, 'floor-copy')));
      const [backup, backupMs] = await timed(() => createBackup({ dataDir: data, backupsDir: path.join(root, 'backups') }));
      report(`backup_${label}_seconds`, backupMs / 1000, 's');
      report(`backup_${label}_floor_lmdb_copy_seconds`, copyMs / 1000, 's');
      report(`backup_${label}_file_size`, backup.bytes / MB, 'MB');
      const untarDir = path.join(root, 'floor-untar');
      const [, untarMs] = await timed(async () => {
        rmSync(untarDir, { recursive: true, force: true });
        mkdirSync(untarDir, { recursive: true });
        await tar.x({ file: backup.file, cwd: untarDir });
      });
      const [, restoreMs] = await timed(() => restoreBackup(backup.file, path.join(root, 'restored')));
      report(`restore_${label}_seconds`, restoreMs / 1000, 's');
      report(`restore_${label}_floor_untar_seconds`, untarMs / 1000, 's');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] === import.meta.filename) await benchBackup();
