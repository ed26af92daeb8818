/**
 * Backups of the embedded store, end to end: `npm run backup` (a process of its own, as in
 * production) while the server writes, a restore into a new data directory, and a server
 * started on it; files that must be refused; kill -9 during a backup; retention.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tar from 'tar';
import { describe, expect, it } from 'vitest';
import { backupName, createBackup, listBackups, pruneBackups, restoreBackup, verifyBackup } from '../../../engine/backup/backup.js';
import { startServer } from '../../../engine/bootstrap.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import { backupWorld } from './backup-world.js';

const CLI = fileURLToPath(new URL('../../../engine/backup/backup-cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PASSWORD = 'mật-khẩu-của-anh-Hải';

const { tempDir, start, stop } = backupWorld();

/** Run the backup command as `npm run backup` would; `started` is called once it runs. */
function runCli(args: string[], env: Record<string, string>, onOutput?: (text: string) => void): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const take = (chunk: Buffer) => {
    out += chunk.toString();
    onOutput?.(out);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
  return { exited, kill: () => child.kill('SIGKILL') };
}

describe('a backup taken while the server writes', () => {
  it('restores into a new data directory where a started server finds every record acknowledged before it began', async () => {
    const data = tempDir('backup-live');
    const backups = tempDir('backup-files');
    const tf = await start(data);
    await tf.access.users.create({ id: 'mgr.hai', name: 'Trần Văn Hải', roles: ['admin'], password: PASSWORD });
    const acknowledged: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; writing; i++) acknowledged.push((await tf.engine.create('ticket', { data: { title: `Vé ${w}-${i}` } }, 'user:an')).id);
    });
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    const before = [...acknowledged];
    const backup = await runCli([], { DATA_DIR: data, BACKUP_DIR: backups }).exited;
    const during = acknowledged.length - before.length;
    writing = false;
    await Promise.all(writers);
    expect(backup.code, backup.out).toBe(0);
    expect(during).toBeGreaterThan(0);
    const [file] = listBackups(backups);
    expect(backup.out).toContain(path.basename(file.file));

    const restored = tempDir('backup-restored');
    const manifest = await restoreBackup(file.file, restored);
    const again = await start(restored);
    // The server started on it: a person signs in and opens each record acknowledged before.
    const { server, url } = await startServer({ port: 0, host: '127.0.0.1', staticDir: path.join(restored, 'no-static') }, again);
    try {
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'mgr.hai', password: PASSWORD }) });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      for (const id of before) {
        const reply = await fetch(`${url}/api/records/ticket/${id}`, { headers: { authorization: `Bearer ${token}` } });
        expect(reply.status).toBe(200);
        expect(((await reply.json()) as { id: string }).id).toBe(id);
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    const tickets = await again.store.count('records', { entity: 'ticket' });
    expect(tickets).toBe(manifest.records.ticket);
    expect(tickets).toBeGreaterThanOrEqual(before.length);
    expect(tickets).toBeLessThanOrEqual(acknowledged.length);
    expect(manifest.definitions.ticket).toBeGreaterThanOrEqual(1);
    expect(manifest.collections.records).toBe(await again.store.count('records', {}));
    // Restored records take new writes.
    await again.engine.send('ticket', before[0], { type: 'HOLD' }, 'user:an');
  });
});

describe('restore refuses what it cannot trust, and changes nothing', () => {
  async function oneBackup(): Promise<string> {
    const data = tempDir('backup-src');
    const tf = await start(data);
    await tf.engine.create('ticket', { data: { title: 'Một' } }, 'user:an');
    await stop(tf);
    return (await createBackup({ dataDir: data, backupsDir: tempDir('backup-out') })).file;
  }

  it.each<[string, (file: string) => void | Promise<void>, RegExp]>([
    ['a truncated file', (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2)), /damaged/],
    ['a file that is not an archive', (file: string) => writeFileSync(file, '{"hello":"world"}'), /damaged or not a tourflow backup/],
    ['a store file changed inside', async (file: string) => {
      const dir = tempDir('backup-tamper');
      await tar.x({ file, cwd: dir });
      const data = path.join(dir, 'store/data.mdb');
      const bytes = readFileSync(data);
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(data, bytes);
      await tar.c({ gzip: true, file, cwd: dir }, ['manifest.json', 'store/data.mdb']);
    }, /checksum/],
    ['an archive of something else', async (file: string) => {
      const dir = tempDir('backup-foreign');
      writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
      await tar.c({ gzip: true, file, cwd: dir }, ['notes.txt']);
    }, /no manifest/],
    ['a backup from a newer tourflow', async (file: string) => {
      const dir = tempDir('backup-newer');
      await tar.x({ file, cwd: dir });
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { tourflowVersion: string };
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, tourflowVersion: '99.0.0' }));
      await tar.c({ gzip: true, file, cwd: dir }, ['manifest.json', 'store/data.mdb']);
    }, /newer than this one/],
  ])('%s', async (_name, spoil, message) => {
    const file = await oneBackup();
    await spoil(file);
    await expect(verifyBackup(file)).rejects.toThrow(message);
    const target = tempDir('backup-target');
    await expect(restoreBackup(file, target)).rejects.toThrow(message);
    expect(readdirSync(target)).toEqual([]);
  });

  it('into a data directory that holds a store', async () => {
    const file = await oneBackup();
    const data = tempDir('backup-occupied');
    const store = await openEmbeddedStore({ dir: data });
    await store.commit([{ op: 'insert', collection: 'records', doc: { _id: 'mine', version: 1 } }]);
    await store.close();
    await expect(restoreBackup(file, data)).rejects.toThrow(/already holds a store/);
    const reopened = await openEmbeddedStore({ dir: data });
    expect(await reopened.count('records', {})).toBe(1);
    await reopened.close();
  });
});

