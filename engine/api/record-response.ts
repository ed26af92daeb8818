/**
 * How a record goes out and how a client names the version it expects: the record's
 * version is its strong ETag (`"3"`), so If-Match works with what GET returned.
 */
import type { Request, Response } from 'express';
import { readVersionQuery } from './request-schemas.js';
import { invalidRequest } from './validate-request.js';
import { maySend, type RecordView } from '../runtime/core/index.js';
import type { User } from '../runtime/access/index.js';

/**
 * A record as its reader gets it: the events offered are those the reader may send (a
 * system event, or one for other roles, is not offered at all), without the declaration.
 * @example res.json({ items: items.map((r) => forReader(r, userOf(res))) });
 */
export function forReader<T extends RecordView>(record: T, user: User | undefined): T {
  const allowedEvents = record.allowedEvents
    .filter((event) => maySend(event.senders, user?.roles))
    .map(({ senders: _senders, ...event }) => event);
  return { ...record, allowedEvents };
}

/**
 * Send a record with its ETag, as its reader gets it.
 * @example sendRecord(res, await engine.get(entity, id));
 */
export function sendRecord(res: Response, record: RecordView, status = 200): void {
  const user = (res.locals.session as { user?: User } | undefined)?.user;
  res.status(status).set('ETag', `"${record.version}"`).json(forReader(record, user));
}

/** `If-Match: "3"` → 3; `*` (any version) → undefined. */
function ifMatchVersion(req: Request): number | undefined {
  const header = req.get('If-Match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*"([1-9][0-9]{0,14})"\s*$/.exec(header);
  if (!match)
    throw invalidRequest([
      { pointer: '/headers/if-match', message: 'must be one ETag of this API, such as "3", or *' },
    ]);
  return Number(match[1]);
}

/**
 * The record version a request expects, from `?version=N` or `If-Match`; undefined when
 * it names none (the write then applies to whatever version is current).
 * @example await engine.remove(entity, id, { version: expectedVersion(req) }, actor);
 */
export function expectedVersion(req: Request): number | undefined {
  const { version } = readVersionQuery(req);
  const fromHeader = ifMatchVersion(req);
  if (version !== undefined && fromHeader !== undefined && version !== fromHeader) {
    throw invalidRequest([
      { pointer: '/headers/if-match', message: `names version ${fromHeader} but ?version= names ${version}` },
    ]);
  }
  return version ?? fromHeader;
}
