/**
 * Failed automations in the browser (issue 11.6), on the travel CRM: a deposit recorded
 * against a contract still in draft cannot reach it; the payment's timeline says why in
 * words, and the admin's "Automations" page lists it and dismisses it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('admin: failed automations', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let paymentId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'vi', server, 'admin', ['admin']));
    const contract = await server.api<{ id: string }>('POST', '/api/records/contract', { data: { title: 'Hợp đồng nháp Huế' } });
    const payment = await server.api<{ id: string }>('POST', '/api/records/payment', { data: { title: 'Đặt cọc Huế', kind: 'receipt', amount: 2_000_000, isDeposit: true, contractId: contract.body.id } });
    paymentId = payment.body.id;
    const paid = await server.api('POST', `/api/records/payment/${paymentId}/events`, { type: 'PAY', data: { paidAt: '2027-01-05T02:00:00.000Z', method: 'cash' } });
    expect(paid.status).toBe(200);
    for (let tries = 0; tries < 150; tries++) {
      if ((await server.api<{ total: number }>('GET', '/api/automations/failed')).body.total === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("says on the record's timeline why the automation did not run, in words", async () => {
    await page.goto(`${server.url}/work/payment/${paymentId}`);
    const failed = page.locator('.timeline-effect-failed').first();
    await failed.waitFor();
    expect(await failed.locator('.timeline-error').textContent()).toBe('Hồ sơ liên quan đang ở giai đoạn không nhận bước này.');
    expect(await failed.textContent()).not.toContain('DEPOSIT_RECEIVED');
  });

  it('lists it for the admin, who dismisses it', async () => {
    await page.getByRole('link', { name: 'Tự động hóa' }).click();
    const item = page.locator('.automation-item').first();
    await item.waitFor();
    expect(await item.locator('.automation-record').textContent()).toContain('Đặt cọc Huế');
    expect(await item.locator('.automation-reason').textContent()).toBe('Hồ sơ liên quan đang ở giai đoạn không nhận bước này.');
    await workspaceScreenshot(page, 'admin-automations-vi');
    await item.getByRole('button', { name: 'Bỏ qua' }).click();
    await page.locator('.automations-empty').waitFor();
    expect((await server.api<{ total: number }>('GET', '/api/automations/failed')).body.total).toBe(0);
    expect(errors).toEqual([]);
  });
});
