/**
 * A page opened by its address (issue 16): its first requests start from a small script of
 * their own while the browser still reads the app's main script, and are not asked again;
 * the form library, a third of the app's code, is left out of what a board or list loads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { ROOT, startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const DIST = path.join(ROOT, 'designer/dist');

/** The scripts index.html loads or preloads at once (the main entry and what it imports). */
function scriptsLoadedFirst(): string[] {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] ?? '');
}

describe.skipIf(!hasChromium)('workspace: the first load of a page', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the session, the definition and the directory at once, each once', async () => {
    const { page, errors } = await openWorkspace(browser, 'en', server, 'sales1');
    const sent: string[] = [];
    let sentWhenSessionCame = -1;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) sent.push(url.pathname + url.search);
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/me' && sentWhenSessionCame < 0) sentWhenSessionCame = sent.length;
    });
    await page.goto(`${server.url}/work/deal/board`);
    await page.locator('.board-column').first().waitFor();
    // Without the early script the app asks for the definition only once it knows who is signed in.
    const definitionAt = sent.indexOf('/api/definitions/deal');
    expect(definitionAt).toBeGreaterThanOrEqual(0);
    expect(definitionAt).toBeLessThan(sentWhenSessionCame);
    for (const early of ['/api/auth/me', '/api/definitions/deal', '/api/users']) expect(sent.filter((one) => one === early)).toEqual([early]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps the form library out of the scripts a board or a list loads first", () => {
    const first = scriptsLoadedFirst();
    expect(first.some((file) => /\/early-[^/]+\.js$/.test(file))).toBe(true);
    // A string only @rjsf's code holds: in a script of the build, in none loaded first.
    const marker = 'ui:submitButtonOptions';
    const holding = readdirSync(path.join(DIST, 'assets')).filter((file) => file.endsWith('.js') && readFileSync(path.join(DIST, 'assets', file), 'utf8').includes(marker));
    expect(holding.length).toBeGreaterThan(0);
    for (const file of first) expect(readFileSync(path.join(DIST, file), 'utf8').includes(marker), file).toBe(false);
  });

  it('shows a record’s form once its script has come', async () => {
    const { page, errors } = await openWorkspace(browser, 'en', server, 'sales1');
    const created = await server.api<{ id: string }>('POST', '/api/records/deal', { data: { title: 'Hạ Long 3N2Đ' }, owner: 'sales1' });
    expect(created.status).toBe(201);
    await page.goto(`${server.url}/work/deal/${created.body.id}`);
    await page.locator('.record-form input').first().waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
