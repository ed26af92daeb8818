/**
 * Regression (issue 10.2): a full disk ended the process (lmdb's failed flush left a
 * promise rejected that nobody awaited). With DATA_DIR on a small tmpfs, writes until the
 * disk is full: the server keeps running, answers writes with 503 `store-unavailable`,
 * keeps serving reads, takes writes again once space returns, and loses nothing it
 * acknowledged. Needs root to mount the tmpfs; skipped elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request, startServerProcess, type ServerProcess } from './server-process.js';

const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'tourflow-full-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  // Not root, or no mount(8): the test below is skipped.
}

let server: ServerProcess | undefined;
beforeAll(() => {
  // Taken now, so that the store's own growth meets a full disk within a few hundred writes.
  if (mounted) writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(1024 * 1024));
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

it.skipIf(!mounted)('keeps running on a full disk: 503 for writes, reads served, writes again once space returns, nothing acknowledged lost', async () => {
  server = await startServerProcess({ DATA_DIR: path.join(mountPoint, 'data') });
  const notes = 'x'.repeat(2000);
  const acknowledged: string[] = [];
  let refused: { status: number; type: string; body: unknown; headers: Headers } | undefined;
  for (let i = 0; i < 5000 && refused === undefined; i++) {
    const replies = await Promise.all(
      [0, 1, 2, 3].map((k) => request(server!, 'POST', '/api/records/lead', { data: { fullName: `Khách ${i}-${k}`, notes, source: 'web-form' } })),
    );
    for (const reply of replies) {
      if (reply.status === 201) acknowledged.push((reply.body as { id: string }).id);
      else refused ??= reply;
    }
  }
  expect(refused, 'the disk never filled').toBeDefined();
  expect(refused?.status).toBe(503);
  expect(refused?.type).toContain('application/problem+json');
  expect(refused?.body).toMatchObject({ type: 'urn:tourflow:problem:store-unavailable' });
  expect(refused?.headers.get('retry-after')).toBeTruthy();

  // Still alive, and reads are served.
  const read = await request(server, 'GET', `/api/records/lead/${acknowledged[0]}`);
  expect(read.status).toBe(200);

  // Space returns: writes are taken again without a restart.
  rmSync(path.join(mountPoint, 'filler'));
  const after = await request(server, 'POST', '/api/records/lead', { data: { fullName: 'Sau khi dọn đĩa', source: 'web-form' } });
  expect(after.status).toBe(201);

  // Nothing acknowledged is lost, across a restart too.
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  server = await startServerProcess({ DATA_DIR: path.join(mountPoint, 'data') });
  const page = await request(server, 'GET', '/api/records/lead?limit=1');
  expect((page.body as { total: number }).total).toBe(acknowledged.length + 1);
  for (const id of [acknowledged[0], acknowledged.at(-1)]) expect((await request(server, 'GET', `/api/records/lead/${id}`)).status).toBe(200);
}, 120_000);
