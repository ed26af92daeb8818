/**
 * The one inbox, as a sales person lives it (issue 13): a Zalo message arrives through the
 * signed webhook (a local server speaks Zalo's OAuth and OA API), the assignment rule gives
 * the conversation to the sales person, it shows in their inbox with its unread count; they
 * open it, reply (the reply reaches Zalo's OA API as a consultation message), a second
 * message appears without a reload, and they create an order from the thread, linked both
 * ways. Screenshots of the inbox in both languages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zaloSignature } from '../../plugins/zalo/index.js';
import { startZaloPeer, type ZaloPeer } from '../peers/zalo-peer.js';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const APP = { appId: '4318093361823917', appSecret: 'e2e-zalo-app-secret' };
const OA_SECRET = 'e2e-zalo-oa-secret-key';
const FOLLOWER = '5510185758261927916';

describe.skipIf(!hasChromium)('the inbox: a Zalo message, assigned, answered and turned into an order', () => {
  let server: E2eServer;
  let zalo: ZaloPeer;
  let browser: Browser;
  let sent = 0;

  const fromZalo = async (text: string) => {
    const raw = JSON.stringify({ app_id: APP.appId, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: FOLLOWER }, recipient: { id: '1646843870823903717' }, message: { text, msg_id: `e2e-${++sent}` } });
    const { timestamp } = JSON.parse(raw) as { timestamp: string };
    const hook = await fetch(`${server.url}/api/channels/zalo/webhook`, { method: 'POST', headers: { 'x-zevent-signature': `mac=${zaloSignature(APP.appId, raw, timestamp, OA_SECRET)}` }, body: raw });
    expect(hook.status).toBe(200);
  };

  beforeAll(async () => {
    zalo = await startZaloPeer(APP);
    [server, browser] = await Promise.all([
      startE2eServer({
        pack: 'travel-crm',
        plugins: true,
        env: {
          ZALO_APP_ID: APP.appId,
          ZALO_APP_SECRET: APP.appSecret,
          ZALO_OA_SECRET_KEY: OA_SECRET,
          ZALO_REFRESH_TOKEN: zalo.issueRefreshToken(),
          ZALO_API_URL: zalo.url,
          ZALO_OAUTH_URL: zalo.url,
          ZALO_ZNS_URL: zalo.url,
        },
      }),
      launchChromium(),
    ]);
    await server.createUser('sales.minh', ['sales'], { name: 'Lê Văn Minh' });
    await fromZalo('Chào anh chị, tour Phú Quốc 3 ngày 2 đêm tháng 12 còn chỗ không ạ?');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await zalo?.close();
  });

  it('goes from a Zalo message to a reply and an order, all from the inbox', async () => {
    // The assignment rule gives the new conversation to the only sales person.
    await expect
      .poll(async () => (await server.api<{ items: { owner?: string }[] }>('GET', '/api/records/conversation')).body.items[0]?.owner, { timeout: 15_000 })
      .toBe('sales.minh');
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'sales.minh', ['sales']);
    await page.goto(`${server.url}/work/inbox`);
    const nav = page.getByTestId('inbox-count');
    await expect.poll(() => nav.textContent()).toBe('1');
    const row = page.locator('.thread-row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('tour Phú Quốc 3 ngày 2 đêm');
    expect(await row.innerText()).toContain('Lê Văn Minh');
    await page.getByRole('button', { name: 'Của tôi' }).click();
    await expect.poll(() => page.locator('.thread-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Chưa phân công' }).click();
    await page.getByText('Hội thoại nào cũng đã có người phụ trách.').waitFor();
    await page.getByRole('button', { name: 'Tất cả' }).click();
    await page.locator('.thread-row').first().click();

    // The thread: the message, the window of Zalo's free replies; opening it reads it.
    await page.locator('.message-in').first().waitFor();
    expect(await page.getByTestId('reply-window').innerText()).toMatch(/^Trả lời miễn phí qua Zalo đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(còn 6 ngày\)\.$/);
    await expect.poll(() => page.getByTestId('inbox-count').count()).toBe(0);

    // Reply with the keyboard; it reaches Zalo as a consultation message and shows as sent.
    await page.getByRole('button', { name: 'Gửi qua Zalo' }).click();
    await page.getByText('Anh/chị chưa nhập nội dung trả lời.').waitFor();
    await page.getByLabel('Trả lời khách').fill('Dạ còn chỗ ạ. Tour Phú Quốc 3N2Đ khởi hành 18/12, giá 4.990.000 ₫/khách. Anh/chị đi mấy người ạ?');
    await page.getByLabel('Trả lời khách').press('Control+Enter');
    await expect.poll(() => zalo.messages.length, { timeout: 15_000 }).toBe(1);
    expect(zalo.messages[0]).toMatchObject({ type: 'cs', body: { recipient: { user_id: FOLLOWER } } });
    expect((zalo.messages[0]?.body.message as { text: string }).text).toContain('khởi hành 18/12');
    await expect.poll(() => page.locator('.message-out .message-status').first().textContent(), { timeout: 15_000 }).toBe('Đã gửi');

    // The customer answers: it appears without a reload.
    await fromZalo('Mình đi 2 người lớn, tên Trần Thị Hoa, số 0912 345 678 nhé');
    await expect.poll(() => page.locator('.message-in').count(), { timeout: 15_000 }).toBe(2);

    // Fill in who they are and what they book, then create the order from the thread.
    const form = page.locator('.customer-pane');
    await form.getByLabel('Tên khách').fill('Trần Thị Hoa');
    await form.getByLabel('Số điện thoại').fill('0912345678');
    await form.getByLabel('Tour khách muốn đặt').fill('Phú Quốc 3N2Đ 18/12');
    await form.getByLabel('Số khách').fill('2');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu.').waitFor();
    await page.evaluate("document.querySelector('.customer-pane').scrollTop = 0");
    await workspaceScreenshot(page, 'inbox-vi');
    await form.locator('button[data-event="CREATE_ORDER"]').click();
    // The order is made by the automation and linked both ways: the thread names it.
    const link = form.locator('a[href^="/work/order/"]').first();
    await link.waitFor({ timeout: 15_000 });
    const orderId = decodeURIComponent((await link.getAttribute('href'))?.split('/').pop() ?? '');
    const order = await server.api<{ data: Record<string, unknown>; owner?: string }>('GET', `/api/records/order/${orderId}`);
    expect(order.body.data).toMatchObject({ customerName: 'Trần Thị Hoa', phone: '0912345678', tourName: 'Phú Quốc 3N2Đ 18/12', travellerCount: 2, source: 'conversation' });
    expect(order.body.owner).toBe('sales.minh');
    const conversations = await server.api<{ items: { data: Record<string, unknown> }[] }>('GET', '/api/records/conversation');
    expect(conversations.body.items[0]?.data.orderId).toBe(orderId);

    await switchLanguage(page, 'en');
    await page.getByRole('button', { name: 'Send on Zalo' }).waitFor();
    await workspaceScreenshot(page, 'inbox-en');
    expect(errors).toEqual([]);
  });
});
