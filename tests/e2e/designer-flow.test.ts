/**
 * The designer end to end, against the real server: open the deal pipeline, add a stage,
 * connect it, add a reminder and a required field, see and fix an unreachable stage,
 * save, reload and find it all; new records run on the new version while old ones stay
 * on theirs; undo brings a deleted stage back; a simulation shows a failing guard's reason.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { connect, expectProblemCount, fitView, inspector, node, screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

interface RecordView {
  id: string;
  state: string;
  definitionVersion: number;
}
interface Definition {
  version: number;
  summary?: string;
  machine: { states: Record<string, { meta: Record<string, unknown>; on?: Record<string, unknown> }> };
}

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('designer: editing the deal pipeline', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let oldRecord: RecordView;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    ({ page, errors } = await openPage(browser, 'en', { server }));
    oldRecord = (
      await server.api<RecordView>('POST', '/api/records/deal', {
        data: { title: 'Booked before the change' },
      })
    ).body;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the pipelines with their version and records per stage, and opens one', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/designer$/);
    const card = page.locator('.pipeline-card', { hasText: 'Deal' });
    await expect(card.locator('.badge-version').textContent()).resolves.toBe('v1');
    await expect(
      card.locator('.stage-chip', { hasText: 'Open' }).locator('.stage-chip-count').textContent(),
    ).resolves.toBe('1');
    await card.getByRole('link', { name: 'Deal' }).click();
    await page.waitForSelector('.editor[data-ready="true"]');
    expect(await page.locator('.react-flow__node').count()).toBe(5);
    await expect(node(page, 'open').locator('.pill-records').textContent()).resolves.toBe('1');
  });

  it('adds a stage, which validation reports as unreachable on its node and in the list', async () => {
    await page.getByRole('button', { name: 'Add stage' }).click();
    await node(page, 'newStage').waitFor();
    await page.locator('input[name="stage-label-vi"]').fill('Theo dõi');
    await page.locator('input[name="stage-label-en"]').fill('Follow-up');
    await page.locator('#stage-key').fill('followUp');
    await page.locator('#stage-key').press('Enter');
    await node(page, 'followUp').waitFor();
    await expectProblemCount(page, 1);
    await node(page, 'followUp').locator('.stage-node.has-issues').waitFor();
    const problem = page.locator('.problem', { hasText: 'unreachable' });
    await expect(problem.locator('.problem-where').textContent()).resolves.toBe('Stage “Follow-up”');
    await page.getByRole('button', { name: 'Publish…' }).click();
    await expect(
      page.getByRole('dialog').getByRole('button', { name: 'Publish version' }).isDisabled(),
    ).resolves.toBe(true);
    await page.keyboard.press('Escape');
    // Jumping from the list selects the stage.
    await page.locator('aside.inspector').getByRole('textbox').first().click();
    await problem.click();
    await expect(inspector(page).locator('.panel-head h2').textContent()).resolves.toBe('Follow-up');
  });

  it('connects a stage to it by dragging, which fixes the problem', async () => {
    await fitView(page);
    await connect(page, 'proposal', 'followUp');
    await expectProblemCount(page, 0);
    await expect(inspector(page).locator('#transition-key').inputValue()).resolves.toBe('FOLLOW_UP');
    await page.locator('.transition-label', { hasText: 'Move to Follow-up' }).waitFor();
    await expect(page.locator('.status').textContent()).resolves.toBe('No problems');
  });

  it('adds a required field, a reminder and a way out to the new stage', async () => {
    await node(page, 'followUp').click();
    await inspector(page)
      .locator('#stage-required-fields')
      .getByRole('checkbox', { name: /^Amount/ })
      .check();
    await inspector(page).getByRole('button', { name: 'Add reminder' }).click();
    await page.locator('#reminder-followUp-0-after').fill('3');
    await inspector(page)
      .getByRole('combobox', { name: 'Target of a new transition' })
      .selectOption('negotiation');
    await inspector(page).getByRole('button', { name: 'Add', exact: true }).click();
    await node(page, 'followUp').click();
    await expect(node(page, 'followUp').locator('.node-badge-reminders').textContent()).resolves.toBe('1');
    await expect(node(page, 'followUp').locator('.node-badge-required').textContent()).resolves.toBe('1');
    await expectProblemCount(page, 0);
    await screenshot(page, 'editor-stage-en');
  });

  it('saves a new version with a summary; after a reload everything is there', async () => {
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('textarea').inputValue()).resolves.toContain('Added stage Follow-up');
    await dialog.locator('textarea').fill('Follow-up stage after the proposal');
    await dialog.locator('textarea').press('Enter');
    await page.locator('.toast', { hasText: 'Published as version 2' }).waitFor();
    await expect(page.locator('.badge-version').textContent()).resolves.toBe('v2');
    expect(await page.locator('.badge-dirty').count()).toBe(0);

    await page.reload();
    await page.waitForSelector('.editor[data-ready="true"]');
    await expect(page.locator('.badge-version').textContent()).resolves.toBe('v2');
    await node(page, 'followUp').click();
    await expect(
      inspector(page)
        .locator('#stage-required-fields')
        .getByRole('checkbox', { name: /^Amount/ })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(page.locator('#reminder-followUp-0-after').inputValue()).resolves.toBe('3');
    await page.locator('.transition-label', { hasText: 'Move to Follow-up' }).waitFor();
    await page.locator('.transition-label', { hasText: 'Move to Negotiation' }).waitFor();

    const saved = (await server.api<Definition>('GET', '/api/definitions/deal')).body;
    expect(saved).toMatchObject({ version: 2, summary: 'Follow-up stage after the proposal' });
    const followUp = saved.machine.states.followUp;
    expect(followUp.meta).toMatchObject({
      labels: { vi: 'Theo dõi', en: 'Follow-up' },
      requiredFields: ['amount'],
      reminders: [{ after: 'P3D', do: { type: 'notify', to: 'owner' } }],
    });
    expect(followUp.meta.position).toEqual({
      x: expect.any(Number) as number,
      y: expect.any(Number) as number,
    });
    expect(saved.machine.states.proposal.on).toHaveProperty('FOLLOW_UP', 'followUp');
  });

  it('runs new records on the new version while an old one stays on its version', async () => {
    const created = await server.api<RecordView>('POST', '/api/records/deal', {
      data: { title: 'Booked after the change' },
    });
    expect(created.body.definitionVersion).toBe(2);
    await server.api('POST', `/api/records/deal/${created.body.id}/events`, {
      type: 'PROPOSE',
      data: { amount: 1200 },
    });
    const followed = await server.api<RecordView>('POST', `/api/records/deal/${created.body.id}/events`, {
      type: 'FOLLOW_UP',
    });
    expect(followed.body).toMatchObject({ state: 'followUp', definitionVersion: 2 });

    await server.api('POST', `/api/records/deal/${oldRecord.id}/events`, {
      type: 'PROPOSE',
      data: { amount: 900 },
    });
    const refused = await server.api<{ type: string }>('POST', `/api/records/deal/${oldRecord.id}/events`, {
      type: 'FOLLOW_UP',
    });
    expect(refused.body.type).toBe('urn:tourflow:problem:event-not-allowed');
    const old = await server.api<RecordView>('GET', `/api/records/deal/${oldRecord.id}`);
    expect(old.body).toMatchObject({ state: 'proposal', definitionVersion: 1 });
  });

  it('deletes a stage with the Delete key and brings it back with Ctrl+Z (and Ctrl+Shift+Z redoes)', async () => {
    await node(page, 'followUp').click();
    await page.keyboard.press('Delete');
    await node(page, 'followUp').waitFor({ state: 'detached' });
    await page.locator('.badge-dirty').waitFor();
    expect(await page.locator('.transition-label', { hasText: 'Move to Follow-up' }).count()).toBe(0);
    await page.keyboard.press('Control+z');
    await node(page, 'followUp').waitFor();
    await page.locator('.transition-label', { hasText: 'Move to Follow-up' }).waitFor();
    await page.keyboard.press('Control+Shift+z');
    await node(page, 'followUp').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await node(page, 'followUp').waitFor();
    expect(await page.locator('.badge-dirty').count()).toBe(0);
  });

  it('selects a stage from the keyboard', async () => {
    await node(page, 'negotiation').focus();
    await page.keyboard.press('Enter');
    await expect(inspector(page).locator('.panel-head h2').textContent()).resolves.toBe('Negotiation');
    await page.keyboard.press('Escape');
    await expect(inspector(page).locator('.panel-kind').textContent()).resolves.toBe('Pipeline');
  });

  it('simulates a run where a failing guard shows its reason, and stores nothing', async () => {
    const before = (await server.api<{ total: number }>('GET', '/api/records/deal')).body.total;
    await page.getByRole('link', { name: 'Simulate' }).click();
    await page.locator('.sim-data summary').click();
    await page.locator('#sim-data-amount').fill('0');
    await page.locator('.sim-step[data-step="0"].sim-step-ok').waitFor();
    await page.locator('[data-event="PROPOSE"]').click();
    await page.locator('.sim-step[data-step="1"].sim-step-ok').waitFor();
    await page.locator('[data-event="NEGOTIATE"]').click();
    await page.locator('.sim-step[data-step="2"].sim-step-ok').waitFor();
    await page.locator('[data-event="WIN"]').click();
    const refused = page.locator('.sim-step[data-step="3"].sim-step-refused');
    await refused.waitFor();
    await expect(refused.locator('.sim-error').textContent()).resolves.toContain(
      'Amount must be greater than 0',
    );
    await expect(refused.locator('.fact-bad').textContent()).resolves.toContain('Compare a field');
    await expect(node(page, 'negotiation').locator('.stage-node.sim-current').count()).resolves.toBe(1);
    await screenshot(page, 'simulation-en');
    expect((await server.api<{ total: number }>('GET', '/api/records/deal')).body.total).toBe(before);
  });

  it('speaks Vietnamese after the switch, in the editor and the simulation', async () => {
    await page.getByRole('radio', { name: 'VI' }).click();
    await page.locator('.sim-step[data-step="3"] .sim-error', { hasText: 'Giá trị phải lớn hơn 0' }).waitFor();
    await screenshot(page, 'simulation-vi');
    await page.getByRole('link', { name: 'Quy trình', exact: true }).last().click();
    await page.waitForSelector('.editor[data-ready="true"]');
    await node(page, 'followUp').click();
    await expect(inspector(page).locator('.panel-head h2').textContent()).resolves.toBe('Theo dõi');
    await expect(page.locator('.status').textContent()).resolves.toBe('Không có lỗi');
    await screenshot(page, 'editor-stage-vi');
    expect(errors).toEqual([]);
  });
});
