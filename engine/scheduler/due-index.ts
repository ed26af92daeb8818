/**
 * The order in which jobs of one name may be locked, kept in memory beside the Store.
 *
 * The Store's own indexes answer equality only, and "the next job of this name due
 * before T, earliest first, highest priority first" asked with a scan for every lock
 * would make 10,000 due jobs cost 10,000 scans of 10,000 documents. This index only
 * proposes candidates: the repository re-reads each one and locks it with a
 * version-checked commit, so a stale entry costs a retry, never a wrong lock.
 *
 * Sort key, as @agendajs/mongo-backend's `{ nextRunAt: 'asc', priority: 'desc' }`:
 * due time ascending, then priority descending, then id.
 */
import type { StoredJob } from './job-doc.js';

interface Entry {
  id: string;
  /** nextRunAt; -Infinity for a locked job without one (MongoDB sorts null first). */
  at: number;
  priority: number;
}

interface LockedEntry extends Entry {
  lockedAt: number;
}

function before(a: Entry, b: Entry): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.id < b.id;
}

/** Index of the first element of `list` that `entry` does not sort after. */
function position<T extends Entry>(list: T[], entry: Entry, cmp: (a: T, b: Entry) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid], entry)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const lockedBefore = (a: LockedEntry, b: Entry): boolean =>
  a.lockedAt !== (b as LockedEntry).lockedAt ? a.lockedAt < (b as LockedEntry).lockedAt : a.id < b.id;

export class DueIndex {
  /** Unlocked, enabled jobs with a due time, by name, in lock order. */
  readonly #free = new Map<string, Entry[]>();
  /** Locked, enabled jobs by name, oldest lock first: expired locks are a prefix. */
  readonly #locked = new Map<string, LockedEntry[]>();
  /** Where each id is listed, to remove it. */
  readonly #where = new Map<string, { name: string; entry: Entry | LockedEntry; locked: boolean }>();

  /** Record what the Store now holds under `id` (undefined once deleted). */
  set(id: string, doc: StoredJob | undefined): void {
    this.#remove(id);
    if (doc === undefined || doc.disabled === true) return;
    if (doc.lockedAt !== null) {
      const entry: LockedEntry = { id, at: doc.nextRunAt ?? -Infinity, priority: doc.priority, lockedAt: doc.lockedAt };
      const list = this.#list(this.#locked, doc.name);
      list.splice(position(list, entry, lockedBefore), 0, entry);
      this.#where.set(id, { name: doc.name, entry, locked: true });
      return;
    }
    if (doc.nextRunAt === null) return;
    const entry: Entry = { id, at: doc.nextRunAt, priority: doc.priority };
    const list = this.#list(this.#free, doc.name);
    list.splice(position(list, entry, before), 0, entry);
    this.#where.set(id, { name: doc.name, entry, locked: false });
  }

  clear(): void {
    this.#free.clear();
    this.#locked.clear();
    this.#where.clear();
  }

  /**
   * Up to `limit` ids, in lock order, of the jobs of `name` that may be locked now:
   * unlocked and due by `nextScanAt`, or locked before `lockDeadline` (a dead lock).
   */
  candidates(name: string, nextScanAt: number, lockDeadline: number, limit: number): string[] {
    const expired: Entry[] = [];
    for (const entry of this.#locked.get(name) ?? []) {
      if (entry.lockedAt > lockDeadline) break;
      expired.push(entry);
    }
    expired.sort((a, b) => (before(a, b) ? -1 : 1));
    const free = this.#free.get(name) ?? [];
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (out.length < limit) {
      const f = free[i];
      const usable = f !== undefined && f.at <= nextScanAt ? f : undefined;
      const e = expired[j];
      if (usable === undefined && e === undefined) break;
      if (e === undefined || (usable !== undefined && before(usable, e))) {
        out.push((usable as Entry).id);
        i++;
      } else {
        out.push(e.id);
        j++;
      }
    }
    return out;
  }

  #list<T>(map: Map<string, T[]>, name: string): T[] {
    let list = map.get(name);
    if (list === undefined) map.set(name, (list = []));
    return list;
  }

  #remove(id: string): void {
    const where = this.#where.get(id);
    if (where === undefined) return;
    this.#where.delete(id);
    if (where.locked) {
      const list = this.#locked.get(where.name) ?? [];
      const at = position(list, where.entry, lockedBefore);
      if (list[at]?.id === id) list.splice(at, 1);
    } else {
      const list = this.#free.get(where.name) ?? [];
      const at = position(list, where.entry, before);
      if (list[at]?.id === id) list.splice(at, 1);
    }
  }
}
