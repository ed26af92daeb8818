/**
 * Changing a pipeline people work in (DESIGN.md decision 12), as admins do it: two admins
 * publishing at once meet the conflict dialog (merge, or overwrite knowingly); a draft is
 * kept without staff seeing it; stages are reordered and the board follows; records on the
 * old version are moved with a previewed stage mapping. Screenshots in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { connect, expectProblemCount, fitView, node, openEditor, screenshot } from './designer-page.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { column } from './workspace-page.js';
import { generatedPipeline } from '../bench/designer.js';

interface Definition {
  version: number;
  machine: { states: Record<string, { meta: { labels: { en: string; vi: string }; order?: number } }> };
}
interface Record_ {
  id: string;
  state: string;
  definitionVersion: number;
}

if (!hasChromium) console.warn(skipReason);

/** Rename a stage's English label in the open editor. */
async function renameStage(page: Page, stage: string, en: string): Promise<void> {
  await node(page, stage).click();
  await page.locator('input[name="stage-label-en"]').fill(en);
  await page.locator('.badge-dirty').waitFor();
}

/** Switch the language under an open dialog (whose backdrop covers the header's switch). */
async function switchLanguage(page: Page, lang: 'vi' | 'en'): Promise<void> {
  await page.locator('.lang-switch').getByRole('radio', { name: lang.toUpperCase() }).dispatchEvent('click');
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
}

