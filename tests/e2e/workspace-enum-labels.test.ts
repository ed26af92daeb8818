/**
 * Enum values by their labels (x-enumLabels) in the workspace of the travel CRM: the lead
 * form's selects speak the user's language while the record keeps the raw value; list
 * cells, the list's value filter and the missing-fields dialog show labels too; an admin
 * gives an option its labels in the designer's Fields tab.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { expectProblemCount, openEditor, screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

interface Definition {
  schema: { properties: Record<string, { 'x-enumLabels'?: Record<string, { vi: string; en: string }> }> };
}

interface RecordView {
  id: string;
  state: string;
  data: Record<string, unknown>;
}

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('workspace: enum values shown by their labels', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let leadId: string;

  const chosen = (select: string) => page.locator(`${select} option:checked`).textContent();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers "Customer kind" choices by label in English and Vietnamese, and stores the value', async () => {
    await page.goto(`${server.url}/work/lead/new`);
    await page.locator('#root_kind').waitFor();
    expect(await page.locator('label[for="root_kind"]').textContent()).toContain('Customer kind');
    expect(await page.locator('#root_kind option[value="individual"]').textContent()).toBe('Individual');
    expect(await page.locator('#root_kind option[value="collaborator"]').textContent()).toBe('Collaborator');
    expect(await page.locator('#root_source option[value="web-form"]').textContent()).toBe('Website form');

    await switchLanguage(page, 'vi');
    await page.locator('label[for="root_kind"]', { hasText: 'Loại khách' }).waitFor();
    expect(await page.locator('#root_kind option[value="individual"]').textContent()).toBe('Cá nhân');
    expect(await page.locator('#root_kind option[value="collaborator"]').textContent()).toBe(
      'Cộng tác viên (CTV)',
    );

    await page.fill('#root_fullName', 'Lê Văn Bình');
    await page.selectOption('#root_source', { label: 'Form đăng ký trên website' });
    await page.selectOption('#root_kind', { label: 'Cá nhân' });
    await page.selectOption('#root_segment', { label: 'Gia đình' });
    expect(await chosen('#root_kind')).toBe('Cá nhân');
    await page.locator('#root_fullName').focus();
    const shot = await workspaceScreenshot(page, 'workspace-enum-labels-lead-form-vi');
    expect(shot).toMatch(/workspace-enum-labels-lead-form-vi\.png$/);

    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.waitForURL(/\/work\/lead\/[0-9a-f-]{36}$/);
    leadId = page.url().split('/').pop() ?? '';
    const stored = await server.api<RecordView>('GET', `/api/records/lead/${leadId}`);
    expect(stored.status).toBe(200);
    expect([stored.body.data.kind, stored.body.data.source, stored.body.data.segment]).toEqual([
      'individual',
      'web-form',
      'family',
    ]);

    // The record's form shows the stored value by its label, in the chosen language.
    await page.locator('#root_kind').waitFor();
    expect(await chosen('#root_kind')).toBe('Cá nhân');
    await switchLanguage(page, 'en');
    await page.locator('label[for="root_kind"]', { hasText: 'Customer kind' }).waitFor();
    expect(await chosen('#root_kind')).toBe('Individual');
    expect(await chosen('#root_source')).toBe('Website form');
  });

  it('shows labels in list cells and filters by a labelled choice', async () => {
    await server.api('POST', '/api/records/lead', {
      data: { fullName: 'Công ty Sao Việt', source: 'referral', kind: 'business' },
      owner: 'sales1',
    });
    await page.goto(`${server.url}/work/lead/list`);
    const row = page.locator(`.work-table tbody tr[data-record="${leadId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Individual');
    await expect(row.textContent()).resolves.toContain('Website form');
    expect(await row.textContent()).not.toContain('individual');
    expect(await row.textContent()).not.toContain('web-form');

    const rows = () => page.locator('.work-table tbody tr').allTextContents();
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter field').selectOption({ label: 'Customer kind' });
    // The choices read as their labels; the value sent stays the stored one.
    const business = page.getByRole('checkbox', { name: 'Business' });
    expect(await business.getAttribute('value')).toBe('business');
    await business.check();
    await page.keyboard.press('Enter');
    await expect.poll(rows).toEqual([expect.stringContaining('Công ty Sao Việt')]);
    expect((await rows())[0]).toContain('Business');
    const chip = page.locator('.filter-chip-text');
    expect(await chip.textContent()).toBe('Customer kind is Business');

    await switchLanguage(page, 'vi');
    await page.locator('.work-table tbody', { hasText: 'Doanh nghiệp' }).waitFor();
    await expect.poll(() => chip.textContent()).toBe('Loại khách là Doanh nghiệp');
    await chip.click();
    await page.getByRole('checkbox', { name: 'Doanh nghiệp' }).uncheck();
    await page.getByRole('checkbox', { name: 'Cá nhân' }).check();
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect.poll(rows).toEqual([expect.stringContaining('Lê Văn Bình')]);
    await expect(row.textContent()).resolves.toContain('Cá nhân');
    await expect(row.textContent()).resolves.toContain('Form đăng ký trên website');
    await workspaceScreenshot(page, 'workspace-enum-labels-list-vi');
    await switchLanguage(page, 'en');
  });

  it('labels the choices of a required field in the missing-fields dialog', async () => {
    const created = await server.api<RecordView>('POST', '/api/records/opportunity', {
      data: { title: 'Sa Pa trekking', customerName: 'Phạm Hà' },
      owner: 'sales1',
    });
    expect(created.status).toBe(201);
    await page.goto(`${server.url}/work/opportunity/${created.body.id}`);
    await page.locator('button[data-event="LOSE"]:not([disabled])').click();
    const dialog = page.getByRole('dialog');
    const reason = dialog.locator('#missing_lostReasonCategory');
    await reason.waitFor();
    expect(await reason.locator('option[value="competitor"]').textContent()).toBe('Chose a competitor');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await switchLanguage(page, 'vi');
    await page.locator('button[data-event="LOSE"]:not([disabled])').click();
    await reason.waitFor();
    expect(await reason.locator('option[value="competitor"]').textContent()).toBe('Chọn đơn vị khác');
    await reason.selectOption({ label: 'Giá' });
    await dialog.locator('#missing_lostReason').fill('Giá cao hơn dự kiến');
    await dialog.getByRole('button', { name: 'Điền và tiếp tục' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(
        async () =>
          (await server.api<RecordView>('GET', `/api/records/opportunity/${created.body.id}`)).body.data,
      )
      .toMatchObject({ lostReasonCategory: 'price' });
    // A move that lacks fields is answered 409 first: that is what opens the dialog.
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });

  it('lets an admin label the options of a choice field in the Fields tab', async () => {
    const admin = await openPage(browser, 'en', { server });
    await openEditor(admin.page, server.url, 'lead', 'fields');
    await screenshot(admin.page, 'fields-choice-en');
    await admin.page
      .locator('tr[data-field="source"]')
      .getByRole('button', { name: 'Labels of the options of “source”' })
      .click();
    const dialog = admin.page.getByRole('dialog', { name: 'Labels of the options of “source”' });
    expect(await dialog.getByLabel('Label (Vietnamese): web-form').inputValue()).toBe(
      'Form đăng ký trên website',
    );
    await dialog.getByLabel('Label (English): phone').fill('Phone call');
    await dialog.getByLabel('Label (Vietnamese): phone').fill('Gọi điện');
    await screenshot(admin.page, 'fields-option-labels-en');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectProblemCount(admin.page, 0);
    await admin.page.getByRole('button', { name: 'Publish…' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
    await admin.page.locator('.toast', { hasText: 'Published as version' }).waitFor();
    const saved = (await server.api<Definition>('GET', '/api/definitions/lead')).body;
    expect(saved.schema.properties.source?.['x-enumLabels']?.phone).toEqual({
      vi: 'Gọi điện',
      en: 'Phone call',
    });
    expect(saved.schema.properties.source?.['x-enumLabels']?.['web-form']?.en).toBe('Website form');
    expect(admin.errors).toEqual([]);
    await admin.page.context().close();

    await page.goto(`${server.url}/work/lead/new`);
    await page.locator('#root_source').waitFor();
    expect(await page.locator('#root_source option[value="phone"]').textContent()).toBe('Gọi điện');
    await switchLanguage(page, 'en');
    await page
      .locator('#root_source option[value="phone"]', { hasText: 'Phone call' })
      .waitFor({ state: 'attached' });
  });
});
