/**
 * The real server for browser tests: `node --import tsx engine/main.ts` in a child
 * process (one PID stops it), on a free port, with a fresh data directory and a
 * definitions directory holding a copy of the mini-crm pack. It serves designer/dist.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const MINI_CRM = path.join(ROOT, 'tests/fixtures/packs/mini-crm');

export interface E2eServer {
  url: string;
  /** A JSON call to the API as user `e2e`. */
  api<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** Another pack than mini-crm (a folder of definitions/, e.g. 'travel-crm'), with its demo data off. */
export interface E2eServerOptions {
  pack?: string;
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tourflow-e2e-'));
  const definitions = path.join(dir, 'definitions');
  const pack = options.pack ? path.join(ROOT, 'definitions', options.pack) : MINI_CRM;
  await cp(pack, path.join(definitions, options.pack ?? 'mini-crm'), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: path.join(dir, 'data'),
      DEFINITIONS_DIR: definitions,
      PLUGINS_DIR: path.join(dir, 'plugins'),
      STATIC_DIR: path.join(ROOT, 'designer/dist'),
      ...(options.pack ? { DEMO_DATA: 'off' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    async api<T>(method: string, route: string, body?: unknown) {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { 'x-actor': 'e2e', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
