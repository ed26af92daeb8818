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
