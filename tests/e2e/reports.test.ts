/**
 * Reports in the browser (issue 14, first part): a manager opens Reports on the demo data;
 * each report the role may run shows its chart; the sales report's table shows the same
 * numbers the API computes, in VND and people's names; its CSV downloads those rows; a
 * sales person sees only the reports of their role. Screenshots in both languages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('reports', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm', demoRecords: 300 }), launchChromium()]);
    await server.createUser('manager.ha', ['manager'], { name: 'Nguyễn Thu Hà' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows each report as its chart, the sales table as the API computes it, and its CSV', async () => {
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'manager.ha', ['manager']);
    await page.goto(`${server.url}/work/reports`);
    await page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();
    const panels = page.locator('.report-panel');
    await expect.poll(() => panels.count()).toBe(10);
    await page.locator('[data-report="salesByMonth"] canvas').first().waitFor();
    await page.locator('[data-report="openPipeline"] canvas').first().waitFor();
    // KPI targets under way, with the actual the engine computed and its progress.
    const kpi = page.locator('[data-kpis] .kpi-item').first();
    await kpi.locator('progress').waitFor();
    expect(await kpi.innerText()).toMatch(/\d+%/);
    await page.getByLabel('Kỳ').selectOption('all');
    const sales = page.locator('[data-report="salesByMonth"]');
    await sales.getByRole('button', { name: 'Bảng' }).click();
    const api = await server.api<{ rows: { month: string; revenue: number; owner: string; deals: number }[] }>('GET', '/api/reports/salesByMonth?period=all');
    expect(api.body.rows.length).toBeGreaterThan(0);
    const total = api.body.rows.reduce((sum, row) => sum + row.revenue, 0);
    await expect.poll(() => sales.locator('tbody tr').count()).toBe(api.body.rows.length);
    const shown = await sales.locator('tbody tr td:nth-child(4)').allTextContents();
    const parsed = shown.reduce((sum, text) => sum + Number(text.replace(/[^\d]/g, '')), 0);
    expect(parsed).toBe(total);
    expect(shown[0]).toMatch(/^[\d.]+\s₫$/);
    const [download] = await Promise.all([page.waitForEvent('download'), sales.getByRole('button', { name: 'Tải CSV' }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv.map((c) => Buffer.from(c as Uint8Array))).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFTháng,Nhân viên,Cơ hội thắng,Doanh số');
    expect(text.trim().split('\r\n')).toHaveLength(api.body.rows.length + 1);
    // Drill down: the first row's records, those of its sales person in the period.
    const first = api.body.rows[0];
    const theirs = api.body.rows.filter((row) => row.owner === first?.owner).reduce((sum, row) => sum + row.deals, 0);
    await sales.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/work\/opportunity\/list\?where=/);
    await page.getByTestId('drill-from').waitFor();
    await expect.poll(() => page.locator('.work-table tbody tr').count()).toBe(theirs);
    await workspaceScreenshot(page, 'reports-drill-vi');
    await page.goBack();
    await page.locator('[data-report="salesByMonth"]').waitFor();
    await page.getByLabel('Kỳ').selectOption('all');
    await sales.getByRole('button', { name: 'Bảng' }).click();
    await sales.getByRole('button', { name: 'Biểu đồ' }).click();
    await page.locator('[data-report="salesByMonth"] canvas').first().waitFor();
    await workspaceScreenshot(page, 'reports-vi');
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await page.locator('[data-report="salesByMonth"] canvas').first().waitFor();
    await workspaceScreenshot(page, 'reports-en');
    expect(errors).toEqual([]);

    // A sales person: their role's dashboard, and under "all reports" those of their role only.
    const sales1 = await openWorkspace(browser, 'vi', server, 'sales.minh', ['sales']);
    await sales1.page.goto(`${server.url}/work/reports`);
    await expect.poll(() => sales1.page.locator('.report-panel').count()).toBe(5);
    await sales1.page.getByRole('tab', { name: 'Tất cả báo cáo' }).click();
    await expect.poll(() => sales1.page.locator('.report-panel').count()).toBe(6);
    expect(await sales1.page.locator('[data-report="casesBySupplier"]').count()).toBe(0);
  });

  it('follows the campaigns from messages sent to deals won, and opens the records behind a step', async () => {
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'manager.ha', ['manager']);
    await page.goto(`${server.url}/work/reports`);
    const funnel = page.locator('[data-report="campaignFunnel"]');
    await funnel.locator('canvas').first().waitFor();
    const api = await server.api<{ rows: { step: string; count: number; label: { vi: string } }[] }>('GET', '/api/reports/campaignFunnel');
    expect(api.body.rows.map((r) => r.step)).toEqual(['sent', 'opened', 'clicked', 'targets', 'leads', 'opportunities', 'won']);
    await funnel.getByRole('button', { name: 'Bảng' }).click();
    await expect.poll(() => funnel.locator('tbody tr').count()).toBe(7);
    const cells = await funnel.locator('tbody tr td:nth-child(1)').allTextContents();
    expect(cells).toEqual(['Đã gửi', 'Đã mở', 'Đã bấm liên kết', 'Khách hàng mục tiêu', 'Khách hàng tiềm năng', 'Cơ hội bán hàng', 'Thành công']);
    const counts = await funnel.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(counts.map((c) => Number(c.replace(/[^\d]/g, '')))).toEqual(api.body.rows.map((r) => r.count));
    await workspaceScreenshot(page, 'reports-funnel-vi');
    // The won step: the opportunities of campaigns that were won.
    const won = api.body.rows.at(-1)?.count ?? 0;
    await funnel.locator('tbody tr').last().getByRole('link').click();
    await page.waitForURL(/\/work\/opportunity\/list\?where=/);
    await page.getByTestId('drill-from').waitFor();
    await expect.poll(() => page.locator('.work-table tbody tr').count()).toBe(Math.min(won, 25));
    expect(errors).toEqual([]);
  });

  it('opens a KPI target from the dashboard: its actual, its progress as a percentage, the pace needed', async () => {
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'manager.ha', ['manager']);
    await page.goto(`${server.url}/work/reports`);
    const first = page.locator('[data-kpis] .kpi-item').first();
    await first.locator('progress').waitFor();
    const shown = (await first.innerText()).match(/\((\d+)%\)/)?.[1];
    await first.getByRole('link').first().click();
    await page.waitForURL(/\/work\/kpi-target\//);
    const progress = page.getByRole('textbox', { name: 'Tiến độ (thực hiện / mục tiêu)' });
    await progress.waitFor();
    const text = await progress.innerText();
    expect(text).toMatch(/^\d+(,\d)? %$/);
    expect(Math.round(Number(text.replace(' %', '').replace(',', '.')))).toBe(Number(shown));
    // People by name, never by id (the person a target is for is a user field).
    expect(await page.locator('main').innerText()).not.toMatch(/\b(sales|mgr|mkt|acc|op)\.[a-z]+\b/);
    const person = page.getByLabel('Nhân viên', { exact: true });
    if ((await person.inputValue()) !== '') expect(await person.locator('option:checked').innerText()).not.toMatch(/\./);
    await workspaceScreenshot(page, 'kpi-target-vi');
    await switchLanguage(page, 'en');
    await page.getByRole('textbox', { name: 'Progress (actual / target)' }).waitFor();
    await workspaceScreenshot(page, 'kpi-target-en');
    expect(errors).toEqual([]);
  });

  it('lets an admin arrange the sales dashboard without code, and the sales person sees it', async () => {
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'boss', ['admin']);
    await page.goto(`${server.url}/admin/dashboards`);
    await page.getByRole('heading', { name: 'Bảng điều khiển', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Kinh doanh' }).click();
    const items = page.locator('.dashboard-items li');
    await expect.poll(() => items.count()).toBe(5);
    // Open pipeline first, full width; staff activity off; cases are not for sales and cannot be added.
    await page.locator('[data-item="openPipeline"]').getByRole('button', { name: 'Chuyển lên' }).click();
    await page.locator('[data-item="openPipeline"]').getByRole('button', { name: 'Chuyển lên' }).click();
    await page.locator('[data-item="openPipeline"]').getByLabel('Rộng hết trang').check();
    await page.locator('[data-item="staffActivity"]').getByRole('button', { name: 'Bỏ khỏi bảng' }).click();
    const addable = await page.getByLabel('Thêm báo cáo…').locator('option').allTextContents();
    expect(addable).toContain('Hoạt động bán hàng của nhân viên');
    expect(addable).not.toContain('Vụ việc theo nhà cung cấp');
    await page.getByRole('button', { name: 'Lưu bảng điều khiển' }).click();
    await page.getByText('Đã lưu: mọi người sẽ thấy bảng mới').waitFor();
    await workspaceScreenshot(page, 'dashboards-admin-vi');
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Dashboards', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Sales' }).click();
    await workspaceScreenshot(page, 'dashboards-admin-en');
    expect(errors).toEqual([]);

    const sales = await openWorkspace(browser, 'vi', server, 'sales.minh', ['sales']);
    await sales.page.goto(`${server.url}/work/reports`);
    await expect.poll(() => sales.page.locator('.report-panel').evaluateAll((panels) => panels.map((p) => (p as unknown as { dataset: Record<string, string> }).dataset.report))).toEqual(['openPipeline', 'salesByMonth', 'salesByTourType', 'customersByTier']);
    expect(await sales.page.locator('[data-report="openPipeline"]').getAttribute('class')).toContain('report-wide');
  });
});
