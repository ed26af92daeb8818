/**
 * The record page's related records and record views, on the travel CRM pack: an
 * account shows its customer view (transaction history with tour name, tour type,
 * departure date and travellers; interest list), and the chain of one sale is walked
 * by clicking related links: account → opportunity → quote → contract → payment →
 * (back to the contract) → traveller → tour. Screenshots of the account in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

type Ids = Record<'product' | 'otherProduct' | 'tour' | 'account' | 'opportunity' | 'quote' | 'contract' | 'payment' | 'traveller', string>;

describe.skipIf(!hasChromium)('workspace: related records and the customer view', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const ids = {} as Ids;

  // Made by the admin for sales1, who then walks them: a sales person sees the records they own.
  const create = async (entity: string, data: Record<string, unknown>): Promise<string> => {
    const reply = await server.api<{ id: string }>('POST', `/api/records/${entity}`, { data, owner: 'sales1' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id;
  };
  const related = () => page.getByTestId('related-records');
  /** Click the related panel's link to a record and wait for its page. */
  const follow = async (entity: string, id: string) => {
    await related().locator(`a[data-record="${id}"]`).first().click();
    await page.waitForURL(new RegExp(`/work/${entity}/${id}$`));
    await related().locator('.related-group').first().waitFor();
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
    ids.product = await create('product', { code: 'HL-3N2D', name: 'Hạ Long du thuyền 3N2Đ', kind: 'tour', tourType: 'cruise' });
    ids.otherProduct = await create('product', { code: 'SP-3N2D', name: 'Sa Pa – Fansipan 3N2Đ', kind: 'tour', tourType: 'mountain' });
    ids.tour = await create('tour', { code: 'HL-20270312', name: 'Hạ Long 3N2Đ – đoàn 12/03', productId: ids.product, departureDate: '2027-03-12' });
    ids.account = await create('account', { kind: 'individual', name: 'Nguyễn Văn An', interests: ['Hạ Long', 'Sa Pa'] });
    const trip = { accountId: ids.account, productId: ids.product, tourId: ids.tour, travellerCount: 3 };
    await create('opportunity', { title: 'Sa Pa mùa lúa chín', accountId: ids.account, productId: ids.otherProduct, departureDate: '2027-09-20', travellerCount: 2 });
    ids.opportunity = await create('opportunity', { title: 'Hạ Long cho gia đình', ...trip, departureDate: '2027-03-12' });
    ids.quote = await create('quote', { title: 'Báo giá Hạ Long', opportunityId: ids.opportunity, ...trip });
    ids.contract = await create('contract', { title: 'Hợp đồng Hạ Long', opportunityId: ids.opportunity, quoteId: ids.quote, ...trip, totalValue: 13_770_000 });
    ids.payment = await create('payment', { title: 'Đặt cọc Hạ Long', kind: 'receipt', amount: 5_000_000, contractId: ids.contract, accountId: ids.account, tourId: ids.tour });
    ids.traveller = await create('traveller', { fullName: 'Lê Thị Hoa', contractId: ids.contract, tourId: ids.tour, accountId: ids.account });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows an account's transaction history and interest list, in English and Vietnamese", async () => {
    await page.goto(`${server.url}/work/account/${ids.account}`);
    const history = page.locator('.record-view[data-view="transactionHistory"]');
    const row = history.locator(`tbody tr[data-record="${ids.contract}"]`);
    await row.waitFor();
    expect(await history.locator('h2').textContent()).toContain('Transaction history');
    expect(await history.locator('thead th').allTextContents()).toEqual([
      'Contract',
      'Tour name',
      'Tour type',
      'Departure date',
      'Travellers',
      'Contract value (VND)',
      'Stage',
    ]);
    expect(await row.locator('td').allTextContents()).toEqual([
      'Hợp đồng Hạ Long',
      'Hạ Long du thuyền 3N2Đ',
      'Cruise',
      '12 Mar 2027',
      '3',
      '₫13,770,000',
      'Draft',
    ]);
    const interests = page.locator('.record-view[data-view="interestList"]');
    expect(await interests.locator('.view-chip').allTextContents()).toEqual(['Hạ Long', 'Sa Pa']);
    expect(await interests.locator('tbody td[data-path="productId.name"]').allTextContents()).toEqual([
      'Hạ Long du thuyền 3N2Đ',
      'Sa Pa – Fansipan 3N2Đ',
    ]);
    expect(await interests.locator('tbody td[data-path="productId.tourType"]').allTextContents()).toEqual(['Cruise', 'Mountains and highlands']);
    // The related panel counts what points at the account, per entity.
    expect(await related().locator('[data-entity="opportunity"] .count').textContent()).toBe('2');
    expect(await related().locator('[data-entity="traveller"] .count').textContent()).toBe('1');
    // Each referenced record is linked once per row: the tour name opens the product, the date the departure.
    expect(await row.locator('td[data-path="productId.name"] a').getAttribute('href')).toBe(`/work/product/${ids.product}`);
    expect(await row.locator('td[data-path="productId.tourType"] a').count()).toBe(0);
    expect(await row.locator('td[data-path="tourId.departureDate"] a').getAttribute('href')).toBe(`/work/tour/${ids.tour}`);
    await workspaceScreenshot(page, 'workspace-account-en');

    await switchLanguage(page, 'vi');
    await history.locator('h2', { hasText: 'Lịch sử giao dịch' }).waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'Hợp đồng Hạ Long',
      'Hạ Long du thuyền 3N2Đ',
      'Du thuyền',
      '12/03/2027',
      '3',
      '13.770.000\u00a0₫',
      'Soạn thảo',
    ]);
    expect(await interests.locator('h2').textContent()).toContain('Danh sách quan tâm');
    expect(await related().locator('h2').textContent()).toBe('Bản ghi liên quan');
    await workspaceScreenshot(page, 'workspace-account-vi');
    await switchLanguage(page, 'en');
    await related().locator('h2', { hasText: 'Related records' }).waitFor();
    await related().scrollIntoViewIfNeeded();
    await workspaceScreenshot(page, 'workspace-account-related-en');
  });

  it('walks the sale from the account to the tour by clicking related records', async () => {
    await page.goto(`${server.url}/work/account/${ids.account}`);
    await related().locator('.related-group').first().waitFor();
    await follow('opportunity', ids.opportunity);
    expect(await page.locator('h1').textContent()).toBe('Hạ Long cho gia đình');
    // The opportunity points back at its account, product and departure.
    expect(await related().getByTestId('related-outgoing').locator(`a[data-record="${ids.account}"]`).textContent()).toBe('Nguyễn Văn An');
    await follow('quote', ids.quote);
    await follow('contract', ids.contract);
    await related().scrollIntoViewIfNeeded();
    await workspaceScreenshot(page, 'workspace-related-contract-en');
    await follow('payment', ids.payment);
    expect(await page.locator('h1').textContent()).toBe('Đặt cọc Hạ Long');
    await follow('contract', ids.contract);
    await follow('traveller', ids.traveller);
    expect(await page.locator('h1').textContent()).toBe('Lê Thị Hoa');
    await follow('tour', ids.tour);
    expect(await page.locator('h1').textContent()).toBe('Hạ Long 3N2Đ – đoàn 12/03');
    expect(await related().locator('[data-entity="traveller"] a').allTextContents()).toEqual(['Lê Thị Hoa']);
    expect(errors).toEqual([]);
  });

  it('says so when a record has nothing related', async () => {
    const lonely = await create('product', { code: 'NT-3N2D', name: 'Nha Trang 3N2Đ', kind: 'tour' });
    await page.goto(`${server.url}/work/product/${lonely}`);
    await related().locator('.related-empty').waitFor();
    expect(await related().locator('.related-empty').textContent()).toBe('No related records yet.');
  });
});
