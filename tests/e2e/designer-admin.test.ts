/**
 * The designer's other duties: warning before unsaved work is lost, the Fields tab
 * (adding, renaming, refusing to remove a field in use), and restoring an earlier
 * version from the history. Screenshots of each screen in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { expectProblemCount, node, openEditor, screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { typeDay } from './workspace-page.js';

interface Definition {
  version: number;
  summary?: string;
  schema: { properties: Record<string, unknown>; required?: string[] };
  machine: { states: Record<string, { meta: { requiredFields?: string[] } }> };
}

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('designer: fields, history and unsaved changes', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    ({ page, errors } = await openPage(browser, 'vi', { server }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the pipelines in Vietnamese and English', async () => {
    await page.goto(`${server.url}/designer`);
    await page.locator('.pipeline-card', { hasText: 'Cơ hội bán hàng' }).waitFor();
    await screenshot(page, 'pipelines-vi');
    await page.getByRole('radio', { name: 'EN' }).click();
    await page.locator('.pipeline-card', { hasText: 'Deal' }).waitFor();
    await screenshot(page, 'pipelines-en');
  });

  it('asks before leaving with unsaved changes, and stays when told to', async () => {
    await openEditor(page, server.url, 'deal');
    await screenshot(page, 'editor-en');
    await node(page, 'open').click();
    await page.locator('input[name="stage-label-en"]').fill('Opened');
    await page.locator('.badge-dirty').waitFor();
    // Switching tabs of the same pipeline keeps the draft and asks nothing.
    await page.getByRole('link', { name: 'Fields' }).click();
    await page.locator('.fields-table').waitFor();
    await page.locator('.app-nav').getByRole('link', { name: 'Pipelines' }).click();
    const prompt = page.getByRole('dialog', { name: 'Leave without saving?' });
    await prompt.waitFor();
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/designer\/deal\/fields$/);
    await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
    await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
    await page.locator('.badge-dirty').waitFor({ state: 'detached' });
  });

  it('adds a field, refuses to remove one a stage requires, and renames it everywhere', async () => {
    await page.getByRole('link', { name: 'Fields' }).click();
    await page.locator('input[name="field-key"]').fill('departureDate');
    await page.locator('input[name="field-vi"]').fill('Ngày khởi hành');
    await page.locator('input[name="field-en"]').fill('Departure date');
    await page.locator('select[name="field-kind"]').selectOption('date');
    await page.getByRole('button', { name: 'Add field', exact: true }).click();
    await page.locator('tr[data-field="departureDate"]').waitFor();

    await page.locator('tr[data-field="amount"]').getByRole('button', { name: 'Remove' }).click();
    const refusal = page.getByRole('dialog', { name: 'Cannot remove “Amount”' });
    await refusal.waitFor();
    const uses = await refusal.getByTestId('field-usages').locator('li').allTextContents();
    expect(uses).toEqual([
      'Required field of stage “Proposal”',
      'Condition “Compare a field” of Win from “Negotiation”',
    ]);
    await screenshot(page, 'fields-refusal-en');
    await page.keyboard.press('Escape');
    expect(await page.locator('tr[data-field="amount"]').count()).toBe(1);

    await page.locator('tr[data-field="amount"]').getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog');
    await rename.locator('input').fill('price');
    await rename.locator('input').press('Enter');
    await page.locator('tr[data-field="price"]').waitFor();
    await expectProblemCount(page, 0);
    await page.locator('tr[data-field="lostReason"]').getByRole('button', { name: 'Remove' }).click();
    await page.locator('tr[data-field="lostReason"]').waitFor({ state: 'detached' });
    await screenshot(page, 'fields-en');

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
    await page.locator('.toast', { hasText: 'Published as version 2' }).waitFor();
    const saved = (await server.api<Definition>('GET', '/api/definitions/deal')).body;
    expect(Object.keys(saved.schema.properties)).toEqual([
      'title',
      'price',
      'touches',
      'inquiryId',
      'negotiationStartedAt',
      'departureDate',
    ]);
    expect(saved.machine.states.proposal?.meta.requiredFields).toEqual(['price']);
    expect(saved.summary).toContain('Added field Departure date');
  });

  it('shows the saved field on the staff form at once, and the server accepts it (no restart)', async () => {
    await page.goto(`${server.url}/work/deal/new`);
    const input = page.locator('#root_departureDate');
    await input.waitFor();
    expect(await page.locator('label[for="root_departureDate"]').textContent()).toContain('Departure date');
    // A date field in the app's language (dd/mm/yyyy), not the browser's native input.
    expect(await input.locator('[role="spinbutton"]').count()).toBe(3);
    expect((await input.locator('.date-input').innerText()).replace(/\s/g, '')).toBe('dd/mm/yyyy');
    // The renamed field replaced the old one on the form too.
    expect(await page.locator('#root_price').count()).toBe(1);
    expect(await page.locator('#root_amount').count()).toBe(0);
    await page.fill('#root_title', 'Đoàn Phú Quốc');
    await typeDay(page, 'root_departureDate', '2026-12-20');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/work\/deal\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    const created = await server.api<{ definitionVersion: number; data: Record<string, unknown> }>(
      'GET',
      `/api/records/deal/${id}`,
    );
    expect(created.body.definitionVersion).toBe(2);
    expect(created.body.data.departureDate).toBe('2026-12-20');
    await page.goto(`${server.url}/designer/deal/fields`);
    await page.locator('.fields-table').waitFor();
  });

  it('restores an earlier version as a new version', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await page.locator('.version-item[data-version="2"] .badge-current').waitFor();
    await screenshot(page, 'history-en');
    await page
      .locator('.version-item[data-version="1"]')
      .getByRole('button', { name: 'Restore as new version' })
      .click();
    await page
      .getByRole('dialog', { name: 'Restore version 1?' })
      .getByRole('button', { name: 'Restore as new version' })
      .click();
    await page.locator('.toast', { hasText: 'Version 1 restored as version 3' }).waitFor();
    await page.locator('.version-item[data-version="3"] .badge-current').waitFor();
    await expect(
      page.locator('.version-item[data-version="3"] .version-summary').textContent(),
    ).resolves.toBe('Restored version 1');
    const restored = (await server.api<Definition>('GET', '/api/definitions/deal')).body;
    expect(restored.version).toBe(3);
    expect(Object.keys(restored.schema.properties)).toContain('amount');
    await page.getByRole('radio', { name: 'VI' }).click();
    await page.locator('.version-item[data-version="3"]', { hasText: 'Hiện tại' }).waitFor();
    await screenshot(page, 'history-vi');
    await page.getByRole('link', { name: 'Trường dữ liệu' }).click();
    await page.locator('.fields-table').waitFor();
    await screenshot(page, 'fields-vi');
    expect(errors).toEqual([]);
  });

  it('draws steps inside a stage as a frame around them, and adds a step inside', async () => {
    const deal = (
      await server.api<Definition & { schema: unknown; machine: { states: Record<string, unknown> } }>(
        'GET',
        '/api/definitions/deal?version=1',
      )
    ).body;
    const states = deal.machine.states as Record<string, { on?: Record<string, unknown> }>;
    const machine = {
      ...deal.machine,
      id: 'sale',
      states: {
        open: { ...states.open, on: { PROPOSE: 'active', LOSE: 'lost' } },
        active: {
          initial: 'proposal',
          meta: { labels: { vi: 'Đang bán', en: 'Selling' } },
          on: { LOSE: 'lost' },
          states: {
            proposal: { ...states.proposal, on: { NEGOTIATE: 'negotiation' } },
            negotiation: { ...states.negotiation, on: { WIN: { target: '#sale.won' } } },
          },
        },
        won: states.won,
        lost: states.lost,
      },
    };
    const saved = await server.api('PUT', '/api/definitions/sale', { schema: deal.schema, machine, baseVersion: 0 });
    expect(saved.status).toBe(200);
    await page.getByRole('radio', { name: 'EN' }).click();
    await openEditor(page, server.url, 'sale');
    await node(page, 'active.negotiation').waitFor();
    await expect(node(page, 'active').locator('.stage-group').count()).resolves.toBe(1);
    const frame = await node(page, 'active').boundingBox();
    const step = await node(page, 'active.negotiation').boundingBox();
    expect(step!.x).toBeGreaterThan(frame!.x);
    expect(step!.x + step!.width).toBeLessThan(frame!.x + frame!.width);
    await node(page, 'active').locator('.stage-node-title').click();
    await page.getByRole('button', { name: 'Add a step inside' }).click();
    await node(page, 'active.newStage').waitFor();
    await expectProblemCount(page, 1);
    // The new step lands inside the frame (which grows to hold it), on top of no other step.
    const grown = (await node(page, 'active').boundingBox())!;
    const added = (await node(page, 'active.newStage').boundingBox())!;
    expect(added.x >= grown.x && added.y >= grown.y && added.x + added.width <= grown.x + grown.width && added.y + added.height <= grown.y + grown.height).toBe(true);
    for (const sibling of ['active.proposal', 'active.negotiation']) {
      const other = (await node(page, sibling).boundingBox())!;
      const apart = added.x >= other.x + other.width || other.x >= added.x + added.width || added.y >= other.y + other.height || other.y >= added.y + added.height;
      expect(apart, `${sibling} overlaps the new step`).toBe(true);
    }
    await screenshot(page, 'nested-en');
    await page.keyboard.press('Control+z');
    await node(page, 'active.newStage').waitFor({ state: 'detached' });
  });
});
