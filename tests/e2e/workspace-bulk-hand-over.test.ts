/**
 * Handing many records over from a list (issue 13: "bulk reassignment from a list"): a
 * manager ticks leads of a sales person who is leaving, hands them to a colleague in one
 * go with progress, and can undo it; every record says who had it before.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('workspace: handing a list’s records over at once', () => {
  let server: E2eServer;
  let browser: Browser;
  const ids: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    await server.createUser('sales.minh', ['sales'], { name: 'Lê Văn Minh' });
    await server.createUser('sales.huong', ['sales'], { name: 'Đỗ Thu Hương' });
    await server.createUser('manager.ha', ['manager'], { name: 'Nguyễn Thu Hà' });
    for (const fullName of ['Phan Văn Đạt', 'Trần Thị Hoa', 'Vũ Minh Khôi']) {
      const lead = await server.api<{ id: string }>('POST', '/api/records/lead', { data: { fullName, source: 'phone', phone: '0903 111 222' }, owner: 'sales.minh' });
      expect(lead.status).toBe(201);
      ids.push(lead.body.id);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const owners = async () => Promise.all(ids.map(async (id) => (await server.api<{ owner?: string }>('GET', `/api/records/lead/${id}`)).body.owner));

  it('hands ticked leads to a colleague, and undoes it', async () => {
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'manager.ha', ['manager']);
    await page.goto(`${server.url}/work/lead/list`);
    await page.locator(`tr[data-record="${ids[0]}"]`).waitFor();
    await page.getByRole('checkbox', { name: 'Chọn Phan Văn Đạt' }).check();
    await page.getByRole('checkbox', { name: 'Chọn Trần Thị Hoa' }).check();
    await page.getByText('Đã chọn 2').waitFor();
    await page.getByRole('region', { name: 'Bản ghi đã chọn' }).getByRole('button', { name: 'Giao cho…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#hand-over-owner').selectOption('sales.huong');
    await dialog.getByRole('button', { name: 'Giao', exact: true }).click();
    await page.getByText('Đã giao 2 bản ghi cho').waitFor();
    expect(await owners()).toEqual(['sales.huong', 'sales.huong', 'sales.minh']);
    await workspaceScreenshot(page, 'workspace-bulk-hand-over-vi');
    await page.getByRole('button', { name: 'Hoàn tác' }).click();
    await page.getByText('Đã trả lại 2 bản ghi.').waitFor();
    expect(await owners()).toEqual(['sales.minh', 'sales.minh', 'sales.minh']);

    // Ticking the whole page, in English.
    await switchLanguage(page, 'en');
    await page.getByRole('checkbox', { name: 'Select every record on this page' }).check();
    await page.getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect.poll(() => page.getByText('3 selected').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
