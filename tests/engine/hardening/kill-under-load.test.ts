/**
 * Fault injection: the real server is killed with SIGKILL while 20 clients create and
 * change records over HTTP. After a restart on the same data, every write it acknowledged
 * is there, at least at the version its response gave (acknowledged means synced).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { request, startServerProcess, type ServerProcess } from './server-process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-kill-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps every acknowledged create and change across kill -9 under load', async () => {
  server = await startServerProcess({ DATA_DIR: dataDir });
  const running = server;
  /** id → the highest version a response acknowledged. */
  const acknowledged = new Map<string, number>();
  let stop = false;
  const client = async (n: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const created = await request(running, 'POST', '/api/records/lead', { data: { fullName: `Khách ${n}-${i}`, source: 'phone' } });
        if (created.status !== 201) continue;
        const { id, version } = created.body as { id: string; version: number };
        acknowledged.set(id, version);
        const changed = await request(running, 'PATCH', `/api/records/lead/${id}`, { data: { notes: `lần ${i}` } });
        if (changed.status === 200) acknowledged.set(id, (changed.body as { version: number }).version);
      } catch {
        return; // the server is gone
      }
    }
  };
  const clients = Array.from({ length: 20 }, (_, n) => client(n));
  while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 20));
  running.child.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  expect(await running.exited).toBe('SIGKILL');

  server = await startServerProcess({ DATA_DIR: dataDir });
  const missing: string[] = [];
  for (const [id, version] of acknowledged) {
    const reply = await request(server, 'GET', `/api/records/lead/${id}`);
    if (reply.status !== 200 || (reply.body as { version: number }).version < version) missing.push(`${id}@${version}: ${reply.status}`);
  }
  expect(missing).toEqual([]);
}, 120_000);
