/**
 * p50/p99 latency of `POST /api/records/:entity/:id/events` over HTTP with 50 concurrent
 * clients (autocannon), against a server in its own process, and that server's peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { peakRssMb, ROOT, startBenchServer } from './bench-server.js';
import { report } from './report.js';

export async function benchHttp(durationSeconds = 10): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-http-'));
  const server = await startBenchServer(dataDir, { DEFINITIONS_DIR: path.join(ROOT, 'tests/bench') });
  try {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
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

/**
 * Static pages served while unauthenticated sign-ins pour in (issue 10.7): 20 a second,
 * each with a new unknown user id from a new address (through a trusted proxy, so that the
 * per-address limit lets every one reach the password hash). The floor is the same pages
 * with no sign-in at all, in the same run.
 */
export async function benchSignInFlood(durationSeconds = 5): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-flood-'));
  const server = await startBenchServer(dataDir, { DEFINITIONS_DIR: path.join(ROOT, 'tests/bench'), TRUST_PROXY: 'true' });
  try {
    const pages = () => autocannon({ url: `${server.url}/`, connections: 20, duration: durationSeconds });
    const quiet = await pages();
    let attempts = 0;
    const pending = new Set<Promise<unknown>>();
    // One attempt every 50 ms, whether or not the earlier ones were answered.
    const flood = setInterval(() => {
      attempts++;
      const address = `10.${(attempts >> 16) & 255}.${(attempts >> 8) & 255}.${attempts & 255}`;
      const attempt = fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ user: `nobody-${attempts}`, password: 'not a password at all' }),
      }).then((r) => r.arrayBuffer(), () => undefined);
      pending.add(attempt);
      void attempt.then(() => pending.delete(attempt));
    }, 50);
    const flooded = await pages();
    clearInterval(flood);
    await Promise.all(pending);
    report('static_pages_quiet', quiet.requests.average, 'req/s');
    report('static_pages_during_sign_in_flood', flooded.requests.average, 'req/s');
    report('static_pages_flood_over_quiet', flooded.requests.average / quiet.requests.average, 'ratio');
    report('sign_in_flood_attempts', attempts, 'attempts');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
