/**
 * Short links of tracked SMS (an SMS part is 160 characters: a signed token would not fit):
 * each URL of a message becomes `PUBLIC_URL/l/<10 characters>`, stored (collection
 * `short-links`) before the message goes out; only stored codes lead anywhere.
 */
import { createHash } from 'node:crypto';
import type { Store, WriteOp } from '../../../store/store.js';
import { SHORT_LINKS } from '../../../collections.js';

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** A 10-character code for a URL of a message: the same message and URL, the same code. */
export function shortCode(key: string, url: string): string {
  return createHash('sha256').update(`${key}\u0000${url}`).digest('base64url').slice(0, 10);
}

/** The text with each link replaced by a short link of this server, the links stored first. */
export async function shortenLinks(store: Store, publicUrl: string, key: string, text: string): Promise<string> {
  const links = new Map<string, string>();
  const shortened = text.replace(URL_IN_TEXT, (url) => {
    const code = shortCode(key, url);
    links.set(code, url);
    return `${publicUrl}/l/${code}`;
  });
  if (links.size === 0) return text;
  const existing = new Set((await store.find(SHORT_LINKS, { _id: { $in: [...links.keys()] } })).map((d) => d._id));
  const ops: WriteOp[] = [...links].filter(([code]) => !existing.has(code)).map(([code, url]) => ({ op: 'put', collection: SHORT_LINKS, doc: { _id: code, m: key, u: url } }));
  if (ops.length > 0) await store.commit(ops);
  return shortened;
}

/** The message key and URL a code stands for, or undefined. */
export async function findShortLink(store: Store, code: string): Promise<{ message: string; url: string } | undefined> {
  if (!/^[A-Za-z0-9_-]{10}$/.test(code)) return undefined;
  const link = await store.get<{ _id: string; m: string; u: string }>(SHORT_LINKS, code);
  return link ? { message: link.m, url: link.u } : undefined;
}
