/**
 * Channels out in the browser (issue 12), on the travel CRM with the email plugin talking
 * to a real SMTP server on 127.0.0.1: a marketer builds a campaign from a saved segment,
 * launches it and watches it go out; a recipient's open and another's click, fetched from
 * the mail that arrived, show on the campaign's funnel as targets. The admin's channels and
 * message templates pages, in both languages.
 */
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp-peer.js';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const linksOf = (mail: ParsedMail) => [...String(mail.html || '').matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));

describe.skipIf(!hasChromium)('a marketer sends an email campaign to a segment', () => {
  let server: E2eServer;
  let smtp: SmtpPeer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let campaignId: string;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    [server, browser] = await Promise.all([
      startE2eServer({ pack: 'travel-crm', plugins: true, env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Du lịch Sen Vàng <info@senvang.test>' } }),
      launchChromium(),
    ]);
    await server.createUser('mkt.lan', ['marketing'], { name: 'Trần Thị Lan' });
    const people = [
      ['Nguyễn Văn An', 'an@example.vn', 'Quảng Ninh'],
      ['Lê Thị Bình', 'binh@example.vn', 'Quảng Ninh'],
      ['Phạm Văn Cường', 'cuong@example.vn', 'Quảng Ninh'],
      ['Hoàng Thị Dung', 'dung@example.vn', 'Hà Nội'],
    ];
    for (const [name, email, province] of people) {
      expect((await server.api('POST', '/api/records/account', { data: { kind: 'individual', name, email, province } })).status).toBe(201);
    }
    // The marketer's saved segment: customers in Quảng Ninh (a list filter, as the list page saves it).
    const token = await server.signIn('mkt.lan', ['marketing']);
    const saved = await server.api('PUT', `/api/segments/account/${encodeURIComponent('Khách Quảng Ninh')}`, { controls: { conditions: [{ field: 'province', op: 'contains', value: 'Quảng Ninh' }] } }, token);
    expect(saved.status).toBeLessThan(300);
    ({ page, errors } = await openWorkspace(browser, 'vi', server, 'mkt.lan', ['marketing']));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('builds the campaign from the saved segment, and sees how many it reaches', async () => {
    await page.goto(`${server.url}/work/campaign/new`);
    await page.locator('#root_name').fill('Hè Quảng Ninh 2027');
    await page.locator('#root_channel').selectOption({ label: 'Email' });
    const audience = page.locator('.audience-field');
    await audience.getByLabel('Phân khúc đã lưu').selectOption({ label: 'Khách Quảng Ninh' });
    await expect.poll(() => audience.locator('.audience-size').textContent()).toBe('Hôm nay phân khúc này có 3 người.');
    await page.locator('#root_subject').fill('Ưu đãi hè cho {{ person.name }}');
    await page.locator('#root_message').fill('Chào {{ person.name }},\n\nTour Hạ Long 3N2Đ giảm 10%: https://senvang.test/tour/ha-long\n\nSen Vàng');
    await page.getByRole('button', { name: 'Tạo' }).click();
    await page.waitForURL(/\/work\/campaign\/[0-9a-f-]{36}$/);
    campaignId = page.url().split('/').pop() ?? '';
    await page.locator('.bulk-send').waitFor();
    expect(await page.locator('.bulk-send').textContent()).toContain('Chưa gửi');
  });

  it('launches it and watches it go out to each person once', async () => {
    // The checklist is the server's: the box is ticked once the server has saved it.
    const prepared = page.locator('input[data-activity="prepareContent"]');
    await prepared.click();
    await expect.poll(() => prepared.isChecked()).toBe(true);
    await page.locator('button[data-event="LAUNCH"]:not([disabled])').click();
    const panel = page.locator('.bulk-send[data-status="done"]');
    await panel.waitFor({ timeout: 20_000 });
    expect(await panel.locator('[data-count="sent"] dd').textContent()).toBe('3');
    expect(await panel.locator('[data-count="remaining"] dd').textContent()).toBe('0');
    expect(await panel.locator('.bulk-status').textContent()).toBe('Đã gửi xong');
    await smtp.waitFor(3);
    expect(smtp.received.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual(['an@example.vn', 'binh@example.vn', 'cuong@example.vn']);
    expect(smtp.received.find((m) => (m.to && 'text' in m.to ? m.to.text : '') === 'an@example.vn')?.subject).toBe('Ưu đãi hè cho Nguyễn Văn An');
  });

  it('shows an open and a click from the received mail as targets on the campaign page', async () => {
    const mailOf = (address: string) => smtp.received.find((m) => (m.to && 'text' in m.to ? m.to.text : '') === address) as ParsedMail;
    const pixel = linksOf(mailOf('an@example.vn')).find((l) => l.includes('/t/o/')) as string;
    expect((await fetch(pixel, { headers: { 'user-agent': BROWSER_UA } })).status).toBe(200);
    const link = linksOf(mailOf('binh@example.vn')).find((l) => l.includes('/t/c/')) as string;
    const followed = await fetch(link, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    expect(followed.headers.get('location')).toBe('https://senvang.test/tour/ha-long');
    const funnel = page.locator('.bulk-funnel');
    await expect
      .poll(async () => {
        await page.reload();
        await funnel.waitFor();
        return funnel.locator('[data-step="targets"] .bulk-funnel-count').textContent();
      }, { timeout: 20_000 })
      .toMatch(/^2/);
    expect(await funnel.locator('[data-step="opened"] .bulk-funnel-count').textContent()).toMatch(/^2/);
    expect(await funnel.locator('[data-step="clicked"] .bulk-funnel-count').textContent()).toMatch(/^1/);
    // The timeline says it in words, not codes.
    expect(await page.locator('.timeline').innerText()).not.toMatch(/EMAIL_OPENED|LINK_CLICKED|sendBulk/);
    await workspaceScreenshot(page, 'campaign-sent-vi');
    await switchLanguage(page, 'en');
    await expect.poll(() => page.locator('.bulk-send .bulk-status').textContent()).toBe('All sent');
    await workspaceScreenshot(page, 'campaign-sent-en');
    await switchLanguage(page, 'vi');
    const targets = await server.api<{ items: { data: { email: string } }[] }>('GET', `/api/records/target?filter=${encodeURIComponent(JSON.stringify({ 'data.campaignId': campaignId }))}`);
    expect(targets.body.items.map((t) => t.data.email).sort()).toEqual(['an@example.vn', 'binh@example.vn']);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('an admin sets up channels and edits message templates', () => {
  let server: E2eServer;
  let smtp: SmtpPeer;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    [server, browser] = await Promise.all([
      startE2eServer({ pack: 'travel-crm', plugins: true, env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Du lịch Sen Vàng <info@senvang.test>', SMTP_PASSWORD: 'do-not-show' } }),
      launchChromium(),
    ]);
    const account = await server.api<{ id: string }>('POST', '/api/records/account', { data: { kind: 'individual', name: 'Đỗ Thu Hà', email: 'ha@example.vn', phone: '0912345678' } });
    const contract = await server.api<{ id: string }>('POST', '/api/records/contract', { data: { title: 'Hợp đồng Phú Quốc', accountId: account.body.id } });
    await server.api('POST', '/api/records/payment', { data: { title: 'Thanh toán đợt 2', kind: 'receipt', amount: 8_750_000, dueDate: '2027-06-15', accountId: account.body.id, contractId: contract.body.id } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`shows each channel's state and sends a test message (${lang})`, async () => {
      const { page, errors } = await openWorkspace(browser, lang, server, 'admin', ['admin']);
      await page.goto(`${server.url}/admin/channels`);
      const email = page.locator('.channel-card[data-channel="email"]');
      await email.waitFor();
      expect(await email.getAttribute('data-state')).toBe('ready');
      expect(await page.locator('.channel-card[data-channel="sms"]').getAttribute('data-state')).toBe('off');
      expect(await page.locator('main').innerText()).not.toContain('do-not-show');
      const before = smtp.count();
      await email.locator('input').fill('admin@senvang.test');
      await email.getByRole('button', { name: lang === 'vi' ? 'Gửi thử' : 'Send test' }).click();
      await expect.poll(() => smtp.count()).toBe(before + 1);
      await workspaceScreenshot(page, `admin-channels-${lang}`);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it(`previews a template on a real payment, with the SMS's length (${lang})`, async () => {
      const { page, errors } = await openWorkspace(browser, lang, server, 'admin', ['admin']);
      await page.goto(`${server.url}/admin/templates`);
      await page.locator('.template-item', { hasText: lang === 'vi' ? 'Nhắc thanh toán sắp đến hạn (SMS)' : 'Payment due soon (SMS)' }).click();
      const rendered = page.locator('.template-rendered-text');
      await expect.poll(() => rendered.textContent(), { timeout: 10_000 }).toContain(lang === 'vi' ? '8.750.000 VND' : '8,750,000 VND');
      expect(await page.locator('.sms-count').textContent()).toMatch(lang === 'vi' ? /ký tự không dấu: 1 tin/ : /characters without marks: 1 part/);
      // Keep the marks: Unicode, 70 characters a part.
      await page.locator('.template-fields input[type="checkbox"]').uncheck();
      await expect.poll(() => page.locator('.sms-count').textContent()).toMatch(lang === 'vi' ? /có dấu/ : /with Vietnamese marks/);
      await workspaceScreenshot(page, `admin-templates-${lang}`);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
