/**
 * Reminders in the workspace, on the travel CRM pack with its scheduler running: a sales
 * activity's "overdue" reminder (an hour after its due time) is made to fire within
 * seconds by a due time just under an hour ago. Its board card then shows the red
 * overdue badge naming the reminder, another card its next reminder, and My work lists
 * the notification under today and a reminder due in two minutes under "due later today".
 * Screenshots of the board in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { card, openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

interface Reminders {
  overdue: { id: string; labels: { vi: string; en: string } }[];
  next?: { id: string; dueAt: string };
}
interface RecordView {
  id: string;
  reminders?: Reminders;
}
interface Upcoming {
  items: { id: string; dueAt: string; link: { id: string } }[];
  today: { start: string; end: string };
}

const HOUR = 3_600_000;
/** A due time whose reminder ("an hour after") falls due `inMs` from now. */
const dueFor = (inMs: number) => new Date(Date.now() - HOUR + inMs).toISOString();

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('workspace: reminders on the board and in my work', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let late: RecordView;
  let planned: RecordView;
  let soon: RecordView;
  let soonRemindsAt: number;

  const create = async (subject: string, dueAt: string) => {
    const reply = await server.api<RecordView>('POST', '/api/records/sales-activity', {
      data: { type: 'call', subject, dueAt },
      owner: 'sales1',
    });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const remindersOf = async (id: string) =>
    (await server.api<RecordView>('GET', `/api/records/sales-activity/${id}?include=reminders`)).body
      .reminders;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    ({ page, errors } = await openWorkspace(browser, 'en', server, 'sales1'));
    late = await create('Gọi lại chị Lan về tour Đà Lạt', dueFor(2_000));
    planned = await create(
      'Hẹn gặp anh Minh ký hợp đồng',
      new Date(Date.now() + 2 * 24 * HOUR).toISOString(),
    );
    const soonDue = dueFor(120_000);
    soonRemindsAt = Date.parse(soonDue) + HOUR;
    soon = await create('Gửi báo giá Phú Quốc', soonDue);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the overdue badge with the reminder’s name on the card, or the next reminder', async () => {
    // The scheduler fires it a couple of seconds after creation.
    await expect
      .poll(async () => (await remindersOf(late.id))?.overdue.map((r) => r.id), { timeout: 20_000 })
      .toEqual(['overdue']);
    expect((await remindersOf(planned.id))?.overdue).toEqual([]);

    await page.goto(`${server.url}/work/sales-activity/board`);
    const badge = card(page, late.id).getByTestId('reminder-overdue');
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/^1 overdue/);
    expect(await badge.locator('svg.reminder-icon').count()).toBe(1);
    expect(await badge.getAttribute('title')).toBe('Overdue reminders: Sales activity overdue');
    expect(await card(page, late.id).getByTestId('stage-age').textContent()).toMatch(/^(just now|\d+ min)$/);
    expect(await card(page, late.id).textContent()).toContain('sales1');
    // No overdue reminder on the others: their next one, muted, with its name as tooltip.
    expect(await card(page, planned.id).getByTestId('reminder-overdue').count()).toBe(0);
    const next = card(page, planned.id).getByTestId('reminder-next');
    expect(await next.textContent()).toMatch(/^Next reminder /);
    expect(await next.getAttribute('title')).toBe('Sales activity overdue');
    await workspaceScreenshot(page, 'workspace-board-reminders-en');

    await switchLanguage(page, 'vi');
    await badge.filter({ hasText: 'quá hạn' }).waitFor();
    expect(await badge.textContent()).toMatch(/^1 quá hạn/);
    expect(await badge.getAttribute('title')).toBe('Nhắc việc quá hạn: Hoạt động bán hàng đã quá hạn');
    expect(await card(page, late.id).getByTestId('stage-age').textContent()).toMatch(/^(vừa xong|\d+ phút)$/);
    expect(await next.textContent()).toMatch(/^Nhắc tiếp /);
    await workspaceScreenshot(page, 'workspace-board-reminders-vi');
    await switchLanguage(page, 'en');
  });

  it('lists the fired reminder in my work under today, and what falls due later today', async () => {
    const upcoming = (await server.api<Upcoming>('GET', '/api/inbox/upcoming')).body;
    expect(upcoming.items).toEqual([]); // the API helper signs in as admin, who owns none of them
    await page.getByRole('link', { name: 'My work' }).click();
    const group = (name: string) => page.locator(`section[data-group="${name}"]`);
    const today = group('today');
    const item = today.locator('.inbox-item', { hasText: 'Sales activity overdue' });
    // The notify effect delivers it to the owner's inbox right after the reminder fires.
    await expect
      .poll(
        async () => {
          await page.reload();
          await today.waitFor();
          return item.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await today.locator('h2').textContent()).toBe('Today 1');
    // Each item says which record it is about, by kind and name, and links to it.
    await expect.poll(() => item.locator('.inbox-record').textContent()).toBe('Sales activityGọi lại chị Lan về tour Đà Lạt');
    expect(await item.locator('.inbox-record').getAttribute('href')).toBe(`/work/sales-activity/${late.id}`);
    // The header counts what waits: the unread notification, and a reminder due today.
    await expect.poll(() => page.getByTestId('my-work-count').textContent(), { timeout: 70_000 }).toMatch(/^[12]$/);
    expect(await group('overdue').textContent()).toContain('Nothing overdue.');
    expect(await group('overdue').locator('h2').textContent()).toBe('Overdue 0');

    // Due in two minutes: later today (unless the business day ends before that).
    const mine = (
      await server.api<Upcoming>('GET', '/api/inbox/upcoming', undefined, await server.signIn('sales1'))
    ).body;
    const dueToday = soonRemindsAt < Date.parse(mine.today.end);
    expect(mine.items.map((i) => i.link.id)).toEqual(dueToday ? [soon.id] : []);
    const later = group('later');
    // Whatever the hour, the next seven days are listed too.
    await group('coming').locator('h2', { hasText: 'Next 7 days' }).waitFor();
    if (dueToday) {
      expect(await later.locator('.inbox-item').textContent()).toContain('Sales activity overdue');
      expect(await later.locator('h2').textContent()).toBe('Due later today 1');
      await later.getByRole('link', { name: 'Open record' }).click();
      await page.waitForURL(new RegExp(`/work/sales-activity/${soon.id}$`));
      await page.goBack();
      await later.locator('.inbox-item').waitFor();
    } else {
      expect(await later.textContent()).toContain('No reminder is due later today.');
    }
    await workspaceScreenshot(page, 'workspace-my-work-en');

    // Marking it read keeps it under today, read.
    await item.getByRole('button', { name: 'Mark as read' }).click();
    await item.getByRole('button', { name: 'Mark as read' }).waitFor({ state: 'detached' });
    expect(await item.getAttribute('class')).not.toContain('inbox-unread');
    await switchLanguage(page, 'vi');
    await page.getByRole('heading', { name: /Sắp đến hạn hôm nay/ }).waitFor();
    expect(await group('overdue').textContent()).toContain('Không có việc quá hạn.');
    await workspaceScreenshot(page, 'workspace-my-work-vi');
    expect(errors).toEqual([]);
  });
});
