/**
 * A local HTTP server that speaks eSMS.vn's documented brandname SMS API for tests: the
 * JSON POST `SendMultipleMessage_V4_post_json` (keys checked, `RequestId` de-duplicated as
 * eSMS does: a repeat returns the first answer and sends nothing), and delivery reports
 * sent back to the request's `CallbackUrl` with GET `?SMSID=&SendStatus=`, as eSMS does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EsmsRequest {
  ApiKey: string;
  SecretKey: string;
  Brandname?: string;
  SmsType: string;
  Phone: string;
  Content: string;
  IsUnicode?: string;
  RequestId?: string;
  CallbackUrl?: string;
}

export interface EsmsPeer {
  url: string;
  /** Messages accepted (one per distinct RequestId), in order. */
  sent: (EsmsRequest & { SMSID: string })[];
  /** Requests received, repeats included. */
  requests: number;
  /** Answer the next requests with this CodeResult instead of 100 (e.g. '99' for an outage). */
  failWith?: string;
  /** Call the message's callback URL as eSMS does; resolves with the status it got. */
  report(smsId: string, sendStatus: '5' | '4'): Promise<number>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

export async function startEsmsPeer(keys: { apiKey: string; secretKey: string }): Promise<EsmsPeer> {
  const byRequestId = new Map<string, string>();
  const peer: EsmsPeer = {
    url: '',
    sent: [],
    requests: 0,
    async report(smsId, sendStatus) {
      const message = peer.sent.find((m) => m.SMSID === smsId);
      if (!message?.CallbackUrl) throw new Error(`No callback URL for ${smsId}`);
      const url = new URL(message.CallbackUrl);
      url.searchParams.set('SMSID', smsId);
      url.searchParams.set('SendStatus', sendStatus);
      url.searchParams.set('RequestId', message.RequestId ?? '');
      url.searchParams.set('phonenumber', message.Phone);
      return (await fetch(url)).status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    void (async () => {
      const answer = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/MainService.svc/json/SendMultipleMessage_V4_post_json/') {
        res.writeHead(404).end();
        return;
      }
      peer.requests++;
      let body: EsmsRequest;
      try {
        body = JSON.parse(await readBody(req)) as EsmsRequest;
      } catch {
        answer({ CodeResult: '99', ErrorMessage: 'Invalid JSON' });
        return;
      }
      if (body.ApiKey !== keys.apiKey || body.SecretKey !== keys.secretKey) {
        answer({ CodeResult: '101', ErrorMessage: 'Authorize Failed' });
        return;
      }
      if (peer.failWith) {
        answer({ CodeResult: peer.failWith, ErrorMessage: 'Refused by the test' });
        return;
      }
      const known = body.RequestId ? byRequestId.get(body.RequestId) : undefined;
      if (known) {
        answer({ CodeResult: '100', CountRegenerate: 0, SMSID: known });
        return;
      }
      const SMSID = randomUUID().replace(/-/g, '');
      if (body.RequestId) byRequestId.set(body.RequestId, SMSID);
      peer.sent.push({ ...body, SMSID });
      answer({ CodeResult: '100', CountRegenerate: 0, SMSID });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return peer;
}
