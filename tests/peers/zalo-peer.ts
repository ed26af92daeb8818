/**
 * A local HTTP server that speaks Zalo's documented APIs for tests:
 * - OAuth v4 `POST /v4/oa/access_token` (form body, `secret_key` header): a refresh token is
 *   single-use; spending one again answers HTTP 200 with `error: -14020`, as Zalo does;
 * - OA Open API v3 `POST /v3.0/oa/message/{cs,transaction,promotion}` with the `access_token`
 *   header: an unknown or expired token answers HTTP 200 `error: -216`;
 * - ZNS `POST /message/template`.
 * It also signs webhook events the way Zalo does (`X-ZEvent-Signature`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloPeer {
  url: string;
  /** OA messages accepted, in order. */
  messages: { type: string; token: string; body: Record<string, unknown> }[];
  /** ZNS messages accepted. */
  zns: { token: string; body: Record<string, unknown> }[];
  /** Refresh requests that succeeded, and those refused. */
  refreshes: number;
  refusedRefreshes: number;
  /** The refresh token the next refresh must spend (the one the OA admin's authorization gave first). */
  issueRefreshToken(): string;
  /** Expire every access token issued so far (Zalo then answers -216). */
  expireAccessTokens(): void;
  /** Answer OA message sends with this error code (HTTP 200) instead of success. */
  failSendsWith?: { error: number; message: string };
  /** How long a refresh takes, to let concurrent callers meet. */
  refreshDelayMs: number;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

export async function startZaloPeer(app: { appId: string; appSecret: string }): Promise<ZaloPeer> {
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const peer: ZaloPeer = {
    url: '',
    messages: [],
    zns: [],
    refreshes: 0,
    refusedRefreshes: 0,
    refreshDelayMs: 0,
    issueRefreshToken() {
      const token = `rt-${randomUUID()}`;
      refreshTokens.add(token);
      return token;
    },
    expireAccessTokens: () => accessTokens.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const url = new URL(req.url ?? '/', 'http://zalo');
      if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
        const form = new URLSearchParams(raw);
        if (req.headers.secret_key !== app.appSecret || form.get('app_id') !== app.appId) return json(res, 200, { error: -14001, error_name: 'Invalid app', error_description: 'app_id or secret_key is invalid' });
        const given = form.get('refresh_token') ?? '';
        await new Promise((resolve) => setTimeout(resolve, peer.refreshDelayMs));
        if (form.get('grant_type') !== 'refresh_token' || !refreshTokens.delete(given)) {
          peer.refusedRefreshes++;
          return json(res, 200, { error: -14020, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or has been used' });
        }
        peer.refreshes++;
        const access = `at-${randomUUID()}`;
        accessTokens.add(access);
        return json(res, 200, { access_token: access, refresh_token: peer.issueRefreshToken(), expires_in: '90000' });
      }
      const token = String(req.headers.access_token ?? '');
      const oa = /^\/v3\.0\/oa\/message\/(cs|transaction|promotion)$/.exec(url.pathname);
      if (req.method === 'POST' && (oa || url.pathname === '/message/template')) {
        if (!accessTokens.has(token)) return json(res, 200, { error: -216, message: 'Access token is invalid' });
        const body = JSON.parse(raw) as Record<string, unknown>;
        if (oa) {
          if (peer.failSendsWith) return json(res, 200, peer.failSendsWith);
          peer.messages.push({ type: oa[1] ?? '', token, body });
          return json(res, 200, { data: { message_id: `zmsg-${peer.messages.length}`, user_id: (body.recipient as { user_id: string }).user_id }, error: 0, message: 'Success' });
        }
        peer.zns.push({ token, body });
        return json(res, 200, { error: 0, message: 'Success', data: { msg_id: `zns-${peer.zns.length}`, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: '499' } } });
      }
      return json(res, 404, { error: -1, message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return peer;
}
