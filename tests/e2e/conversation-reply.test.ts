/**
 * A Messenger message in the workspace (issue 13, part): a signed webhook brings a
 * customer's message; the conversation is the sales person's by the assignment rule; they
 * open it, reply from a dialog, and the reply reaches Facebook's Send API (a local server
 * speaking it). Screenshots of the conversation and the reply dialog in both languages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSignature } from '../../plugins/messenger/index.js';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace, switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const APP_SECRET = 'e2e-messenger-app-secret';

describe.skipIf(!hasChromium)('replying to a Messenger message', () => {
  let server: E2eServer;
  let graph: Server;
  let browser: Browser;
  const sent: { recipient: { id: string }; message: { text: string } }[] = [];

  beforeAll(async () => {
    graph = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof sent)[number]);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message_id: `m_out_${sent.length}` }));
      });
    });
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    const graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v21.0`;
    [server, browser] = await Promise.all([
      startE2eServer({ pack: 'travel-crm', plugins: true, env: { MESSENGER_PAGE_TOKEN: 'page-token-e2e-0001', MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_VERIFY_TOKEN: 'verify-e2e-token', MESSENGER_GRAPH_URL: graphUrl } }),
      launchChromium(),
    ]);
    await server.createUser('sales.minh', ['sales'], { name: 'Lê Văn Minh' });
    const body = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE', time: Date.now(), messaging: [{ sender: { id: '9988776655443322' }, recipient: { id: 'PAGE' }, timestamp: Date.now(), message: { mid: 'm_e2e_1', text: 'Chào shop, tour Sa Pa cuối tuần này còn chỗ không ạ?' } }] }] });
    const hook = await fetch(`${server.url}/api/channels/messenger/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(APP_SECRET, body) }, body });
    expect(hook.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => graph?.close(() => resolve()));
  });

  it('shows the message on the sales person’s conversation and sends their reply', async () => {
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      const list = await server.api<{ items: { id: string; owner?: string }[] }>('GET', '/api/records/conversation');
      id = list.body.items.find((c) => c.owner === 'sales.minh')?.id;
      if (!id) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { page, errors } = await openWorkspace(browser, 'vi', server, 'sales.minh', ['sales']);
    await page.goto(`${server.url}/work/conversation/${id}`);
    await page.locator('.timeline').getByText('Tin nhắn mới').first().waitFor();
    await page.locator('button[data-event="REPLY"]').click();
    const dialog = page.locator('[data-dialog="event-payload"]');
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect.poll(() => dialog.locator('.field-error').textContent()).toBe('Hãy nhập nội dung.');
    await dialog.locator('textarea').fill('Dạ còn 4 chỗ ạ, anh/chị đi mấy người?');
    await workspaceScreenshot(page, 'conversation-reply-vi');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect.poll(() => sent.length, { timeout: 15_000 }).toBe(1);
    expect(sent[0]).toMatchObject({ recipient: { id: '9988776655443322' }, message: { text: 'Dạ còn 4 chỗ ạ, anh/chị đi mấy người?' } });
    await expect.poll(async () => { await page.reload(); return page.locator('.timeline').innerText(); }, { timeout: 15_000 }).toContain('Đã gửi Messenger tới 9988776655443322');
    await workspaceScreenshot(page, 'conversation-vi');
    await switchLanguage(page, 'en');
    await page.locator('.timeline').getByText('Message received').first().waitFor();
    await workspaceScreenshot(page, 'conversation-en');
    expect(errors).toEqual([]);
  });
});
