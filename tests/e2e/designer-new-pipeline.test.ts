/**
 * A record type without a developer: an admin creates a "Visa application" pipeline in the
 * designer, links it to the customer's account, publishes it, and a sales person finds it
 * in the workspace and works a record through it, without a restart.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { pickRecord } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('designer: a new pipeline', () => {
  let server: E2eServer;
  let browser: Browser;
  let admin: Page;
  let adminErrors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page: admin, errors: adminErrors } = await openPage(browser, 'en', { server }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is created as a draft, given a link to the account, published, and worked by a sales person', async () => {
    await server.createUser('lan', ['sales'], { name: 'Phạm Thị Lan' });
    const lan = await server.signIn('lan', ['sales']);
    const account = await server.api<{ id: string }>('POST', '/api/records/account', { data: { kind: 'individual', name: 'Nguyễn Văn An', phone: '0912345678' }, owner: 'lan' });
    expect(account.status).toBe(201);

    await admin.goto(`${server.url}/designer`);
    await admin.getByRole('button', { name: '+ New pipeline' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New pipeline' });
    await dialog.locator('input[name="pipeline-name-vi"]').fill('Đơn xin visa');
    await dialog.locator('input[name="pipeline-name-en"]').fill('Visa application');
    expect(await dialog.locator('input[name="pipeline-key"]').inputValue()).toBe('visa-application');
    await dialog.getByLabel('Listed in the workspace under').selectOption('sales');
    await screenshot(admin, 'designer-new-pipeline-en');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await admin.waitForURL(/\/designer\/visa-application$/);
    await admin.waitForSelector('.editor[data-ready="true"]');
    await admin.locator('.change-banner-draft', { hasText: 'nobody sees it until it is published' }).waitFor();
    // Staff do not see a draft.
    expect((await server.api('GET', '/api/definitions/visa-application', undefined, lan)).status).toBe(404);

    await admin.getByRole('link', { name: 'Fields' }).click();
    await admin.locator('input[name="field-key"]').fill('accountId');
    await admin.locator('input[name="field-vi"]').fill('Khách hàng');
    await admin.locator('input[name="field-en"]').fill('Customer');
    await admin.locator('select[name="field-kind"]').selectOption('reference');
    await admin.locator('select[name="field-ref"]').selectOption('account');
    await admin.getByRole('button', { name: 'Add field' }).click();
    await admin.getByRole('button', { name: 'Publish…' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
    await admin.locator('.toast', { hasText: 'Published as version 1' }).waitFor();
    expect(adminErrors.filter((e) => !e.includes('status of 404'))).toEqual([]);

    const { page, errors } = await openPage(browser, 'vi', { server, user: 'lan', roles: ['sales'] });
    await page.goto(`${server.url}/work`);
    await page.locator('.work-sidebar').getByRole('link', { name: 'Đơn xin visa' }).click();
    await page.getByRole('link', { name: '+ Tạo hồ sơ' }).click();
    await page.locator('#root_title').fill('Visa Hàn Quốc cho anh An');
    await pickRecord(page, 'root_accountId', 'Nguyễn', 'Nguyễn Văn An');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.locator('button[data-event="COMPLETE"]:not([disabled])').click();
    await page.locator('.record-stage', { hasText: 'Hoàn tất' }).or(page.getByText('Hoàn tất').first()).waitFor();
    const records = await server.api<{ items: { state: string; data: { accountId: string } }[] }>('GET', '/api/records/visa-application', undefined, lan);
    expect(records.body.items.map((r) => [r.state, r.data.accountId])).toEqual([['done', account.body.id]]);
    expect(errors).toEqual([]);
  });
});
