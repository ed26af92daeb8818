/**
 * The website form as an agency uses it: a plain page on another origin (its own website)
 * pastes the snippet; in Chromium the form appears in the page, in Vietnamese or English,
 * says what is missing, and a request sent from it becomes a web lead that knows the page
 * and its UTM parameters. Screenshots of the form in a plain page, in both languages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, skipReason, VIEWPORT } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

describe.skipIf(!hasChromium)('a form embedded in an agency’s website', () => {
  let server: E2eServer;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    // The agency's website: another origin, serving plain pages with the snippet.
    let crm = '';
    site = createServer((req, res) => {
      const lang = req.url?.startsWith('/en') ? 'en' : 'vi';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Du lịch Sen Vàng</title></head>` +
          `<body style="font-family:sans-serif;max-width:720px;margin:24px auto"><h1>Du lịch Sen Vàng</h1><p>${lang === 'vi' ? 'Tour Phú Quốc 4 ngày 3 đêm, khởi hành hằng tuần.' : 'Phu Quoc, 4 days 3 nights, every week.'}</p>` +
          `<script src="${crm}/forms/advice.js" data-lang="${lang}" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm', plugins: true, env: { FORM_ORIGINS: siteUrl } }), launchChromium()]);
    crm = server.url;
  });
  /** A visitor of the agency's site: a plain browser (no app settings injected), errors collected. */
  async function visitor(lang: 'vi' | 'en'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => site?.close(() => resolve()));
  });

  it('shows the form in the page, says what is missing, and sends a request that becomes a lead', async () => {
    const { page, errors } = await visitor('vi');
    await page.goto(`${siteUrl}/vi/tour/phu-quoc?utm_source=zalo&utm_campaign=he2027`);
    const form = page.frameLocator('iframe[data-tourflow-form="advice"]');
    await form.getByRole('heading', { name: 'Nhận tư vấn tour' }).waitFor();
    await form.getByLabel(/Họ tên/).fill('Quách Thị Ngọc');
    await form.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => form.locator('#f-phone-error').textContent()).toBe('Vui lòng nhập ô này.');
    await workspaceScreenshot(page, 'web-form-embedded-errors-vi');
    await form.getByLabel(/Số điện thoại/).fill('0912 345 000');
    await form.getByLabel(/Số khách/).fill('3');
    await form.getByLabel(/Ngày khởi hành/).fill('15/06/2027');
    await form.getByRole('button', { name: 'Gửi' }).click();
    await form.getByText('Cảm ơn anh/chị!').waitFor();
    const leads = await server.api<{ items: { data: Record<string, unknown> }[] }>('GET', `/api/records/lead?filter=${encodeURIComponent(JSON.stringify({ 'data.fullName': 'Quách Thị Ngọc' }))}`);
    expect(leads.body.items[0]?.data).toMatchObject({ source: 'web-form', phone: '+84912345000', travellerCount: 3, preferredDeparture: '2027-06-15', webSource: { page: `${siteUrl}/vi/tour/phu-quoc?utm_source=zalo&utm_campaign=he2027`, utmSource: 'zalo', utmCampaign: 'he2027' } });
    await workspaceScreenshot(page, 'web-form-embedded-vi');
    // The one refusal is the one asked for (no phone): Chromium logs its 422.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await page.context().close();
  });

  it('speaks English on an English page', async () => {
    const { page, errors } = await visitor('en');
    await page.goto(`${siteUrl}/en/tour/phu-quoc`);
    const form = page.frameLocator('iframe[data-tourflow-form="advice"]');
    await form.getByRole('heading', { name: 'Ask us about a tour' }).waitFor();
    expect(await form.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await workspaceScreenshot(page, 'web-form-embedded-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
