/**
 * The designer edits field roles (issue 11.2), on the mini CRM: an admin makes a field
 * "Automations only" and another "Computed", names records and picks the board total,
 * saves, and the staff form shows those fields as text while the API refuses a person's
 * write of them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { openEditor, screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

if (!hasChromium) console.warn(skipReason);

interface Definition {
  schema: Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
}

describe.skipIf(!hasChromium)('designer: who writes a field', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    ({ page, errors } = await openPage(browser, 'en', { server }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes one field automation-only and another computed, and saves them', async () => {
    await openEditor(page, server.url, 'deal', 'fields');
    const touches = page.locator('tr[data-field="touches"]');
    await touches.waitFor();
    await touches.getByLabel('Set by: touches').selectOption('automation');
    const amount = page.locator('tr[data-field="amount"]');
    await amount.getByLabel('Set by: amount').selectOption('computed');
    await amount.getByLabel('Computation: amount').selectOption('sum');
    await amount.getByLabel('Computed from: amount').fill('touches');
    await page.locator('#record-board-sum').selectOption('amount');
    await screenshot(page, 'fields-set-by-en');
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
    await page.locator('.toast', { hasText: 'Published as version 2' }).waitFor();
    const saved = (await server.api<Definition>('GET', '/api/definitions/deal')).body.schema;
    expect(saved.properties.touches?.readOnly).toBe(true);
    expect(saved.properties.amount?.['x-compute']).toEqual({ op: 'sum', fields: ['touches'] });
    expect(saved['x-boardSum']).toBe('amount');
  });

  it('shows those fields as text on the staff form, and the API refuses a person writing them', async () => {
    const created = await server.api<{ id: string; version: number; data: Record<string, unknown> }>('POST', '/api/records/deal', { data: { title: 'Đoàn Huế' } });
    expect(created.status).toBe(201);
    await page.goto(`${server.url}/work/deal/${created.body.id}`);
    await page.locator('#root_title').waitFor();
    for (const field of ['touches', 'amount']) expect(await page.locator(`input#root_${field}`).count()).toBe(0);
    expect(await page.locator('#root_touches').textContent()).toBe('—');
    const refused = await server.api('PATCH', `/api/records/deal/${created.body.id}`, { data: { touches: 3 }, version: created.body.version });
    expect(refused.status).toBe(422);
    expect(errors).toEqual([]);
  });
});
