/**
 * Who may send an event, edited in the designer (issue 11.3): an admin makes "Win" a
 * managers' event on the deal pipeline and saves; the server then refuses it from a sales
 * person and offers it to managers only.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { inspector, openEditor, screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { switchLanguage } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('designer: who may send an event', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    ({ page } = await openPage(browser, 'en', { server }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes an event a managers\' one, saves it, and the server holds staff to it', async () => {
    await openEditor(page, server.url, 'deal');
    await page.locator('.transition-label', { hasText: 'Win' }).click();
    const senders = inspector(page).locator('[data-field="event-senders"]');
    await expect(senders.getByRole('radio', { name: 'Anyone who can see the record' }).isChecked()).resolves.toBe(true);
    await senders.getByRole('radio', { name: 'Only these roles (and admins)' }).check();
    // Managers are chosen to start with; sales added, then taken off again.
    await expect(senders.getByRole('checkbox', { name: 'Manager' }).isChecked()).resolves.toBe(true);
    await senders.getByRole('checkbox', { name: 'Sales' }).check();
    await senders.getByRole('checkbox', { name: 'Sales' }).uncheck();
    await screenshot(page, 'designer-event-senders-en');
    await switchLanguage(page, 'vi');
    await inspector(page).locator('[data-field="event-senders"] legend', { hasText: 'Ai được gửi' }).waitFor();
    await screenshot(page, 'designer-event-senders-vi');
    await switchLanguage(page, 'en');

    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').fill('Only managers win deals');
    await dialog.locator('textarea').press('Enter');
    await page.locator('.toast', { hasText: 'Published as version 2' }).waitFor();
    const saved = (await server.api<{ machine: { meta: { senders?: Record<string, unknown> } } }>('GET', '/api/definitions/deal')).body;
    expect(saved.machine.meta.senders).toEqual({ WIN: ['manager'] });

    // A sales person's WIN is refused, naming the event; a manager's is not refused for who sends it.
    await server.createUser('sales.an', ['sales']);
    await server.createUser('mgr.binh', ['manager']);
    const deal = (await server.api<{ id: string }>('POST', '/api/records/deal', { data: { title: 'Đoàn Huế' }, owner: 'sales.an' })).body;
    const asSales = await fetch(`${server.url}/api/records/deal/${deal.id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.signIn('sales.an')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'WIN' }),
    });
    expect(asSales.status).toBe(403);
    expect(((await asSales.json()) as { event: string }).event).toBe('WIN');
    const asManager = await fetch(`${server.url}/api/records/deal/${deal.id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.signIn('mgr.binh')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'WIN' }),
    });
    // Not a permission refusal: the deal is simply not in a stage that accepts WIN yet.
    expect(asManager.status).toBe(409);
  });
});
