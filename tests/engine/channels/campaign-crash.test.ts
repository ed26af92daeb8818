/**
 * A 2 000-recipient email campaign survives kill -9: the real server (as `npm start` runs
 * it) sends to a real SMTP server, is killed in the middle of the send, and started again
 * on the same data. Every recipient gets their message, and counted at the SMTP server each
 * recipient got exactly one message id: a message the server accepted just before the kill
 * (its "sent" not yet committed) goes again with the same Message-ID, so the receiving side
 * recognises it; nobody is skipped and nobody gets a second, different message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../../peers/smtp-peer.js';
import { request, startServerProcess, type ServerProcess } from '../hardening/server-process.js';
import { DEFAULT_BULK_CONCURRENCY } from '../../../engine/runtime/services/channels/bulk-send.js';
import { ROOT } from './channel-world.js';

const RECIPIENTS = 2_000;
const dirs: string[] = [];
const servers: ServerProcess[] = [];
let smtp: SmtpPeer | undefined;

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await smtp?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a campaign killed in the middle of its send', () => {
  it('reaches every recipient exactly once after kill -9 and a restart', async () => {
    smtp = await startSmtpPeer({ parse: false });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-campaign-crash-'));
    dirs.push(dataDir);
    const env = {
      DATA_DIR: dataDir,
      PLUGINS_DIR: path.join(ROOT, 'plugins'),
      DEFINITIONS_DIR: path.join(ROOT, 'definitions'),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'Du lịch Sen Vàng <info@senvang.test>',
    };
    const first = await startServerProcess(env);
    servers.push(first);
    for (let start = 0; start < RECIPIENTS; start += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, i) => ({ data: { kind: 'individual', name: `Khách ${start + i}`, email: `khach${start + i}@example.vn`, province: 'Đà Nẵng' } }));
      const imported = await request(first, 'POST', '/api/records/account/import', { rows });
      expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(201);
    }
    const campaign = await request(first, 'POST', '/api/records/campaign', {
      data: { name: 'Đà Nẵng mùa hè', channel: 'email', sendRate: 100_000, audience: { entity: 'account', segment: 'Đà Nẵng', filter: { 'data.province': 'Đà Nẵng' } } },
    });
    const id = (campaign.body as { id: string }).id;
    await request(first, 'POST', `/api/records/campaign/${id}/activities/prepareContent`, { done: true });
    const launched = await request(first, 'POST', `/api/records/campaign/${id}/events`, { type: 'LAUNCH', data: { subject: 'Hè {{ person.name }}', message: 'Chào {{ person.name }}: https://senvang.test/da-nang' } });
    expect(launched.status, JSON.stringify(launched.body)).toBe(200);

    // Kill it while the messages go out.
    const deadline = Date.now() + 60_000;
    while (smtp.count() < RECIPIENTS * 0.3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = smtp.count();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(RECIPIENTS);

    const second = await startServerProcess(env);
    servers.push(second);
    let progress: { status: string; sent: number; remaining: number } | undefined;
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      progress = ((await request(second, 'GET', `/api/records/campaign/${id}/bulk-send`)).body as { progress: typeof progress }).progress;
      if (progress?.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(progress).toMatchObject({ status: 'done', sent: RECIPIENTS, remaining: 0 });
    second.child.kill('SIGTERM');
    await second.exited;

    // At the SMTP server: every recipient, each with one Message-ID.
    const ids = new Map<string, Set<string>>();
    for (const envelope of smtp.envelopes) {
      for (const to of envelope.to) {
        const seen = ids.get(to) ?? new Set<string>();
        seen.add(envelope.messageId);
        ids.set(to, seen);
      }
    }
    expect(ids.size).toBe(RECIPIENTS);
    const withMore = [...ids].filter(([, seen]) => seen.size !== 1);
    expect(withMore).toEqual([]);
    // Copies of one message (accepted just before the kill, its "sent" not yet committed) are
    // at most the messages in flight then: one per lane of the sender.
    const copies = smtp.envelopes.length - RECIPIENTS;
    expect(copies).toBeGreaterThanOrEqual(0);
    expect(copies).toBeLessThanOrEqual(DEFAULT_BULK_CONCURRENCY);
    console.info(`campaign crash: ${atKill} accepted before kill -9, ${copies} resent with the same Message-ID after the restart`);
  }, 240_000);
});
