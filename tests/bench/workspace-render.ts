/**
 * First render of the staff workspace's board and list in Chromium, each in a fresh
 * browser context (no cache): from navigation until every column shows its cards (the
 * list: its first page of rows) and a card (a row's link) would take a click.
 */
import type { Browser, Page } from 'playwright-core';
import { VIEWPORT } from '../e2e/browser.js';

export interface RenderRun {
  ms: number;
  /** Requests to /api/records the page made before it was interactive, and their bodies' size. */
  recordRequests: number;
  recordBytes: number;
}

// Scripts run in the page, as text: this file is compiled without DOM types.
/** Every column's cards are there: as many as its count says, up to the page the board asks for. */
const BOARD_RENDERED = (columns: number, perColumn: number) => `(() => {
  const columns = [...document.querySelectorAll('.board-column')];
  if (columns.length !== ${columns}) return false;
  return columns.every((column) => {
    const total = Number((column.querySelector('.count')?.textContent ?? '').replace(/\\D/g, ''));
    return column.querySelectorAll('.board-card').length === Math.min(total, ${perColumn});
  });
})()`;
const LIST_RENDERED = (rows: number) =>
  `document.querySelectorAll('.work-table tbody tr').length === ${rows} && /\\d/.test(document.querySelector('.pager')?.textContent ?? '')`;

/** A new context signed in with `token` (the session cookie), in English. */
async function openAs(browser: Browser, baseUrl: string, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  await context.addCookies([{ name: 'tourflow_session', value: token, url: baseUrl }]);
  await context.addInitScript({ content: `localStorage.setItem('tourflow.lang', 'en');` });
  return context.newPage();
}

async function measure(page: Page, url: string, rendered: string, clickable: string): Promise<RenderRun> {
  let recordRequests = 0;
  let recordBytes = 0;
  let interactive = false;
  page.on('response', (response) => {
    if (interactive || !response.url().includes('/api/records/')) return;
    recordRequests++;
    void response.body().then(
      (body) => void (recordBytes += body.length),
      () => undefined,
    );
  });
  const start = performance.now();
  await page.goto(url);
  await page.waitForFunction(rendered, undefined, { polling: 'raf', timeout: 60_000 });
  // Interactive: the element takes a click (visible, stable, enabled, not covered).
  await page.locator(clickable).first().click({ trial: true });
  const ms = performance.now() - start;
  interactive = true;
  return { ms, recordRequests, recordBytes };
}

/**
 * `runs` first renders of `/work/:entity/board`, each in a new context signed in with `token`.
 * @example await boardRuns(browser, url, 'opportunity', 'admin', { columns: 5, perColumn: 30 }, 5);
 */
export async function boardRuns(
  browser: Browser,
  baseUrl: string,
  entity: string,
  token: string,
  shape: { columns: number; perColumn: number },
  runs: number,
): Promise<RenderRun[]> {
  const results: RenderRun[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await openAs(browser, baseUrl, token);
    results.push(
      await measure(
        page,
        `${baseUrl}/work/${entity}/board`,
        BOARD_RENDERED(shape.columns, shape.perColumn),
        '.board-card .board-card-title',
      ),
    );
    await page.context().close();
  }
  return results;
}

/**
 * `runs` first renders of `/work/:entity/list` (its first page of `rows`), each in a new context.
 * @example await listRuns(browser, url, 'opportunity', 'admin', 25, 5);
 */
export async function listRuns(
  browser: Browser,
  baseUrl: string,
  entity: string,
  token: string,
  rows: number,
  runs: number,
): Promise<RenderRun[]> {
  const results: RenderRun[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await openAs(browser, baseUrl, token);
    results.push(
      await measure(page, `${baseUrl}/work/${entity}/list`, LIST_RENDERED(rows), '.work-table tbody tr a'),
    );
    await page.context().close();
  }
  return results;
}
