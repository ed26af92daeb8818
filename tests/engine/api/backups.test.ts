/** `GET|POST /api/admin/backups`: admins back up the running store and read how it went. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups, verifyBackup } from '../../../engine/backup/backup.js';
import type { BackupStatus } from '../../../engine/backup/backup-service.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  await server.addUser('user:sam', ['sales']);
});
afterAll(async () => server.close());

async function settled(): Promise<BackupStatus> {
  for (;;) {
    const reply = await api.get<BackupStatus>('/api/admin/backups');
    if (!reply.body.running) return reply.body;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('backups from the app', () => {
  it('starts a backup of the running store, one at a time, and reports it with the backups kept', async () => {
    const before = await api.get<BackupStatus>('/api/admin/backups');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ backups: [], retention: { daily: 7, weekly: 4 } });
    expect(before.body.last).toBeUndefined();
    const created = await api.post<{ id: string }>('/api/records/inquiry', { data: { subject: 'Tour Huế cho Trần Thị Bình' } });
    expect(created.status).toBe(201);

    const started = await api.post<BackupStatus>('/api/admin/backups');
    expect(started.status).toBe(202);
    expect(started.body.running).toMatchObject({ by: 'user:ann' });
    const again = await api.post('/api/admin/backups');
    expectProblem(again, 409, 'already-running');

    const after = await settled();
    expect(after.last).toMatchObject({ ok: true, by: 'user:ann', records: 1 });
    expect(after.backups).toHaveLength(1);
    expect(after.backups[0]?.name).toBe(after.last?.file);
    const [file] = listBackups(server.backups.settings.dir);
    expect((await verifyBackup(file.file)).records).toEqual({ inquiry: 1 });
  });

  it('is for admins only, and takes no body', async () => {
    expectProblem(await api.get('/api/admin/backups', { actor: 'user:sam' }), 403, 'forbidden');
    expectProblem(await api.post('/api/admin/backups', undefined, { actor: 'user:sam' }), 403, 'forbidden');
    expectProblem(await api.post('/api/admin/backups', { now: true }), 400, 'invalid-request');
  });
});