describe.skipIf(!hasChromium)('designer: changing a pipeline people work in', () => {
  let server: E2eServer;
  let browser: Browser;
  let mine: Page;
  let theirs: Page;
  let errors: string[];

  const latest = async () => (await server.api<Definition>('GET', '/api/definitions/deal')).body;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    await server.createUser('hoa', ['admin'], { name: 'Trần Thị Hoa' });
    ({ page: mine, errors } = await openPage(browser, 'en', { server }));
    ({ page: theirs } = await openPage(browser, 'en', { server, user: 'hoa', roles: ['admin'] }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows what the other admin changed, and merges changes that do not collide', async () => {
    await Promise.all([openEditor(mine, server.url, 'deal'), openEditor(theirs, server.url, 'deal')]);
    await renameStage(mine, 'won', 'Won deal');
    await renameStage(theirs, 'lost', 'Lost deal');
    await publish(theirs);
    await theirs.locator('.toast', { hasText: 'Published as version 2' }).waitFor();

    await publish(mine);
    const dialog = mine.getByRole('dialog', { name: 'Someone else saved this pipeline' });
    await dialog.waitFor();
    await dialog.getByText('Trần Thị Hoa published version 2').waitFor();
    await dialog.locator('[data-side="theirs"]', { hasText: 'Lost deal' }).waitFor();
    await dialog.locator('[data-side="mine"]', { hasText: 'Won deal' }).waitFor();
    await screenshot(mine, 'designer-conflict-en');
    await switchLanguage(mine, 'vi');
    await mine.getByRole('dialog', { name: 'Người khác vừa lưu quy trình này' }).waitFor();
    await screenshot(mine, 'designer-conflict-vi');
    await switchLanguage(mine, 'en');

    await dialog.getByRole('button', { name: 'Merge my changes into theirs' }).click();
    await mine.locator('.toast', { hasText: 'Merged with version 2' }).waitFor();
    await publish(mine);
    await mine.locator('.toast', { hasText: 'Published as version 3' }).waitFor();
    const merged = await latest();
    expect(merged.version).toBe(3);
    expect(merged.machine.states.won?.meta.labels.en).toBe('Won deal');
    expect(merged.machine.states.lost?.meta.labels.en).toBe('Lost deal');
  });

  it('will not merge two edits of the same stage, but overwrites when told to', async () => {
    await Promise.all([openEditor(mine, server.url, 'deal'), openEditor(theirs, server.url, 'deal')]);
    await renameStage(mine, 'open', 'Open (mine)');
    await renameStage(theirs, 'open', 'Open (theirs)');
    await publish(theirs);
    await theirs.locator('.toast', { hasText: 'Published as version 4' }).waitFor();

    await publish(mine);
    const dialog = mine.getByRole('dialog', { name: 'Someone else saved this pipeline' });
    await dialog.locator('.conflict-both', { hasText: 'Stage “Open (theirs)”' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Merge my changes into theirs' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
    await mine.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
    await mine.locator('.toast', { hasText: 'Published as version 5' }).waitFor();
    expect((await latest()).machine.states.open?.meta.labels.en).toBe('Open (mine)');
  });

  it('keeps a draft staff do not see, reorders stages, and moves live records to the new version', async () => {
    const created: Record_[] = [];
    for (const title of ['Hạ Long', 'Sa Pa', 'Phú Quốc']) created.push((await server.api<Record_>('POST', '/api/records/deal', { data: { title } })).body);
    for (const record of created.slice(1)) await server.api('POST', `/api/records/deal/${record.id}/events`, { type: 'PROPOSE', data: { amount: 12_000_000 } });
    const before = await latest();

    await openEditor(mine, server.url, 'deal');
    // Negotiation comes before Proposal; then Proposal goes, and Open leads to Negotiation.
    await mine.locator('[data-order-of="pipeline"]').getByRole('button', { name: 'Move “Negotiation” earlier' }).click();
    await node(mine, 'proposal').click();
    await mine.keyboard.press('Delete');
    await mine.getByRole('button', { name: 'Save draft' }).click();
    await mine.locator('.toast', { hasText: 'Draft saved' }).waitFor();
    await mine.evaluate("document.querySelectorAll('.toast-close').forEach((button) => button.click())");
    await fitView(mine);
    await connect(mine, 'open', 'negotiation');
    await expectProblemCount(mine, 0);
    await mine.getByRole('button', { name: 'Save draft' }).click();
    await mine.locator('.toast', { hasText: `Draft saved. Staff still work with version ${before.version}` }).last().waitFor();
    expect((await latest()).version).toBe(before.version);

    // The draft is where the admin left off after a reload.
    await openEditor(mine, server.url, 'deal');
    await mine.locator('.change-banner-draft', { hasText: 'You are editing a draft' }).waitFor();
    expect(await node(mine, 'proposal').count()).toBe(0);
    await publish(mine);
    await mine.locator('.toast', { hasText: `Published as version ${before.version + 1}` }).waitFor();
    await mine.locator('.change-banner-draft').waitFor({ state: 'detached' });

    await mine.getByRole('button', { name: `Move them to version ${before.version + 1}…` }).click();
    const dialog = mine.getByRole('dialog', { name: `Move records to version ${before.version + 1}` });
    const proposalRow = dialog.locator('tr[data-from="proposal"]');
    await proposalRow.getByText(`Not in version ${before.version + 1}`).waitFor();
    await dialog.getByText('1 of 3 records can move; 2 cannot yet.').waitFor();
    await proposalRow.locator('select').selectOption('negotiation');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('3 of 3 records can move; 0 cannot yet.').waitFor();
    await dialog.locator(`tr[data-record="${created[1].id}"]`, { hasText: 'Proposal → Negotiation' }).waitFor();
    await screenshot(mine, 'designer-migration-en');
    await switchLanguage(mine, 'vi');
    await mine.getByRole('dialog', { name: `Chuyển hồ sơ sang phiên bản ${before.version + 1}` }).getByText('3/3 hồ sơ chuyển được; 0 hồ sơ chưa chuyển được.').waitFor();
    await screenshot(mine, 'designer-migration-vi');
    await switchLanguage(mine, 'en');

    await dialog.getByRole('button', { name: 'Move 3 records' }).click();
    await dialog.getByText('Moved 3 records; 0 stayed where they were.').waitFor();
    for (const record of created) {
      const moved = (await server.api<Record_>('GET', `/api/records/deal/${record.id}`)).body;
      expect([moved.definitionVersion, moved.state]).toEqual([before.version + 1, record === created[0] ? 'open' : 'negotiation']);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await mine.locator('.change-banner-migrate').waitFor({ state: 'detached' });

    // The board follows the order the admin set.
    await mine.goto(`${server.url}/work/deal/board`);
    await column(mine, 'negotiation').waitFor();
    const stages = await mine.locator('.board-column').evaluateAll((columns) => columns.map((c) => (c as unknown as { dataset: Record<string, string> }).dataset.stage));
    expect(stages.slice(0, 2)).toEqual(['open', 'negotiation']);
    expect(errors.filter((e) => !e.includes('status of 409') && !e.includes('status of 404'))).toEqual([]);
  });

  it('opens a 20-stage pipeline with stage names still at least 12 px, and folds side-panel sections', async () => {
    const saved = await server.api('PUT', '/api/definitions/long', { ...generatedPipeline(20), baseVersion: 0 });
    expect(saved.status).toBe(200);
    await openEditor(mine, server.url, 'long');
    const size = await mine.locator('.stage-node-title').first().evaluate(
      (title) => (title as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height,
    );
    // The title's line box (1.25 × the font) scaled by the zoom: 12 px letters need ≥ 15 px.
    expect(size).toBeGreaterThanOrEqual(15);

    const events = mine.getByRole('button', { name: /^Event names/ });
    await events.click();
    expect(await events.getAttribute('aria-expanded')).toBe('false');
    expect(await mine.locator('[data-section-id="PipelinePanel-1"] input').count()).toBe(0);
    await events.click();
    expect(await mine.locator('[data-section-id="PipelinePanel-1"] input').count()).toBeGreaterThan(0);
  });
});

