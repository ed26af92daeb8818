/**
 * The designer's figures for `npm run bench`: time until a generated 100-stage,
 * 300-transition pipeline is interactive in Chromium (first layout by elk included), and
 * the production bundle's size, gzipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import setup from '../e2e/global-setup.js';
import { hasChromium, launchChromium, skipReason, VIEWPORT } from '../e2e/browser.js';
import { ROOT, startE2eServer } from '../e2e/e2e-server.js';
import { report } from './report.js';

const STAGES = 100;
const RUNS = 3;

/** A valid pipeline: a chain of stages, each with NEXT, SKIP and BACK; three JUMPs from the start. */
export function generatedPipeline(stages = STAGES) {
  const labels = (text: string) => ({ vi: text, en: text });
  const key = (i: number) => `s${i}`;
  const states: Record<string, unknown> = {};
  for (let i = 0; i < stages; i++) {
    const last = i === stages - 1;
    states[key(i)] = {
      meta: { labels: labels(`Stage ${i}`) },
      ...(last
        ? { type: 'final' }
        : {
            on: {
              NEXT: key(i + 1),
              SKIP: key(Math.min(i + 2, stages - 1)),
              BACK: key(i === 0 ? stages - 1 : i - 1),
              ...(i === 0 ? { JUMP1: key(Math.floor(stages / 4)), JUMP2: key(Math.floor(stages / 2)), JUMP3: key(Math.floor((3 * stages) / 4)) } : {}),
            },
          }),
    };
  }
  const events = Object.fromEntries(
    ['NEXT', 'SKIP', 'BACK', 'JUMP1', 'JUMP2', 'JUMP3'].map((e) => [e, labels(e)]),
  );
  return {
    schema: {
      type: 'object',
      'x-labels': labels('Bench'),
      required: ['title'],
      properties: { title: { type: 'string', 'x-labels': labels('Title') } },
    },
    machine: { id: 'bench', initial: key(0), meta: { events }, states },
  };
}

// Scripts run in the page, as text: this file is compiled without DOM types.
const RENDERED = `document.querySelectorAll('.react-flow__node').length === ${STAGES} && document.querySelectorAll('.react-flow__edge').length >= 300`;
const FIRST_VISIBLE_STAGE = `(() => {
  const canvas = document.querySelector('.react-flow').getBoundingClientRect();
  const inside = [...document.querySelectorAll('.react-flow__node')].find((n) => {
    const r = n.getBoundingClientRect();
    return r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top && r.bottom <= canvas.bottom;
  });
  return inside && inside.dataset.id;
})()`;

function gzipKb(files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0) / 1024;
}

function bundleSizes(): { total: number; initial: number } {
  const dist = path.join(ROOT, 'designer/dist');
  const assets = readdirSync(path.join(dist, 'assets')).map((f) => path.join(dist, 'assets', f));
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  // What the first page load fetches: index.html and the assets it links.
  const initial = [path.join(dist, 'index.html'), ...assets.filter((f) => html.includes(path.basename(f)))];
  return { total: gzipKb([path.join(dist, 'index.html'), ...assets]), initial: gzipKb(initial) };
}

export async function benchDesigner(): Promise<void> {
  if (!hasChromium) {
    console.log(`bench: designer skipped (${skipReason})`);
    return;
  }
  setup();
  const sizes = bundleSizes();
  const server = await startE2eServer();
  const browser = await launchChromium();
  try {
    const saved = await server.api('PUT', '/api/definitions/bench', {
      ...generatedPipeline(),
      summary: 'bench',
    });
    if (saved.status !== 200)
      throw new Error(`The generated pipeline was refused: ${JSON.stringify(saved.body)}`);
    const token = await server.signIn('admin');
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      // Signed in as admin (the designer is theirs) before the page opens.
      await context.addCookies([{ name: 'tourflow_session', value: token, url: server.url }]);
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${server.url}/designer/bench`);
      await page.waitForSelector('.editor[data-ready="true"]');
      await page.waitForFunction(RENDERED, undefined, { polling: 'raf' });
      // Interactive: the page answers a click on a (visible) stage with its inspector.
      const visible = await page.evaluate<string | undefined>(FIRST_VISIBLE_STAGE);
      await page.locator(`.react-flow__node[data-id="${visible ?? 's0'}"]`).click();
      await page.locator('[data-panel="stage"]').waitFor();
      times.push(performance.now() - start);
      await context.close();
    }
    times.sort((a, b) => a - b);
    report('designer_render_100_stages', Math.round(times[Math.floor(times.length / 2)] ?? Number.NaN), 'ms');
    report('designer_bundle_gzip', Math.round(sizes.total * 10) / 10, 'kB');
    report('designer_bundle_initial_gzip', Math.round(sizes.initial * 10) / 10, 'kB');
  } finally {
    await browser.close();
    await server.stop();
  }
}
