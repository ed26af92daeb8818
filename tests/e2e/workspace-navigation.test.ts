/**
 * Navigation by the business (issue 11.8) on the travel CRM: the sidebar groups record
 * types as the pack declares (Marketing, Sales, Operations, Care, Management) in the
 * order of the flow; a board column shows its count and the total of the declared money
 * field; a board wider than the page says so and scrolls with a button.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('workspace: navigation groups and board totals', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
    for (const [title, amount] of [['Hạ Long', 12_500_000], ['Sa Pa', 7_500_000]] as const) {
      const created = await server.api<{ id: string }>('POST', '/api/records/opportunity', { data: { title, budget: amount }, owner: 'sales1' });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('groups record types by the business and opens a board in one click', async () => {
    await page.goto(`${server.url}/work/opportunity/board`);
    const sidebar = page.locator('.work-sidebar');
    await sidebar.locator('.work-group').first().waitFor();
    expect(await sidebar.locator('.work-group h2').allTextContents()).toEqual(['Marketing', 'Sales', 'Operations', 'Customer care', 'Management']);
    expect(await sidebar.locator('[data-group="marketing"] a').allTextContents()).toEqual(['Marketing campaign', 'Target', 'Lead', 'Conversation']);
    expect(await sidebar.locator('a[aria-current="page"]').textContent()).toBe('Opportunity');
    await sidebar.getByRole('link', { name: 'Contract' }).click();
    await page.waitForURL(/\/work\/contract\/board$/);
    expect(await page.locator('.work-title').textContent()).toBe('Contract');
  });

  it('shows each column’s count and the total of its money field', async () => {
    // The deals' value is their amount: set it as a person would not (it is the quote's), through the API.
    const list = await server.api<{ items: { id: string; version: number; state: string }[] }>('GET', '/api/records/opportunity');
    for (const [i, record] of list.body.items.entries())
      await server.api('PATCH', `/api/records/opportunity/${record.id}`, { data: { amount: [12_500_000, 7_500_000][i] }, version: record.version });
    await page.goto(`${server.url}/work/opportunity/board`);
    const column = page.locator(`.board-column[data-stage="${list.body.items[0]?.state ?? ''}"]`);
    await column.locator('.board-card').first().waitFor();
    expect(await column.locator('.count').textContent()).toBe('2');
    expect(await column.locator('.board-column-sum').textContent()).toBe('₫20,000,000');
    await switchLanguage(page, 'vi');
    await expect.poll(() => column.locator('.board-column-sum').textContent()).toBe('20.000.000\u00a0₫');
    await workspaceScreenshot(page, 'board-vi');
    await switchLanguage(page, 'en');
    await workspaceScreenshot(page, 'board-en');
  });

  it('says when stages lie beyond the edge, and scrolls to them', async () => {
    const board = page.locator('.board');
    expect(await page.locator('.board-frame').getAttribute('data-more-right')).toBe('true');
    expect(await page.locator('.board-scroll-left').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the stages to the right' }).click();
    await expect.poll(() => board.evaluate((e) => (e as unknown as { scrollLeft: number }).scrollLeft)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show the stages to the left' }).waitFor();
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
