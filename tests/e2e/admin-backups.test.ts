/**
 * Backups in the browser (issue 17): the admin sees that none exists yet and when the
 * server backs up by itself, backs up now, follows the step under way, and finds the
 * backup listed with its time (dd/mm/yyyy in Vietnamese) and size. Others cannot.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('admin: backups', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'vi', server, 'admin', ['admin']));
    await server.api('POST', '/api/records/inquiry', { data: { subject: 'Tour Hội An cho Nguyễn Văn An' } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('backs up now, says what it is doing, and lists the backup', async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('link', { name: 'Sao lưu' }).click();
    await page.locator('.backups-empty').waitFor();
    expect(await page.locator('.backups-now p').first().textContent()).toContain('Máy chủ tự sao lưu lúc 02:00 hằng ngày. Lần tới:');
    await workspaceScreenshot(page, 'admin-backups-empty-vi');
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    const row = page.locator('.backups-table tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().locator('td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await row.first().locator('td.num').textContent()).toMatch(/^\d+(,\d)? (KB|MB)$/);
    await page.locator('.backups-last[data-ok="true"]').waitFor();
    expect(await page.locator('.backups-last').textContent()).toMatch(/^Lần sao lưu gần nhất: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; số bản ghi: 1; dung lượng: \d+ KB\.$/);
    const status = await server.api<{ backups: { name: string }[]; last: { ok: boolean; by: string } }>('GET', '/api/admin/backups');
    expect(status.body.last).toMatchObject({ ok: true, by: 'admin' });
    expect(await row.first().locator('code').textContent()).toBe(status.body.backups[0]?.name);
    await workspaceScreenshot(page, 'admin-backups-vi');
    await switchLanguage(page, 'en');
    await page.getByRole('button', { name: 'Back up now' }).waitFor();
    await workspaceScreenshot(page, 'admin-backups-en');
    expect(errors).toEqual([]);
  });

  it('is for admins only', async () => {
    const token = await server.signIn('sales.an', ['sales']);
    const reply = await server.api('GET', '/api/admin/backups', undefined, token);
    expect(reply.status).toBe(403);
    const started = await server.api('POST', '/api/admin/backups', undefined, token);
    expect(started.status).toBe(403);
  });
});
