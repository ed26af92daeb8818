/**
 * References are names and dates follow the app's language (issue 11.1, 11.5), on the
 * travel CRM: a contract's five references are pickers showing names, never ids; a
 * picker finds a customer typed without Vietnamese marks and is worked with the keyboard;
 * a quote line's product is a picker too; a sales person is offered only the customers
 * they may see; a date reads and is typed as dd/mm/yyyy in Vietnamese and a timestamp in
 * 24-hour time, whatever the browser's own language.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, pickRecord, switchLanguage, typeDay, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.skipIf(!hasChromium)('workspace: reference pickers and dates in the app language', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const ids: Record<string, string> = {};

  const create = async (entity: string, data: Record<string, unknown>, owner = 'sales1'): Promise<string> => {
    const reply = await server.api<{ id: string }>('POST', `/api/records/${entity}`, { data, owner });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id;
  };
  const record = async (entity: string, id: string) =>
    (await server.api<{ data: Record<string, unknown>; version: number }>('GET', `/api/records/${entity}/${id}`)).body;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    // The browser speaks English; the app is set to Vietnamese.
    ({ page, errors } = await openWorkspace(browser, 'vi', server, 'sales1'));
    ids.product = await create('product', { code: 'HL-3N2D', name: 'Hạ Long du thuyền 3N2Đ', kind: 'tour', tourType: 'cruise' });
    ids.tour = await create('tour', { code: 'HL-20270312', name: 'Hạ Long – đoàn 12/03', productId: ids.product, departureDate: '2027-03-12' });
    ids.account = await create('account', { kind: 'individual', name: 'Nguyễn Văn An' });
    ids.otherAccount = await create('account', { kind: 'individual', name: 'Nguyễn Thị Bích' });
    await server.signIn('sales2', ['sales']);
    ids.hidden = await create('account', { kind: 'individual', name: 'Nguyễn Ẩn Danh' }, 'sales2');
    ids.opportunity = await create('opportunity', { title: 'Hạ Long cho gia đình', accountId: ids.account, productId: ids.product, tourId: ids.tour });
    ids.quote = await create('quote', { title: 'Báo giá Hạ Long', opportunityId: ids.opportunity, accountId: ids.account, lines: [{ productId: ids.product, quantity: 2, unitPrice: 5_000_000 }] });
    ids.contract = await create('contract', {
      title: 'Hợp đồng Hạ Long',
      accountId: ids.account,
      opportunityId: ids.opportunity,
      quoteId: ids.quote,
      productId: ids.product,
      tourId: ids.tour,
      depositDueDate: '2027-01-05',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every reference of a contract by name and stage, never by id', async () => {
    await page.goto(`${server.url}/work/contract/${ids.contract}`);
    await page.locator('#root_accountId').waitFor();
    await expect.poll(() => page.inputValue('#root_accountId')).toBe('Nguyễn Văn An');
    expect(await page.inputValue('#root_opportunityId')).toBe('Hạ Long cho gia đình');
    expect(await page.inputValue('#root_quoteId')).toBe('Báo giá Hạ Long');
    expect(await page.inputValue('#root_productId')).toBe('Hạ Long du thuyền 3N2Đ');
    expect(await page.inputValue('#root_tourId')).toBe('Hạ Long – đoàn 12/03');
    const values = await page.locator('.record-form input').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
    expect(values.filter((v) => UUID.test(v))).toEqual([]);
    expect(await page.locator('main').innerText()).not.toMatch(UUID);
    await workspaceScreenshot(page, 'contract-vi');
    await switchLanguage(page, 'en');
    await expect.poll(() => page.locator('label[for="root_accountId"]').textContent()).toContain('Account');
    await workspaceScreenshot(page, 'contract-en');
    await switchLanguage(page, 'vi');
  });

  it('finds a customer typed without marks, with the keyboard, and saves the choice', async () => {
    const input = page.locator('#root_accountId');
    await input.click();
    await input.fill('nguyen thi');
    const option = page.locator('.ref-popover [role="option"]', { hasText: 'Nguyễn Thị Bích' });
    await option.waitFor();
    // Each option names its stage; a sales person is not offered a customer they may not see.
    expect(await page.locator('.ref-popover').innerText()).not.toContain('Ẩn Danh');
    expect(await option.locator('.stage-badge').textContent()).not.toBe('');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('Nguyễn Thị Bích');
    expect(await page.locator('.ref-input:has(#root_accountId) .ref-link').getAttribute('href')).toBe(`/work/account/${ids.otherAccount}`);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(async () => (await record('contract', ids.contract)).data.accountId).toBe(ids.otherAccount);
  });

  it('says so when nothing matches, and clears a reference when its text is removed', async () => {
    const input = page.locator('#root_productId');
    await input.click();
    await input.fill('không có gì như thế');
    await page.locator('.ref-empty', { hasText: 'Không có' }).waitFor();
    await page.keyboard.press('Escape');
    await input.fill('');
    await page.keyboard.press('Tab');
    expect(await page.locator('.ref-input:has(#root_productId) .ref-link').count()).toBe(0);
  });

  it('writes dates dd/mm/yyyy and times in 24 hours in Vietnamese, and stores ISO dates', async () => {
    await page.goto(`${server.url}/work/contract/${ids.contract}`);
    const due = page.locator('#root_depositDueDate');
    await due.waitFor();
    expect((await due.locator('.date-input').innerText()).replace(/\s/g, '')).toBe('05/01/2027');
    await typeDay(page, 'root_depositDueDate', '2027-02-28');
    expect((await due.locator('.date-input').innerText()).replace(/\s/g, '')).toBe('28/02/2027');
    // The calendar speaks Vietnamese.
    await due.locator('.date-toggle').click();
    expect(await page.locator('.date-calendar-head h2').textContent()).toMatch(/tháng 2/i);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(async () => (await record('contract', ids.contract)).data.depositDueDate).toBe('2027-02-28');
    await switchLanguage(page, 'en');
    await expect.poll(async () => (await due.locator('.date-input').innerText()).replace(/\s/g, '')).toBe('28/02/2027');
    await switchLanguage(page, 'vi');
  });

  it("picks a quote line's product by name", async () => {
    await page.goto(`${server.url}/work/quote/${ids.quote}`);
    const line = page.locator('#root_lines_0_productId');
    await line.waitFor();
    await expect.poll(() => line.inputValue()).toBe('Hạ Long du thuyền 3N2Đ');
    await page.locator('.rjsf-field-array button.btn-add, .rjsf-field-array .array-item-add button').first().click();
    await pickRecord(page, 'root_lines_1_productId', 'ha long', 'Hạ Long du thuyền 3N2Đ');
    expect(await page.inputValue('#root_lines_1_productId')).toBe('Hạ Long du thuyền 3N2Đ');
    await page.locator('#root_lines_0_productId').scrollIntoViewIfNeeded();
    await workspaceScreenshot(page, 'quote-lines-vi');
    await switchLanguage(page, 'en');
    await expect.poll(() => page.locator('#root_total').textContent()).toBe('₫10,000,000');
    await workspaceScreenshot(page, 'quote-lines-en');
    await switchLanguage(page, 'vi');
  });

  it('shows computed fields and what automations keep as text, not inputs', async () => {
    await page.goto(`${server.url}/work/quote/${ids.quote}`);
    const amount = page.locator('#root_lines_0_amount');
    await amount.waitFor();
    expect(await amount.evaluate((e) => (e as unknown as { tagName: string }).tagName)).toBe('DIV');
    expect(await amount.textContent()).toBe('10.000.000\u00a0₫');
    expect(await page.locator('#root_total').textContent()).toBe('10.000.000\u00a0₫');
    // A draft quote has not been rejected: its rejection reason is not on the form.
    expect(await page.locator('#root_rejectReason').count()).toBe(0);
    await page.goto(`${server.url}/work/contract/${ids.contract}`);
    await page.locator('#root_outstandingAmount').waitFor();
    expect(await page.locator('#root_signedAt').evaluate((e) => (e as unknown as { tagName: string }).tagName)).toBe('DIV');
    expect(await page.locator('#root_receiptCount').count()).toBe(1);
    expect(await page.locator('input#root_receiptCount').count()).toBe(0);
  });

  it('shows a campaign with its counters as text, in both languages', async () => {
    const campaign = await server.api<{ id: string }>('POST', '/api/records/campaign', {
      data: { name: 'Hè rực rỡ 2027', channel: 'email', budget: 25_000_000, objective: 'Khách gia đình đi biển', scheduledAt: '2027-05-01T02:00:00.000Z' },
    });
    await page.goto(`${server.url}/work/campaign/${campaign.body.id}`);
    await page.locator('#root_name').waitFor();
    // A draft campaign has sent nothing: its counters are not on the form yet.
    expect(await page.locator('#root_openedCount').count()).toBe(0);
    // dd/mm/yyyy and a 24-hour time, in the business time zone (09:00 in Hồ Chí Minh City), in the locale's order.
    const scheduled = async () => (await page.locator('#root_scheduledAt .date-input').innerText()).replace(/[\s\u2066-\u2069]/g, '');
    await expect.poll(scheduled).toContain('01/05/2027');
    expect(await scheduled()).toContain('09:00');
    await workspaceScreenshot(page, 'campaign-vi');
    await switchLanguage(page, 'en');
    await page.locator('label[for="root_name"]', { hasText: 'Campaign name' }).waitFor();
    await workspaceScreenshot(page, 'campaign-en');
    await switchLanguage(page, 'vi');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
