/**
 * Regression (issue 10.16): the server listened on every interface whatever it printed,
 * and a port already in use ended the start with a stack trace. It listens on HOST
 * (`localhost` by default) and says what to do when the port is taken.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../engine/config.js';
import { startServerProcess } from './server-process.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('where the server listens', () => {
  it('reads HOST, localhost by default, and refuses a malformed one', () => {
    expect(readConfig({}, '/tmp').host).toBe('localhost');
    expect(readConfig({ HOST: '0.0.0.0' }, '/tmp').host).toBe('0.0.0.0');
    expect(() => readConfig({ HOST: 'a b' }, '/tmp')).toThrow(/HOST must be a host name/);
  });

  it('listens on localhost only by default, and says so', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-listen-'));
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
      const port = Number(new URL(server.url).port);
      const reply = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(reply.status).toBe(200);
      // Not reachable on this machine's other addresses.
      const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
      if (external) await expect(fetch(`http://${external.address}:${port}/api/health`)).rejects.toThrow();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says the port is in use, without a stack trace, and exits', async () => {
    const taken = createServer().listen(0, 'localhost');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-listen-'));
    try {
      const start = startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
      const error = await start.then(() => undefined, (e: unknown) => e as Error);
      expect(error?.message).toContain(`Port ${port} is already in use`);
      expect(error?.message).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
