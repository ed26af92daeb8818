/**
 * Signed tokens for the links in a message: open pixel, click redirect and unsubscribe.
 * A token names the message and, for a click, the link's target; it is HMAC-SHA256 signed
 * with the server's secret, so nobody can forge an unsubscribe for someone else or turn
 * the redirect into an open redirect (only URLs written into a sent message redirect).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TrackingClaim {
  /** The message (its idempotency key). */
  m: string;
  /** What the link does: open, click, unsubscribe. */
  k: 'o' | 'c' | 'u';
  /** A click's target URL. */
  u?: string;
}

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

/** @example trackingToken(secret, { m: 'abc', k: 'o' }) // 'eyJtIjoiYWJjIiwiayI6Im8ifQ.Qk…' */
export function trackingToken(secret: string, claim: TrackingClaim): string {
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** The claim of a token signed with `secret`, or undefined for anything else (tampered, truncated, foreign). */
export function readTrackingToken(secret: string, token: string): TrackingClaim | undefined {
  if (token.length > 4096) return undefined;
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TrackingClaim>;
    if (typeof claim.m !== 'string' || !['o', 'c', 'u'].includes(claim.k ?? '')) return undefined;
    if (claim.k === 'c' && (typeof claim.u !== 'string' || !/^https?:\/\//i.test(claim.u))) return undefined;
    return claim as TrackingClaim;
  } catch {
    return undefined;
  }
}
