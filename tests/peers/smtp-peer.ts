/**
 * A real SMTP server on 127.0.0.1 (smtp-server) for tests and the bench: it keeps every
 * message it accepts, parsed with mailparser, and can refuse chosen recipients with a
 * permanent 550, as a mail provider does for an address that does not exist.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  port: number;
  /** Every message accepted: its envelope recipients and Message-ID (kept also when not parsed). */
  envelopes: { to: string[]; messageId: string }[];
  /** Every message accepted, parsed, in arrival order. */
  received: ParsedMail[];
  /** How many messages were accepted (also when not kept: `keep: false`). */
  count(): number;
  /** Recipients refused with 550 (add to it at any time). */
  reject: Set<string>;
  /** Connections that failed (a client that dropped mid-session), as the server logged them. */
  connectionErrors: Error[];
  /** Resolves when at least `n` messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** @example const smtp = await startSmtpPeer(); … smtp.received[0]?.subject */
export async function startSmtpPeer(options: { keep?: boolean; parse?: boolean } = {}): Promise<SmtpPeer> {
  const received: ParsedMail[] = [];
  const envelopes: { to: string[]; messageId: string }[] = [];
  const reject = new Set<string>();
  let accepted = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        accepted++;
        const raw = Buffer.concat(chunks);
        const head = raw.subarray(0, Math.min(raw.length, 8192)).toString('utf8');
        // A copy of the id: a match would keep the whole 8 KB head alive (V8 sliced strings).
        const messageId = Buffer.from(/^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '').toString();
        envelopes.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), messageId });
        const done = () => {
          for (const waiter of waiters.filter((w) => accepted >= w.n)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
          callback();
        };
        if (options.parse === false || options.keep === false) {
          done();
          return;
        }
        simpleParser(raw)
          .then((mail) => received.push(mail), () => undefined)
          .finally(done)
          .catch(() => undefined);
      });
    },
  });
  // A client that drops its connection mid-session (a server killed with -9) is a connection
  // error a mail server logs and survives; smtp-server re-emits it on the server, where an
  // 'error' without a listener would crash the test process.
  const connectionErrors: Error[] = [];
  server.on('error', (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    envelopes,
    reject,
    connectionErrors,
    count: () => accepted,
    waitFor(n, timeoutMs = 20_000) {
      if (accepted >= n) return Promise.resolve(received);
      return new Promise((resolve, rejectWait) => {
        const timer = setTimeout(() => rejectWait(new Error(`Only ${accepted} of ${n} messages arrived in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
