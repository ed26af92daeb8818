/**
 * The staff workspace with 10,000 opportunities in the sales pipeline: how long seeding
 * them through the engine takes; the board's and the list's first render in Chromium (time
 * to interactive, median and max of several runs); the list API's latency under load for
 * the requests the pages send, against the floor of the same store queries alone.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import setup from '../e2e/global-setup.js';
import { hasChromium, launchChromium, skipReason } from '../e2e/browser.js';
import { peakRssMb, ROOT, signIn, startBenchServer } from './bench-server.js';
import { listPath, listRequests, loadTest, storeFloor } from './workspace-api.js';
import { boardRuns, listRuns, type RenderRun } from './workspace-render.js';
import { OWNERS, seedPipeline, STAGE_SHARES } from './workspace-seed.js';
import { percentile, report } from './report.js';

const OPPORTUNITIES = Number(process.env.BENCH_WORKSPACE_RECORDS ?? 10_000);
/** In the figures' names: 10k. */
const SIZE = OPPORTUNITIES % 1000 === 0 ? `${OPPORTUNITIES / 1000}k` : String(OPPORTUNITIES);
const RUNS = 5;
/** Whose scoped list is measured beside the admin's: one of the five who own the pipeline. */
const SALES_PERSON = OWNERS[0];
const CONNECTIONS = 10;

function reportRenders(name: string, runs: RenderRun[]): void {
  const times = runs.map((run) => run.ms);
  report(`${name}_median`, Math.round(percentile(times, 50)), 'ms');
  report(`${name}_max`, Math.round(Math.max(...times)), 'ms');
  const last = runs[runs.length - 1];
  if (last) {
    report(`${name}_record_requests`, last.recordRequests, 'requests');
    report(`${name}_record_kb`, Math.round(last.recordBytes / 102.4) / 10, 'kB');
  }
}

export async function benchWorkspace(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-workspace-'));
  try {
    const seeded = await seedPipeline(dataDir, OPPORTUNITIES);
    report('workspace_seed_opportunities', seeded.opportunities, 'records');
    report('workspace_seed_seconds', seeded.ms / 1000, 's');
    report('workspace_seed_rate', Math.round(seeded.records / (seeded.ms / 1000)), 'records/s');

    const requests = listRequests('open.proposal', STAGE_SHARES[0][0], SALES_PERSON);
    const floors = await storeFloor(dataDir, 'opportunity', requests, 50);

    if (hasChromium && !existsSync(path.join(ROOT, 'designer/dist/index.html'))) setup();
    const server = await startBenchServer(dataDir, {
      DEFINITIONS_DIR: path.join(ROOT, 'definitions'),
      PLUGINS_DIR: path.join(ROOT, 'plugins'),
      STATIC_DIR: path.join(ROOT, 'designer/dist'),
      DEMO_DATA: 'off',
    });
    try {
      if (hasChromium) {
        const browser = await launchChromium();
        try {
          const shape = { columns: STAGE_SHARES.length, perColumn: 30 };
          reportRenders(
            `workspace_board_render_${SIZE}`,
            await boardRuns(browser, server.url, 'opportunity', server.token, shape, RUNS),
          );
          reportRenders(
            `workspace_list_render_${SIZE}`,
            await listRuns(browser, server.url, 'opportunity', server.token, 25, RUNS),
          );
        } finally {
          await browser.close();
        }
      } else console.log(`bench: workspace render skipped (${skipReason})`);

      const seconds = Number(process.env.BENCH_LIST_SECONDS ?? 5);
      const salesToken = await signIn(server.url, SALES_PERSON);
      for (const request of requests) {
        const load = await loadTest(
          server.url,
          listPath('opportunity', request),
          request.reader === undefined ? server.token : salesToken,
          CONNECTIONS,
          seconds,
        );
        const floor = floors.get(request.name);
        const name = `workspace_list_api_${request.name}`;
        report(`${name}_p50`, load.p50, 'ms');
        report(`${name}_p99`, load.p99, 'ms');
        report(`${name}_throughput`, load.throughput, 'req/s');
        report(`${name}_non2xx`, load.non2xx, 'responses');
        if (floor) {
          report(`workspace_list_store_${request.name}_p50`, floor.p50, 'ms');
          report(`workspace_list_store_${request.name}_p99`, floor.p99, 'ms');
          report(`workspace_list_store_${request.name}_matches`, floor.total, 'records');
          report(`${name}_over_floor`, load.throughput / (1000 / floor.p50), 'ratio');
        }
      }
      report('workspace_server_peak_rss', peakRssMb(server.pid), 'MB');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
