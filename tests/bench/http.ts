/**
 * p50/p99 latency of `POST /api/records/:entity/:id/events` over HTTP with 50 concurrent
 * clients (autocannon), against a server in its own process, and that server's peak RSS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { report } from './report.js';

const root = path.resolve(import.meta.dirname, '../..');

async function startServer(dataDir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DEFINITIONS_DIR: path.join(root, 'tests/bench') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, pid: child.pid as number, stop };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export async function benchHttp(durationSeconds = 10): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-http-'));
  const server = await startServer(dataDir);
  try {
    const headers = { 'content-type': 'application/json', 'x-actor': 'bench' };
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const res = await fetch(`${server.url}/api/records/toggle`, { method: 'POST', headers, body: JSON.stringify({ data: { name: `r${i}`, amount: i } }) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    const body = JSON.stringify({ type: 'TOGGLE' });
    const result = await autocannon({
      url: server.url,
      connections: 50,
      duration: durationSeconds,
      requests: [
        {
          method: 'POST',
          headers,
          body,
          setupRequest: (req) => ({ ...req, path: `/api/records/toggle/${ids[Math.floor(Math.random() * ids.length)]}/events` }),
        },
      ],
    });
    report('http_events_p50', result.latency.p50, 'ms');
    report('http_events_p99', result.latency.p99, 'ms');
    report('http_events_throughput', result.requests.average, 'req/s');
    report('http_events_non2xx', result.non2xx, 'responses');
    report('server_peak_rss', peakRssMb(server.pid), 'MB');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
