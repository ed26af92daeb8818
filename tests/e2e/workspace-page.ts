/** Helpers for the workspace's browser tests: a signed-in page, drags, screenshots. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { openPage } from './browser.js';
import { SCREENSHOTS } from './designer-page.js';
import type { E2eServer, Role } from './e2e-server.js';

/** A page at 1366×768 in `lang`, signed in as `user` (created with `roles`, sales by default, when missing). */
export async function openWorkspace(
  browser: Browser,
  lang: 'vi' | 'en',
  server: E2eServer,
  user: string,
  roles: Role[] = ['sales'],
) {
  return openPage(browser, lang, { server, user, roles });
}

/** Wait until an event's button on the record page is enabled. */
export async function waitEnabled(page: Page, event: string): Promise<void> {
  await page.locator(`button[data-event="${event}"]:not([disabled])`).waitFor();
}

export const card = (page: Page, id: string): Locator => page.locator(`.board-card[data-record="${id}"]`);
export const column = (page: Page, stage: string): Locator =>
  page.locator(`.board-column[data-stage="${stage}"]`);

/** Drag a record's card onto a stage's column. */
export async function dragTo(page: Page, id: string, stage: string): Promise<void> {
  await card(page, id).dragTo(column(page, stage).locator('.board-column-head'));
}

/** Switch the app's language with the header's switch. */
export async function switchLanguage(page: Page, lang: 'vi' | 'en'): Promise<void> {
  await page.locator('.lang-switch').getByRole('radio', { name: lang.toUpperCase() }).click();
}

export async function workspaceScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Toasts come and go by themselves: close them at once (a string: no DOM types here).
  await page.evaluate("document.querySelectorAll('.toast-close').forEach((button) => button.click())");
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Type a calendar day (`2026-12-20`) into a form's date field the way a person does: its
 * first part focused, then day, month and year (both languages write day/month/year).
 */
export async function typeDay(page: Page, fieldId: string, day: string): Promise<void> {
  const [year, month, date] = day.split('-');
  await page.locator(`#${fieldId} [role="spinbutton"]`).first().click();
  await page.keyboard.type(`${date}${month}${year}`);
}

/**
 * Choose a record in a reference picker by typing part of its name and picking the
 * option whose name is `name` (with the keyboard: arrows, then Enter).
 */
export async function pickRecord(page: Page, fieldId: string, typed: string, name: string): Promise<void> {
  const input = page.locator(`#${fieldId}`);
  await input.click();
  await input.fill(typed);
  const option = page.locator('.ref-popover [role="option"]', { hasText: name }).first();
  await option.waitFor();
  await option.click();
  // The input shows the chosen record's name once the choice is taken.
  for (let tries = 0; tries < 50 && (await input.inputValue()) !== name; tries++) await page.waitForTimeout(50);
}
