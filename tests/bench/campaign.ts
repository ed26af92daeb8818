/**
 * A 10 000-recipient email campaign to a local SMTP server (smtp-server on 127.0.0.1):
 * from LAUNCH to the last message accepted, through the whole path (audience frozen,
 * throttle, template rendered per person, tracking links, a durable message record per
 * recipient, nodemailer's pooled transport), beside its floor measured in the same run:
 * nodemailer's pooled transport sending 10 000 messages of the same size straight to the
 * same server. Peak RSS is sampled while it sends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { openTourflow } from '../../engine/index.js';
import { startSmtpPeer } from '../peers/smtp-peer.js';
import { report, runConcurrent } from './report.js';

const RECIPIENTS = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 10_000);
const ROOT = path.resolve(import.meta.dirname, '../..');
const FROM = 'Du lịch Sen Vàng <info@senvang.test>';
const MESSAGE = 'Chào {{ person.name }},\n\nTour Hạ Long 3N2Đ giảm 10% cho gia đình bạn: https://senvang.test/tour/ha-long\n\nSen Vàng';

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
    },
  };
}

/** The floor: nodemailer's pooled transport, 10 000 messages of the same shape, straight to the server. */
async function floor(port: number): Promise<{ ms: number; peakMb: number }> {
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port, secure: false, maxConnections: 5 });
  const rss = sampleRss();
  const ms = await runConcurrent(RECIPIENTS, 50, (i) =>
    transport.sendMail({
      from: FROM,
      to: `khach${i}@example.vn`,
      subject: `Ưu đãi hè cho Khách ${i}`,
      text: MESSAGE.replace('{{ person.name }}', `Khách ${i}`),
      html: `<p>${MESSAGE.replace('{{ person.name }}', `Khách ${i}`)}</p>`,
    }),
  );
  transport.close();
  return { ms, peakMb: rss.stop() };
}

async function campaign(port: number): Promise<{ ms: number; peakMb: number; startMb: number; endMb: number; sent: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-bench-campaign-'));
  const tf = await openTourflow(
    {
      dataDir: dir,
      definitionsDir: path.join(ROOT, 'definitions'),
      pluginsDir: path.join(ROOT, 'plugins'),
      packDirs: [path.join(ROOT, 'definitions/travel-crm')],
      channelEnv: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: FROM },
    },
    { scheduler: false, bulk: { pollMs: 20 } },
  );
  try {
    for (let start = 0; start < RECIPIENTS; start += 5_000) {
      const rows = Array.from({ length: Math.min(5_000, RECIPIENTS - start) }, (_, i) => ({
        data: { kind: 'individual', name: `Khách ${start + i}`, email: `khach${start + i}@example.vn`, province: 'Quảng Ninh' },
      }));
      await tf.engine.importRecords('account', rows, 'system:bench', {});
    }
    const created = await tf.engine.create(
      'campaign',
      { data: { name: 'Hè 2027', channel: 'email', sendRate: 100_000, audience: { entity: 'account', segment: 'Quảng Ninh', filter: { 'data.province': 'Quảng Ninh' } } } },
      'admin',
    );
    await tf.engine.setActivity('campaign', created.id, { activity: 'prepareContent', done: true }, 'admin');
    global.gc?.();
    const startMb = process.memoryUsage().rss / 1024 / 1024;
    const rss = sampleRss();
    const start = performance.now();
    await tf.engine.send('campaign', created.id, { type: 'LAUNCH', data: { subject: 'Ưu đãi hè cho {{ person.name }}', message: MESSAGE } }, 'admin');
    // Watch the send's own document (its status and count), as cheaply as the loop writes it.
    let progress: { status: string; sent: number } | undefined;
    for (;;) {
      progress = await tf.store.get<{ _id: string; status: string; sent: number }>('bulk-sends', created.id);
      if (progress?.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - start;
    global.gc?.();
    return { ms, peakMb: rss.stop(), startMb, endMb: process.memoryUsage().rss / 1024 / 1024, sent: progress.sent };
  } finally {
    await tf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCampaign(): Promise<void> {
  const smtp = await startSmtpPeer({ parse: false });
  try {
    const base = await floor(smtp.port);
    const before = smtp.count();
    const run = await campaign(smtp.port);
    if (run.sent !== RECIPIENTS || smtp.count() - before !== RECIPIENTS) throw new Error(`the campaign sent ${run.sent} (${smtp.count() - before} arrived) of ${RECIPIENTS}`);
    const rate = (RECIPIENTS / run.ms) * 1000;
    const floorRate = (RECIPIENTS / base.ms) * 1000;
    report('campaign_10k_email_total', run.ms / 1000, 's');
    report('campaign_10k_email_messages_per_s', rate, 'msg/s');
    report('campaign_10k_email_floor_messages_per_s', floorRate, 'msg/s');
    report('campaign_10k_email_vs_floor', rate / floorRate, 'ratio');
    report('campaign_10k_email_peak_rss', run.peakMb, 'MB');
    report('campaign_10k_email_rss_growth', run.endMb - run.startMb, 'MB');
    report('campaign_10k_email_floor_peak_rss', base.peakMb, 'MB');
  } finally {
    await smtp.close();
  }
}
