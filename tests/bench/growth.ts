/**
 * How cost grows with the data (issue 16): transitions (beside their floor), the list API
 * and memory at 10 k, 100 k and 1 M records, each size in a process of its own
 * (./growth-child.ts). After the figures, each one's growth per tenfold: 1 is flat, 10 is
 * linear; a transition rate that halves shows as 0.5.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { GrowthFigures } from './growth-child.js';
import { report } from './report.js';

const SIZES = (process.env.BENCH_GROWTH_SIZES ?? '10000,100000,1000000').split(',').map(Number);

function label(records: number): string {
  return records >= 1_000_000 ? `${records / 1_000_000}m` : `${records / 1000}k`;
}

function measure(records: number): Promise<GrowthFigures> {
  const child = spawn(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', path.join(import.meta.dirname, 'growth-child.ts'), String(records)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as GrowthFigures);
      else reject(new Error(`the growth bench at ${records} records exited with ${code}`));
    });
  });
}

const FIGURES: [keyof GrowthFigures, string, string][] = [
  ['transitionsPerSecond', 'transitions_concurrent50', 'ops/s'],
  ['floorTransitionsPerSecond', 'transitions_concurrent50_floor', 'ops/s'],
  ['listIndexedP50', 'list_indexed_p50', 'ms'],
  ['listIndexedP99', 'list_indexed_p99', 'ms'],
  ['listFieldSortP50', 'list_field_sort_p50', 'ms'],
  ['listFieldSortP99', 'list_field_sort_p99', 'ms'],
  ['heapMb', 'heap_after_gc', 'MB'],
  ['rssMb', 'rss', 'MB'],
  ['rssAnonMb', 'rss_anon', 'MB'],
  ['openSeconds', 'open', 's'],
];

export async function benchGrowth(): Promise<void> {
  let previous: GrowthFigures | undefined;
  for (const records of SIZES) {
    const figures = await measure(records);
    const size = label(records);
    for (const [field, name, unit] of FIGURES) report(`growth_${size}_${name}`, figures[field], unit);
    report(`growth_${size}_transitions_engine_over_floor`, figures.transitionsPerSecond / figures.floorTransitionsPerSecond, 'ratio');
    if (previous) {
      const per = `per_tenfold_from_${label(previous.records)}`;
      const factor = (field: keyof GrowthFigures) => (figures[field] / previous![field]) ** (1 / Math.log10(records / previous!.records));
      report(`growth_${size}_transitions_${per}`, factor('transitionsPerSecond'), 'x');
      report(`growth_${size}_list_indexed_p50_${per}`, factor('listIndexedP50'), 'x');
      report(`growth_${size}_heap_${per}`, factor('heapMb'), 'x');
    }
    previous = figures;
  }
}
