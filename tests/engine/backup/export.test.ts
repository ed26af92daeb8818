/**
 * Export everything in open formats and import it into a fresh instance (issue 17):
 * the records, their timelines, definitions, users and armed timers come back as they were;
 * an export that was changed or is not whole, or a store that is not empty, is refused with
 * nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAll, importAll, type ExportManifest } from '../../../engine/backup/export.js';
import type { Tourflow } from '../../../engine/bootstrap.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import { backupWorld } from './backup-world.js';

const PASSWORD = 'một-mật-khẩu-dài';

const world = backupWorld();
const { tempDir, stop } = world;
const start = (dataDir: string) => world.start(dataDir, { scheduler: { processEveryMs: 50, log: () => undefined } });

/** An agency's data: visits with reminders armed an hour ahead, a user who signs in. */
async function agency(): Promise<{ tf: Tourflow; visits: string[] }> {
  const tf = await start(tempDir('export-src'));
  await tf.access.users.create({ id: 'sales.lan', name: 'Nguyễn Thị Lan', roles: ['sales'], password: PASSWORD });
  await tf.access.sessions.signIn('sales.lan', PASSWORD);
  const startsAt = new Date(Date.now() + 3_600_000).toISOString();
  const visits: string[] = [];
  for (const place of ['Huế', '=HYPERLINK("http://x")', 'Hội An, 3 ngày']) visits.push((await tf.engine.create('visit', { data: { place, startsAt } }, 'sales.lan')).id);
  await tf.engine.update('visit', visits[0], { data: { place: 'Huế, Đại Nội' } }, 'sales.lan');
  return { tf, visits };
}

describe('export and import', () => {
  it('moves everything to a fresh instance: records, timelines, definitions, users and armed timers', async () => {
    const { tf, visits } = await agency();
    const { dir, manifest } = await exportAll(tf.store, tempDir('export-out'));
    const before = await Promise.all(visits.map((id) => tf.engine.get('visit', id)));
    const timelines = await Promise.all(visits.map((id) => tf.engine.timeline('visit', id)));
    const timers = await tf.store.find('timers', {}, { sort: { _id: 1 } });
    await stop(tf);

    expect(manifest.records).toEqual({ visit: 3 });
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['definitions/visit.jsonl', 'definitions/ticket.jsonl', 'records/visit.jsonl', 'events/visit.jsonl', 'csv/visit.csv', 'collections/users.jsonl', 'collections/timers.jsonl']));
    expect(paths.some((p) => p.includes('sessions') || p.includes('agenda-jobs'))).toBe(false);
    // Open formats: a JSON document a line, and CSV a spreadsheet reads (a formula stays text).
    const lines = readFileSync(path.join(dir, 'records/visit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { _id: string });
    expect(lines.map((l) => l._id).sort()).toEqual([...visits].sort());
    const csv = readFileSync(path.join(dir, 'csv/visit.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFid,stage,status,owner,handler,createdAt,updatedAt,place,startsAt\r\n')).toBe(true);
    expect(csv).toContain('"Hội An, 3 ngày"');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);

    const fresh = tempDir('export-fresh');
    const store = await openEmbeddedStore({ dir: fresh });
    await importAll(store, dir);
    await store.close();
    const moved = await start(fresh);
    expect(await Promise.all(visits.map((id) => moved.engine.get('visit', id)))).toEqual(before);
    expect(await Promise.all(visits.map((id) => moved.engine.timeline('visit', id)))).toEqual(timelines);
    expect(await moved.store.find('timers', {}, { sort: { _id: 1 } })).toEqual(timers);
    // The scheduler rebuilt the jobs of the armed timers at its first start.
    const jobs = (await moved.scheduler?.timerJobs()) ?? [];
    expect(jobs.map((j) => j.key).sort()).toEqual(timers.map((t) => t._id).sort());
    expect((await moved.access.sessions.signIn('sales.lan', PASSWORD)).token).toBeTruthy();
    // And it goes on: a moved record takes a change, its version going on from the old ones.
    const changed = await moved.engine.update('visit', visits[1], { data: { place: 'Đà Lạt' } }, 'sales.lan');
    expect(changed.version).toBe((before[1]?.version ?? 0) + 1);
  });

  describe('refuses, writing nothing', () => {
    async function exported(): Promise<{ dir: string; manifest: ExportManifest }> {
      const { tf } = await agency();
      const out = await exportAll(tf.store, tempDir('export-out'));
      await stop(tf);
      return out;
    }

    async function expectRefused(dir: string, message: RegExp): Promise<void> {
      const fresh = tempDir('export-target');
      const store = await openEmbeddedStore({ dir: fresh });
      try {
        await expect(importAll(store, dir)).rejects.toThrow(message);
        expect(await store.collections()).toEqual([]);
      } finally {
        await store.close();
      }
    }

    it('a file changed since the export', async () => {
      const { dir } = await exported();
      const file = path.join(dir, 'records/visit.jsonl');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Hội An, 3 ngày', 'Hội An, 4 ngày'));
      await expectRefused(dir, /records\/visit\.jsonl does not match its checksum/);
    });

    it('a line that is not a document, even with the manifest made to match', async () => {
      const { dir, manifest } = await exported();
      const file = path.join(dir, 'records/visit.jsonl');
      const text = `${readFileSync(file, 'utf8')}{"no":"id"}\n`;
      writeFileSync(file, text);
      const { createHash } = await import('node:crypto');
      const files = manifest.files.map((f) => (f.path === 'records/visit.jsonl' ? { ...f, lines: f.lines + 1, sha256: createHash('sha256').update(text).digest('hex') } : f));
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, files }));
      await expectRefused(dir, /records\/visit\.jsonl line 4 is not a document with a text _id/);
    });

    it('a folder that is not an export, or one from a newer tourflow', async () => {
      await expectRefused(tempDir('not-an-export'), /has no manifest\.json/);
      const { dir, manifest } = await exported();
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, tourflowVersion: '99.0.0' }));
      await expectRefused(dir, /newer than this one/);
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, files: [{ path: '../../etc/passwd', collection: 'users', lines: 1, sha256: 'x' }] }));
      await expectRefused(dir, /names a file it may not/);
    });

    it('into a store that already holds data', async () => {
      const { dir } = await exported();
      const occupied = tempDir('export-occupied');
      const store = await openEmbeddedStore({ dir: occupied });
      await store.commit([{ op: 'insert', collection: 'records', doc: { _id: 'mine', version: 1, entity: 'visit' } }]);
      await expect(importAll(store, dir)).rejects.toThrow(/already holds data/);
      expect(await store.collections()).toEqual(['records']);
      await store.close();
    });
  });
});
