/**
 * The real server, compiled as `npm start` runs it (`dist/engine/main.js`, built once per
 * bench run), in its own process for the HTTP benchmarks, signed
 * in as `admin`: the password is made up per run and handed to the server (and to any
 * seeding that opens the same data first) through ADMIN_PASSWORD.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildServer } from '../../engine/build/build-server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The first admin's password for every store this run creates. */
export const BENCH_PASSWORD = randomBytes(18).toString('base64url');

let built: Promise<number> | undefined;

export interface BenchServer {
  url: string;
  pid: number;
  /** A session of `admin`, for `Authorization: Bearer` or the `tourflow_session` cookie. */
  token: string;
  stop(): Promise<void>;
}

/** Start the server on `dataDir` with `env` (DEFINITIONS_DIR, DEMO_DATA, …) and sign in. */
export async function startBenchServer(dataDir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchServer> {
  // `nodeArgs`: e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/p'] to profile the server (not allowed in NODE_OPTIONS).
  built ??= buildServer();
  await built;
  const child = spawn(process.execPath, [...nodeArgs, 'dist/engine/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ADMIN_PASSWORD: BENCH_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    return { url, pid: child.pid as number, token: await signIn(url, 'admin'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A session token of `user` (made with BENCH_PASSWORD) on the server at `url`. */
export async function signIn(url: string, user: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password: BENCH_PASSWORD }),
  });
  if (!login.ok) throw new Error(`signing in to the bench server as ${user} failed: ${login.status} ${await login.text()}`);
  return ((await login.json()) as { token: string }).token;
}

/** The server's peak resident memory so far, from /proc. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}
