/**
 * Conditions on the account list of the travel pack, as sales person `sales1`: "from Zalo
 * in Hà Nội" built from two conditions in the filter bar, "born this month" from the relative
 * month-of-year operator; both saved as segments, which after a reload give the same
 * accounts again. Changing a condition goes back to page one. Screenshots of the filter
 * bar in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

/** This month in the business time zone (1–12), and a month that is not it. */
const MONTH = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', month: 'numeric' }).format(new Date()));
const mm = (month: number) => String(((month + 11) % 12) + 1).padStart(2, '0');

const ACCOUNTS = [
  { name: 'Trần Minh Anh', kind: 'individual', source: 'zalo', province: 'Hà Nội', dateOfBirth: `1990-${mm(MONTH + 1)}-15` },
  { name: 'Lê Hoàng Bảo', kind: 'individual', source: 'zalo', province: 'TP. Hồ Chí Minh', dateOfBirth: `1985-${mm(MONTH)}-05` },
  { name: 'Phạm Thu Cúc', kind: 'individual', source: 'phone', province: 'Hà Nội', dateOfBirth: `1992-${mm(MONTH - 1)}-20` },
  { name: 'Công ty Sao Việt', kind: 'business', source: 'zalo', province: 'Hà Nội, quận Cầu Giấy' },
  { name: 'Đỗ Văn Em', kind: 'individual', source: 'referral', province: 'Đà Nẵng', dateOfBirth: `2001-${mm(MONTH + 6)}-28` },
];
/** Enough other accounts for a second page (25 a page). */
const OTHERS = Array.from({ length: 30 }, (_, i) => ({ name: `Khách lẻ ${i + 1}`, kind: 'individual', source: 'referral', province: 'Cần Thơ' }));
const TOTAL = ACCOUNTS.length + OTHERS.length;

interface Segment {
  name: string;
  controls: { conditions?: unknown };
}

describe.skipIf(!hasChromium)('workspace: list conditions and segments', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const names = async () => (await page.locator('.work-table tbody tr td:nth-child(2)').allTextContents()).sort();
  const pager = () => page.locator('.pager .muted').textContent();
  const chips = () => page.locator('.filter-chip-text').allTextContents();
  /** Open "Add filter", pick the field and operator by their labels; the value is the caller's. */
  const addCondition = async (field: string, op?: string) => {
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter field').selectOption({ label: field });
    if (op) await page.getByLabel('Operator').selectOption({ label: op });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
    const rows = [...ACCOUNTS, ...OTHERS].map((data) => ({ data, owner: 'sales1' }));
    const imported = await server.api('POST', '/api/records/account/import', { rows });
    expect(imported.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds "from Zalo in Hà Nội" from two conditions and saves it as a segment', async () => {
    await page.goto(`${server.url}/work/account/list`);
    await expect.poll(pager).toBe(`1–25 of ${TOTAL}`);
    // On page two, a new condition brings the list back to page one.
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(pager).toBe(`26–${TOTAL} of ${TOTAL}`);

    await addCondition('Source');
    expect(await page.getByLabel('Operator').inputValue()).toBe('anyOf');
    await page.getByRole('checkbox', { name: 'Zalo', exact: true }).check();
    await workspaceScreenshot(page, 'workspace-list-filter-row-en');
    await page.keyboard.press('Enter'); // from the checkbox: Enter applies
    await expect.poll(pager).toBe('1–3 of 3');

    // Applying without a value says what is missing; Escape closes the row.
    await addCondition('Province');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter a value.' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.filter-row').waitFor({ state: 'detached' });

    await addCondition('Province', 'contains');
    await page.getByLabel('Value', { exact: true }).fill('hà nội');
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Công ty Sao Việt', 'Trần Minh Anh']);
    expect(await pager()).toBe('1–2 of 2');
    expect(await chips()).toEqual(['Source is Zalo', 'Province contains hà nội']);
    await workspaceScreenshot(page, 'workspace-list-filters-en');

    await page.getByRole('button', { name: 'Save as segment' }).click();
    await page.getByLabel('Name of the segment').fill('Zalo in Hà Nội');
    await page.keyboard.press('Enter');
    await page.getByText('Segment "Zalo in Hà Nội" saved').waitFor();

    await switchLanguage(page, 'vi');
    await expect.poll(chips).toEqual(['Nguồn khách là Zalo', 'Tỉnh/thành chứa hà nội']);
    await page.getByRole('button', { name: 'Thêm điều kiện' }).waitFor();
    await workspaceScreenshot(page, 'workspace-list-filters-vi');
    await switchLanguage(page, 'en');
  });

  it('builds "born this month" with the relative month operator, and keeps it relative', async () => {
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(pager).toBe(`1–25 of ${TOTAL}`);
    await addCondition('Date of birth', 'in this month (any year)');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(names).toEqual(['Lê Hoàng Bảo']);
    expect(await chips()).toEqual(['Date of birth in this month']);

    await page.getByRole('button', { name: 'Save as segment' }).click();
    await page.getByLabel('Name of the segment').fill('Born this month');
    await page.keyboard.press('Enter');
    await page.getByText('Segment "Born this month" saved').waitFor();

    const token = await server.signIn('sales1');
    const saved = await server.api<{ items: Segment[] }>('GET', '/api/segments/account', undefined, token);
    expect(saved.body.items.map((s) => [s.name, s.controls.conditions])).toEqual([
      ['Born this month', [{ field: 'dateOfBirth', op: 'thisMonth' }]],
      [
        'Zalo in Hà Nội',
        [
          { field: 'source', op: 'anyOf', value: ['zalo'] },
          { field: 'province', op: 'contains', value: 'hà nội' },
        ],
      ],
    ]);
  });

  it('applies each saved segment again after a reload', async () => {
    await page.reload();
    await expect.poll(pager).toBe(`1–25 of ${TOTAL}`);
    await page.locator('.segment-picker[data-status="ready"]').waitFor();
    expect(await chips()).toEqual([]);

    await page.getByLabel('Saved segments').selectOption('Zalo in Hà Nội');
    await expect.poll(names).toEqual(['Công ty Sao Việt', 'Trần Minh Anh']);
    expect(await chips()).toEqual(['Source is Zalo', 'Province contains hà nội']);

    await page.getByLabel('Saved segments').selectOption('Born this month');
    await expect.poll(names).toEqual(['Lê Hoàng Bảo']);
    expect(await chips()).toEqual(['Date of birth in this month']);

    // A chip opens its condition again; removing it shows every account.
    await page.getByRole('button', { name: 'Date of birth in this month', exact: true }).click();
    expect(await page.getByLabel('Operator').inputValue()).toBe('thisMonth');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove the condition "Date of birth in this month"' }).click();
    await expect.poll(pager).toBe(`1–25 of ${TOTAL}`);
    expect(errors).toEqual([]);
  });
});
