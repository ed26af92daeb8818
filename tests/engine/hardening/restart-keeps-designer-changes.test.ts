/**
 * Regression (issue 10.1): a restart re-installed the pack file over a pipeline an admin
 * had saved in the designer. The pack on disk seeds an entity once; afterwards it becomes
 * a new version only when its own content changed, and never over an admin's version.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTourflow, type Tourflow } from '../../../engine/bootstrap.js';

const MINI_CRM = path.resolve(import.meta.dirname, '../../fixtures/packs/mini-crm');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workspace(): { dataDir: string; packDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tourflow-restart-'));
  dirs.push(root);
  const packDir = path.join(root, 'packs', 'mini-crm');
  cpSync(MINI_CRM, packDir, { recursive: true });
  return { dataDir: path.join(root, 'data'), packDir };
}

function open(dataDir: string, packDir: string): Promise<Tourflow> {
  return openTourflow(
    { dataDir, definitionsDir: path.dirname(packDir), pluginsDir: path.join(dataDir, 'no-plugins'), packDirs: [packDir] },
    { outbox: { autoStart: false }, scheduler: false },
  );
}

describe('restarting keeps the pipelines admins saved', () => {
  it('keeps a designer save across restarts, with the pack file unchanged and then changed', async () => {
    const { dataDir, packDir } = workspace();
    let tf = await open(dataDir, packDir);
    const deal = await tf.engine.getDefinition('deal');
    const machine = structuredClone(deal.machine);
    const openStage = machine.states.open;
    if (!openStage) throw new Error('mini-crm deal has an open stage');
    openStage.meta.labels = { vi: 'Đang mở (admin)', en: 'Open (admin)' };
    const saved = await tf.engine.saveDefinition('deal', { schema: deal.schema, machine }, 'admin');
    expect(saved.version).toBe(2);
    await tf.close();

    tf = await open(dataDir, packDir);
    expect((await tf.engine.getDefinition('deal')).version).toBe(2);
    expect((await tf.engine.getDefinition('deal')).machine.states.open?.meta.labels.en).toBe('Open (admin)');
    await tf.close();

    // An upgrade changes the pack file: the admin's version is still the one in use, and
    // the start reports the entity as held; an untouched entity takes the change.
    const machineFile = path.join(packDir, 'deal.machine.json');
    const onDisk = JSON.parse(readFileSync(machineFile, 'utf8')) as { states: { open: { meta: { labels: { en: string } } } } };
    onDisk.states.open.meta.labels.en = 'Open (pack 2)';
    writeFileSync(machineFile, JSON.stringify(onDisk, null, 2));
    const taskFile = path.join(packDir, 'task.machine.json');
    const task = JSON.parse(readFileSync(taskFile, 'utf8')) as { description?: string };
    task.description = 'changed by the pack upgrade';
    writeFileSync(taskFile, JSON.stringify(task, null, 2));
    tf = await open(dataDir, packDir);
    const latest = await tf.engine.getDefinition('deal');
    expect([latest.version, latest.machine.states.open?.meta.labels.en]).toEqual([2, 'Open (admin)']);
    expect(tf.packInstall.find((r) => r.entity === 'deal')).toMatchObject({ outcome: 'held', savedBy: 'admin' });
    expect(tf.packInstall.find((r) => r.entity === 'task')).toMatchObject({ outcome: 'updated', version: 2 });
    await tf.close();

    // And the next start after that installs nothing more.
    tf = await open(dataDir, packDir);
    expect((await tf.engine.getDefinition('task')).version).toBe(2);
    expect((await tf.engine.getDefinition('deal')).version).toBe(2);
    await tf.close();
  });
});
