/**
 * Handing a record over from its page (DOMAIN.md: "an operator can hand a lead to someone
 * else at any time"): the owner gives it to a colleague, who then sees it while the
 * former owner no longer does; the timeline says who handed it to whom.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, workspaceScreenshot } from './workspace-page.js';

interface RecordView {
  id: string;
  owner?: string;
  handler?: string;
}

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('workspace: handing a record over', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    await server.createUser('sales2', ['sales'], { name: 'Đỗ Thu Hương' });
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('gives a lead to a colleague, who then owns it; the former owner no longer sees it', async () => {
    const lead = await server.api<RecordView>('POST', '/api/records/lead', {
      data: { fullName: 'Phan Văn Đạt', source: 'phone', phone: '0903 111 222' },
      owner: 'sales1',
    });
    expect(lead.status).toBe(201);
    await page.goto(`${server.url}/work/lead/${lead.body.id}`);
    expect(await page.getByTestId('record-owner').locator('[data-user]').getAttribute('data-user')).toBe('sales1');
    // The timeline says what the stage's reminder is about, not its id.
    expect(await page.locator('.timeline-reminder').first().textContent()).toContain('New lead not contacted after 4 hours · set');
    await page.getByRole('button', { name: 'Hand over…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand this record over' });
    await dialog.locator('#hand-over-owner').selectOption('sales2');
    await dialog.locator('#hand-over-handler').selectOption('sales1');
    await workspaceScreenshot(page, 'workspace-hand-over-en');
    await dialog.getByRole('button', { name: 'Hand over', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // People by name, their ids in data-user.
    await page.getByTestId('record-owner').locator('[data-user="sales2"]', { hasText: 'Đỗ Thu Hương' }).waitFor();
    expect(await page.getByTestId('record-handler').locator('[data-user]').getAttribute('data-user')).toBe('sales1');
    await page.locator('.timeline-assigned', { hasText: 'Owner: Đỗ Thu Hương' }).waitFor();
    const stored = (await server.api<RecordView>('GET', `/api/records/lead/${lead.body.id}`)).body;
    expect([stored.owner, stored.handler]).toEqual(['sales2', 'sales1']);
    // No longer the owner, only the handler: sales1 may not hand it over again, and is told why.
    await page.getByRole('button', { name: 'Hand over…' }).click();
    await dialog.locator('#hand-over-handler').selectOption('');
    await dialog.getByRole('button', { name: 'Hand over', exact: true }).click();
    await page.locator('.toast', { hasText: 'Only the owner' }).waitFor();
    await page.keyboard.press('Escape');
    expect((await server.api<RecordView>('GET', `/api/records/lead/${lead.body.id}`)).body.handler).toBe('sales1');
    // Once a manager takes the handling from sales1 too, the lead is out of sales1's sight.
    const manager = await server.signIn('manager1', ['manager']);
    const cleared = await server.api('POST', `/api/records/lead/${lead.body.id}/assign`, { handler: null }, manager);
    expect(cleared.status).toBe(200);
    await page.reload();
    await page.getByText(/Could not load/).waitFor();
    expect(await page.getByTestId('record-owner').count()).toBe(0);
    // The refused hand-over (403) and the lead out of sight (404) are the only failed loads.
    expect(errors.filter((e) => !/status of 40[34]/.test(e))).toEqual([]);
  });
});
