/**
 * A whole tourflow for channel tests: the travel pack, the plugins of plugins/ (email, SMS),
 * the embedded store in a fresh directory, the HTTP server on a free port (links in
 * messages point at it), and real peers: an SMTP server and, when asked, an SMS provider's
 * HTTP API, both on 127.0.0.1. Channels are configured the way an operator does it, from
 * environment variables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTourflow, startServer, type Tourflow } from '../../../engine/bootstrap.js';
import type { BulkSenderOptions } from '../../../engine/runtime/services/channels/bulk-send.js';
import type { Role } from '../../../engine/runtime/access/users.js';
import { startSmtpPeer, type SmtpPeer } from '../../peers/smtp-peer.js';
import { client, registerTokenSource, type Client } from '../api/test-client.js';
import { testTokens } from '../api/test-server.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ChannelWorld {
  tf: Tourflow;
  url: string;
  http: Client;
  smtp: SmtpPeer;
  dataDir: string;
  addUser(id: string, roles: Role[]): Promise<void>;
  /** A bearer token of a user added with addUser. */
  tokenFor(id: string): Promise<string>;
  /** Run queued effects until none is left. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openChannelWorld(options: { env?: Record<string, string>; bulk?: BulkSenderOptions; smtp?: SmtpPeer; pluginsDir?: string; packDir?: string } = {}): Promise<ChannelWorld> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-channels-'));
  const smtp = options.smtp ?? (await startSmtpPeer());
  const tf = await openTourflow(
    {
      dataDir,
      definitionsDir: path.join(ROOT, 'definitions'),
      pluginsDir: options.pluginsDir ?? path.join(ROOT, 'plugins'),
      packDirs: [options.packDir ?? path.join(ROOT, 'definitions/travel-crm')],
      channelEnv: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Du lịch Sen Vàng <info@senvang.test>', ...options.env },
    },
    { outbox: { pollMs: 20, backoffMs: 10 }, scheduler: false, bulk: { pollMs: 20, ...options.bulk } },
  );
  // Behind a proxy as in production: X-Forwarded-For says who is asking (rate limits per address).
  const { server, url } = await startServer({ port: 0, host: '127.0.0.1', staticDir: path.join(dataDir, 'no-static'), trustProxy: 'loopback' }, tf);
  const tokens = testTokens(tf.access);
  const unregister = registerTokenSource(url, tokens.tokenFor);
  return {
    tf,
    url,
    http: client(url),
    smtp,
    dataDir,
    addUser: tokens.addUser,
    tokenFor: tokens.tokenFor,
    async settle() {
      while ((await tf.engine.drainOutbox()) > 0);
    },
    async close() {
      unregister();
      (server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tf.close();
      if (!options.smtp) await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
