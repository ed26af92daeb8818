/**
 * Saved segments live on the server, per user: a sales person saves a filter of the
 * opportunity list as a segment, finds it again in a fresh browser and applies it; another
 * sales person sees neither it nor the first one's records. Segments an older version kept
 * in the browser move to the server once (for a manager, who sees every opportunity).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer, type Role } from './e2e-server.js';
import { openWorkspace } from './workspace-page.js';

interface Segment {
  name: string;
  controls: Record<string, unknown>;
}

if (!hasChromium) console.warn(skipReason);

const OPPORTUNITIES = [
  ['Hội An business trip', 'business'],
  ['Sa Pa family holiday', 'individual'],
  ['Phú Quốc agent group', 'agent'],
  ['Đà Lạt company retreat', 'business'],
] as const;

const rows = (count: number) => `document.querySelectorAll('.work-table tbody tr').length === ${count}`;
const segmentSelect = (page: Page) => page.getByLabel('Saved segments');

describe.skipIf(!hasChromium)('workspace: saved segments', () => {
  let server: E2eServer;
  let browser: Browser;

  /** The opportunity list in a fresh browser context signed in as `actor`, once its records are shown. */
  async function openList(
    actor: string,
    rowsShown: number = OPPORTUNITIES.length,
    roles: Role[] = ['sales'],
  ) {
    const opened = await openWorkspace(browser, 'en', server, actor, roles);
    await opened.page.goto(`${server.url}/work/opportunity/list`);
    await opened.page.waitForFunction(rows(rowsShown));
    await opened.page.locator('.segment-picker[data-status="ready"]').waitFor();
    return opened;
  }
  const segmentsOf = async (actor: string) => {
    const reply = await server.api<{ items: Segment[] }>(
      'GET',
      '/api/segments/opportunity',
      undefined,
      await server.signIn(actor),
    );
    return reply.body.items;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    // A record's owner must be a user.
    await server.createUser('sales1', ['sales']);
    for (const [title, customerKind] of OPPORTUNITIES) {
      const created = await server.api('POST', '/api/records/opportunity', {
        data: { title, customerKind, customerName: 'Nguyễn Văn An' },
        owner: 'sales1',
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('saves a filter as a segment that follows the user to a fresh browser, and only that user', async () => {
    const first = await openList('sales1');
    await first.page.getByRole('button', { name: 'Add filter' }).click();
    await first.page.getByLabel('Filter field').selectOption('customerKind');
    await first.page.getByRole('checkbox', { name: 'Business', exact: true }).check();
    await first.page.keyboard.press('Enter');
    await first.page.waitForFunction(rows(2));
    await first.page.getByRole('button', { name: 'Save as segment' }).click();
    await first.page.getByLabel('Name of the segment').fill('  Business customers ');
    await first.page.keyboard.press('Enter');
    await first.page.getByText('Segment "Business customers" saved').waitFor();
    expect(await segmentSelect(first.page).inputValue()).toBe('Business customers');
    const saved = await segmentsOf('sales1');
    expect(saved.map((s) => [s.name, s.controls.conditions])).toEqual([
      ['Business customers', [{ field: 'customerKind', op: 'anyOf', value: ['business'] }]],
    ]);
    expect(first.errors).toEqual([]);
    await first.page.context().close();

    // A fresh browser context: nothing of the first one's storage, the same user.
    const again = await openList('sales1');
    expect(await segmentSelect(again.page).locator('option').allTextContents()).toContain(
      'Business customers',
    );
    await segmentSelect(again.page).selectOption('Business customers');
    await again.page.waitForFunction(rows(2));
    const titles = await again.page.locator('.work-table tbody tr td:nth-child(2)').allTextContents();
    expect(titles.sort()).toEqual(['Hội An business trip', 'Đà Lạt company retreat']);
    expect(await again.page.locator('.filter-chip-text').allTextContents()).toEqual(['Customer kind is Business']);
    expect(again.errors).toEqual([]);
    await again.page.context().close();

    // Another sales person: none of sales1's opportunities, and none of their segments.
    const other = await openList('sales2', 0);
    await other.page.locator('.list-empty').waitFor();
    const offered = await segmentSelect(other.page).locator('option').allTextContents();
    expect(offered).not.toContain('Business customers');
    expect(offered).toContain('No saved segment yet');
    expect(await segmentsOf('sales2')).toEqual([]);
    expect(other.errors).toEqual([]);
    await other.page.context().close();
  });

  it('moves the segments an older version kept in this browser to the server, once', async () => {
    const { page, errors } = await openList('manager1', OPPORTUNITIES.length, ['manager']);
    const local = [
      {
        name: 'Kept here',
        controls: {
          search: '',
          stage: '',
          field: 'customerKind',
          value: 'agent',
          sortBy: 'updatedAt',
          direction: -1,
          skip: 0,
        },
      },
    ];
    await page.evaluate(
      `localStorage.setItem('tourflow.segments.opportunity', ${JSON.stringify(JSON.stringify(local))})`,
    );
    await page.reload();
    await page.locator('.segment-picker[data-status="ready"]').waitFor();
    expect(await segmentSelect(page).locator('option').allTextContents()).toContain('Kept here');
    expect((await segmentsOf('manager1')).map((s) => s.name)).toEqual(['Kept here']);
    expect(await page.evaluate("localStorage.getItem('tourflow.segments.opportunity')")).toBeNull();
    await segmentSelect(page).selectOption('Kept here');
    await page.waitForFunction(rows(1));
    expect(await page.locator('.work-table tbody tr td:nth-child(2)').textContent()).toBe(
      'Phú Quốc agent group',
    );
    // Its old single "field = value" reads as today's condition.
    expect(await page.locator('.filter-chip-text').allTextContents()).toEqual(['Customer kind is Agent']);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
