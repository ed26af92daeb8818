/**
 * What the links of a sent email report: the open pixel, click redirects and unsubscribe
 * (tokens signed by ./tracking-token.ts). A person's first open and first click send the
 * events the bulk send names to the record it is about (the pack's EMAIL_OPENED and
 * LINK_CLICKED), each once per message whatever the repeats, as a system actor; a click
 * counts as an open too (images are often blocked). Opens by security scanners are counted
 * apart and lead to nothing; opens through mail providers' image proxies count, marked.
 */
import { UserError } from '../../../errors.js';
import type { RecordService } from '../record-service.js';
import type { MessageDoc, Messenger } from './messenger.js';
import { readTrackingToken, type TrackingClaim } from './tracking-token.js';

const SCANNER = /(bot\b|crawler|spider|scanner|barracuda|mimecast|proofpoint|safelinks|python-requests|curl\/|wget\/|go-http-client|headlesschrome|^node$|undici|axios|okhttp|^java\/)/i;
const PROXY = /(GoogleImageProxy|YahooMailProxy|ggpht\.com)/i;

export type OpenSource = 'person' | 'proxy' | 'scanner';

/** Who fetched a tracking link, by its User-Agent: a scanner, a mail provider's image proxy, or a person. */
export function openSource(userAgent: string | undefined): OpenSource {
  if (!userAgent || SCANNER.test(userAgent)) return 'scanner';
  return PROXY.test(userAgent) ? 'proxy' : 'person';
}

const ACTOR = 'system:channels';

export class Tracking {
  constructor(
    private readonly messenger: Messenger,
    private readonly records: RecordService,
  ) {}

  private async claimed(token: string, kind: TrackingClaim['k']): Promise<{ claim: TrackingClaim; message: MessageDoc } | undefined> {
    const claim = readTrackingToken(this.messenger.trackingSecret, token);
    if (!claim || claim.k !== kind) return undefined;
    const message = await this.messenger.get(claim.m);
    return message ? { claim, message } : undefined;
  }

  /** An open pixel was fetched. Unknown or forged tokens change nothing. */
  async open(token: string, userAgent: string | undefined): Promise<void> {
    const found = await this.claimed(token, 'o');
    if (!found) return;
    const source = openSource(userAgent);
    const { first, message } = await this.messenger.noteEngagement(found.message, 'open', source === 'scanner');
    if (first) await this.tell(message, 'open');
  }

  /** A tracked link was followed: where to send the browser (the URL written in the message), or undefined for a bad token. */
  async click(token: string, userAgent: string | undefined): Promise<string | undefined> {
    const found = await this.claimed(token, 'c');
    if (!found?.claim.u) return undefined;
    if (openSource(userAgent) !== 'scanner') {
      const wasOpened = Boolean(found.message.openedAt);
      const { first, message } = await this.messenger.noteEngagement(found.message, 'click', false);
      if (first && !wasOpened) await this.tell(message, 'open');
      if (first) await this.tell(message, 'click');
    }
    return found.claim.u;
  }

  /** A short link of an SMS was followed: where to send the browser, or undefined for an unknown code. */
  async shortClick(code: string, userAgent: string | undefined): Promise<string | undefined> {
    const found = await this.messenger.shortLink(code);
    if (!found) return undefined;
    if (found.message && openSource(userAgent) !== 'scanner') {
      const { first, message } = await this.messenger.noteEngagement(found.message, 'click', false);
      if (first) await this.tell(message, 'click');
    }
    return found.url;
  }

  /** The message an unsubscribe token names (for the confirmation page), or undefined. */
  async unsubscribeTarget(token: string): Promise<MessageDoc | undefined> {
    return (await this.claimed(token, 'u'))?.message;
  }

  /** Unsubscribe the person a message went to from marketing on its channel's kind of address. */
  async unsubscribe(token: string, address: 'email' | 'phone'): Promise<MessageDoc | undefined> {
    const found = await this.claimed(token, 'u');
    if (!found?.message.recipient) return undefined;
    await this.messenger.optOut(found.message.recipient, address);
    return found.message;
  }

  /** Send the bulk send's event for a first open or click to the record the message is about. */
  private async tell(message: MessageDoc, kind: 'open' | 'click'): Promise<void> {
    const type = kind === 'open' ? message.track?.open : message.track?.click;
    if (!type) return;
    const person = message.recipient ? await this.messenger.person(message.recipient) : undefined;
    const payload = {
      ...(person?.name ? { name: person.name } : {}),
      ...(person?.email ? { email: person.email } : {}),
      ...(person?.phone ? { phone: person.phone } : {}),
      ...(message.recipient ? { recipient: message.recipient.id, recipientEntity: message.recipient.entity } : {}),
    };
    try {
      await this.records.send(message.about.entity, message.about.id, { type, payload }, ACTOR, { idempotencyKey: `${message._id}:${kind}` });
    } catch (error) {
      // The record has moved on (or never listened): the open is kept on the message, nothing else changes.
      if (!(error instanceof UserError)) throw error;
    }
  }
}
