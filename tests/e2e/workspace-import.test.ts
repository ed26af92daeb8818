/**
 * Importing leads from a CSV file on the travel CRM pack, as sales person `sales1`: a file
 * with one bad row imports nothing and names the row (its line in the file) and the field,
 * in both languages; the corrected file imports every row at once and the list shows them.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

interface RecordView {
  id: string;
  owner?: string;
  data: Record<string, unknown>;
}

if (!hasChromium) console.warn(skipReason);

const HEADER = 'Họ tên;Số điện thoại;Nguồn;Ngân sách (VND);Tour quan tâm;Mã nội bộ';
const row = (phone: string) => [
  'Nguyễn Văn An;0901 234 567;web-form;15.000.000;"Hạ Long; Sa Pa";A-1',
  `Trần Thị Bình;${phone};referral;8.000.000;Phú Quốc;A-2`,
  'Lê Văn Cường;0912 345 678;phone;20.000.000;Đà Nẵng;A-3',
];
/** The file as a spreadsheet program writes it: UTF-8 with a BOM, semicolons, CRLF. */
const csv = (phone: string) => Buffer.from(`\uFEFF${[HEADER, ...row(phone)].join('\r\n')}\r\n`, 'utf8');

describe.skipIf(!hasChromium)('workspace: import leads from CSV', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const leadCount = async () => (await server.api<{ total: number }>('GET', '/api/records/lead?limit=1')).body.total;
  const dialog = (): Locator => page.getByRole('dialog');
  const upload = (phone: string, name = 'leads.csv') =>
    dialog().locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: csv(phone) });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a file with one bad row, naming its line and field, and imports nothing', async () => {
    await page.goto(`${server.url}/work/lead/list`);
    await page.locator('.list-empty').waitFor();
    const open = page.getByRole('button', { name: 'Import CSV' });
    await open.click();
    await dialog().getByText('Import Lead from a CSV file').waitFor();
    // Focus moves into the dialog, on the file input.
    expect(await page.evaluate("document.activeElement?.getAttribute('type')")).toBe('file');

    await upload('12ab');
    const bad = dialog().locator('.import-errors li[data-line="3"][data-field="phone"]');
    await bad.waitFor();
    expect(await bad.textContent()).toBe('Line 3 · Phone: has the wrong format ("12ab")');
    expect(await dialog().locator('.import-errors li').count()).toBe(1);
    expect(await dialog().locator('.import-errors').textContent()).toContain('1 error: nothing will be imported until it is fixed.');
    expect(await dialog().getByTestId('import-summary').textContent()).toBe(
      'leads.csv: 3 rows, 5 columns matched · Ignored columns: Mã nội bộ',
    );
    // The preview: columns by their labels, values as read, the bad cell marked.
    const headers = await dialog().locator('.import-table th').allTextContents();
    expect(headers).toEqual(['Line', 'Full name', 'Phone', 'Source', 'Budget (VND)', 'Tours of interest']);
    expect(await dialog().locator('.import-table tbody tr').first().textContent()).toContain('₫15,000,000');
    expect(await dialog().locator('td.import-cell-error[data-line="3"][data-field="phone"]').textContent()).toBe('12ab');

    const importButton = dialog().getByRole('button', { name: 'Import 3 records' });
    expect(await importButton.isDisabled()).toBe(true);
    await dialog().locator('input[type="file"]').press('Enter'); // Enter confirms a dialog, but not this one
    await workspaceScreenshot(page, 'workspace-import-errors-en');
    expect(await leadCount()).toBe(0);

    // Escape closes the dialog and gives the focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Import CSV');
    expect(await leadCount()).toBe(0);
  });

  it('names the row and field in Vietnamese, then imports the corrected file all at once', async () => {
    await switchLanguage(page, 'vi');
    await page.getByRole('button', { name: 'Nhập CSV' }).click();
    await upload('12ab');
    const bad = dialog().locator('.import-errors li[data-line="3"]');
    await bad.waitFor();
    expect(await bad.textContent()).toBe('Dòng 3 · Số điện thoại: sai định dạng ("12ab")');
    expect(await dialog().getByRole('button', { name: 'Nhập 3 hồ sơ' }).isDisabled()).toBe(true);
    await workspaceScreenshot(page, 'workspace-import-errors-vi');
    expect(await leadCount()).toBe(0);

    // The same file, corrected: every row passes the server's check.
    await upload('0902 345 678', 'leads-fixed.csv');
    await dialog().getByText('Cả 3 dòng đều hợp lệ.').waitFor();
    expect(await dialog().locator('.import-errors').count()).toBe(0);
    await workspaceScreenshot(page, 'workspace-import-valid-vi');
    await dialog().getByRole('button', { name: 'Nhập 3 hồ sơ' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Đã nhập 3 hồ sơ').waitFor();
    await page.locator('.work-table tbody tr').nth(2).waitFor();
    const listed = await page.locator('.work-table tbody').textContent();
    for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']) expect(listed).toContain(name);

    expect(await leadCount()).toBe(3);
    const { items } = (await server.api<{ items: RecordView[] }>('GET', '/api/records/lead?limit=10')).body;
    const binh = items.find((r) => r.data.fullName === 'Trần Thị Bình');
    expect(binh).toMatchObject({ owner: 'sales1', data: { phone: '0902 345 678', source: 'referral', budget: 8000000, interests: ['Phú Quốc'] } });
    expect(items.find((r) => r.data.fullName === 'Nguyễn Văn An')?.data.interests).toEqual(['Hạ Long', 'Sa Pa']);
    await switchLanguage(page, 'en');

    // A file exported from the list imports back: id, stage and updatedAt are ignored, owner kept.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const exported = await readFile(await download.path());
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await dialog().locator('input[type="file"]').setInputFiles({ name: 'lead-export.csv', mimeType: 'text/csv', buffer: exported });
    await dialog().getByText('All 3 rows are valid.').waitFor();
    expect(await dialog().getByTestId('import-summary').textContent()).toContain('Ignored columns: id, stage, updatedAt');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await leadCount()).toBe(3);
    // The dry run's refusals are answers, not failures: only those 422s reach the console.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
  });
});