it('killed (kill -9) during a backup, leaves the earlier backups whole and nothing restore accepts', async () => {
  const data = tempDir('backup-kill');
  const backups = tempDir('backup-kill-out');
  const store = await openEmbeddedStore({ dir: data });
  // Enough data that copying and compressing take a while (about 60 MB).
  const text = 'Khách hàng đặt tour Đà Nẵng – Hội An, cần phòng đôi, ăn chay. '.repeat(20);
  for (let batch = 0; batch < 40; batch++) {
    await store.commit(Array.from({ length: 1000 }, (_, i) => ({ op: 'insert' as const, collection: 'records', doc: { _id: `r-${batch}-${i}`, version: 1, entity: 'note', text: `${i}${text}` } })));
  }
  await store.close();
  const first = await createBackup({ dataDir: data, backupsDir: backups, now: () => new Date('2026-12-01T19:00:00Z') });
  const firstBytes = readFileSync(first.file);

  let killed = false;
  const run = runCli([], { DATA_DIR: data, BACKUP_DIR: backups }, (out) => {
    // Killed while it compresses: the partial archive is being written.
    if (!killed && out.includes('compressing')) {
      killed = true;
      setTimeout(() => run.kill(), 20);
    }
  });
  const { signal, out } = await run.exited;
  expect(signal, out).toBe('SIGKILL');
  expect(readFileSync(first.file).equals(firstBytes)).toBe(true);
  expect(listBackups(backups).map((b) => b.file)).toEqual([first.file]);
  expect((await verifyBackup(first.file)).records.note).toBe(40_000);
  const leftovers = readdirSync(backups).filter((name) => name !== path.basename(first.file));
  expect(leftovers.length).toBeGreaterThan(0);
  for (const name of leftovers) {
    await expect(verifyBackup(path.join(backups, name))).rejects.toThrow(/cannot be restored/);
    // Even renamed as a finished backup, a half-written archive is refused.
    const disguised = path.join(backups, backupName(new Date('2026-12-02T00:00:00Z')));
    if (name.endsWith('.partial')) {
      copyFileSync(path.join(backups, name), disguised);
      await expect(verifyBackup(disguised)).rejects.toThrow(/damaged/);
      rmSync(disguised);
    }
  }
  // The next backup succeeds beside the leftovers (removed once an hour old).
  const next = await createBackup({ dataDir: data, backupsDir: backups });
  expect(existsSync(next.file)).toBe(true);
});

describe('retention', () => {
  it('keeps the newest backup of each of the last days and weeks, in business time, and always the newest', () => {
    const dir = tempDir('backup-retention');
    // Times in UTC; Vietnam is UTC+7, so 18:30 UTC on the 1st is 01:30 on the 2nd there.
    const taken = [
      '2026-12-03T01:00:00Z', // Thu 3rd
      '2026-12-02T19:00:00Z', // Thu 3rd 02:00 (older than the above)
      '2026-12-02T10:00:00Z', // Wed 2nd
      '2026-12-01T18:30:00Z', // Wed 2nd 01:30
      '2026-12-01T10:00:00Z', // Tue 1st
      '2026-11-26T19:00:00Z', // Fri 27th Nov (week of 23rd)
      '2026-11-25T19:00:00Z', // Thu 26th Nov
      '2026-11-18T19:00:00Z', // Thu 19th Nov (week of 16th)
      '2026-11-11T19:00:00Z', // Thu 12th Nov (week of 9th)
    ];
    for (const at of taken) writeFileSync(path.join(dir, backupName(new Date(at))), '');
    writeFileSync(path.join(dir, 'notes.txt'), 'kept: not a backup');
    const deleted = pruneBackups(dir, { daily: 2, weekly: 3, timeZone: 'Asia/Ho_Chi_Minh' });
    const left = listBackups(dir).map((b) => b.takenAt.toISOString());
    expect(left).toEqual(['2026-12-03T01:00:00.000Z', '2026-12-02T10:00:00.000Z', '2026-11-26T19:00:00.000Z', '2026-11-18T19:00:00.000Z']);
    expect(deleted).toHaveLength(5);
    expect(existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });
});

describe('the server’s own backups', () => {
  it('are declared on the schedule in business time, run as a recurring job, and kept by the retention', async () => {
    const data = tempDir('backup-server');
    const backups = tempDir('backup-server-out');
    const tf = await start(data, { backups: { dir: backups, keepDaily: 1, keepWeekly: 0, schedule: '0 2 * * *' }, scheduler: { processEveryMs: 50, log: () => undefined } });
    await tf.engine.create('ticket', { data: { title: 'Vé đêm' } }, 'user:an');
    const status = await tf.backups?.status();
    // 02:00 in Vietnam is 19:00 UTC the day before.
    expect(status?.schedule).toMatchObject({ cron: '0 2 * * *', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(status?.schedule?.nextRunAt).toMatch(/T19:00:00\.000Z$/);
    let first = '';
    for (let run = 1; run <= 2; run++) {
      await tf.scheduler?.runSystemNow('backup');
      const last = await (async () => {
        for (;;) {
          const now = await tf.backups?.status();
          if (now?.last && !now.running && listBackups(backups).length > 0 && (run === 1 || now.last.at !== first)) return now.last;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      expect(last).toMatchObject({ ok: true, by: 'system:schedule', records: 1 });
      if (run === 1) first = last.at;
    }
    // One daily backup kept: the second run's retention deleted the first.
    expect(listBackups(backups)).toHaveLength(1);
  });
});
