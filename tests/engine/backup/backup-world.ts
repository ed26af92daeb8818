/**
 * What the backup and export tests share: temporary directories, and tourflows over the
 * `timed` fixture pack; after each test every tourflow is closed and every directory removed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { openTourflow, type Tourflow } from '../../../engine/bootstrap.js';
import type { Config } from '../../../engine/config.js';
import type { SchedulerOptions } from '../../../engine/scheduler/scheduler.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';

export const PACK = fileURLToPath(new URL('../../fixtures/packs/timed', import.meta.url));

export function backupWorld() {
  let dirs: string[] = [];
  let open: Tourflow[] = [];
  afterEach(async () => {
    for (const tf of open) await tf.close();
    for (const dir of dirs) removeTempDir(dir);
    open = [];
    dirs = [];
  });
  const tempDir = (name: string): string => {
    const dir = makeTempDir(name);
    dirs.push(dir);
    return dir;
  };
  /** Tourflow on `dataDir`, without a scheduler unless given one. */
  const start = async (dataDir: string, options: { scheduler?: SchedulerOptions; backups?: Config['backups'] } = {}): Promise<Tourflow> => {
    const config = { dataDir, definitionsDir: PACK, pluginsDir: path.join(dataDir, 'no-plugins'), packDirs: [PACK], ...(options.backups ? { backups: options.backups } : {}) };
    const tf = await openTourflow(config, { scheduler: options.scheduler ?? false });
    open.push(tf);
    return tf;
  };
  const stop = async (tf: Tourflow): Promise<void> => {
    await tf.close();
    open = open.filter((t) => t !== tf);
  };
  return { tempDir, start, stop };
}
