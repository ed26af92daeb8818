/** Steps on the designer's pages that several browser tests share. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from './e2e-server.js';

export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');

export const node = (page: Page, stage: string): Locator =>
  page.locator(`.react-flow__node[data-id="${stage}"]`);
export const inspector = (page: Page): Locator => page.locator('aside.inspector');

/** Open an entity's editor and wait until its graph is laid out. */
export async function openEditor(page: Page, baseUrl: string, entity: string, tab = ''): Promise<void> {
  await page.goto(`${baseUrl}/designer/${entity}${tab ? `/${tab}` : ''}`);
  await page.waitForSelector('.editor[data-ready="true"]');
}

/** Wait until live validation has settled on `count` problems. */
export async function expectProblemCount(page: Page, count: number): Promise<void> {
  await page
    .locator('.status')
    .filter({ hasNotText: /Checking|Đang kiểm tra/ })
    .first()
    .waitFor();
  await page.locator('.problems-head .count', { hasText: new RegExp(`^${count}$`) }).waitFor();
}

/** Drag from one stage's exit handle onto another stage's entry handle. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const source = await node(page, from).locator('.react-flow__handle.source').boundingBox();
  const target = await node(page, to).locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error(`Handles of ${from} or ${to} are not visible`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

export async function fitView(page: Page): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(150);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Toasts come and go; they are not what the screenshot is about.
  for (const close of await page.locator('.toast-close').all()) await close.click();
  // Let live validation settle so the status shows its verdict.
  await page.locator('.status:not(.status-muted)').or(page.locator('.pipeline-grid')).first().waitFor();
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
