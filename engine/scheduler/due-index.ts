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
  /** Removed; left in place until the list is compacted (removing from an array's middle moves the rest). */
  dead?: true;
}

interface LockedEntry extends Entry {
  lockedAt: number;
}

function before(a: Entry, b: Entry): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.id < b.id;
}

const lockedBefore = (a: LockedEntry, b: Entry): boolean =>
  a.lockedAt !== (b as LockedEntry).lockedAt ? a.lockedAt < (b as LockedEntry).lockedAt : a.id < b.id;

/**
 * Entries kept in order. A removed entry is marked dead and skipped; dead entries at the
 * front are dropped at once (as due jobs mostly leave from there) and the others once they
 * are half the list, so that firing n due jobs costs O(n log n), not O(n²).
 */
class OrderedEntries<T extends Entry> {
  items: T[] = [];
  #dead = 0;

  constructor(private readonly sortsBefore: (a: T, b: Entry) => boolean) {}

  /** Index of the first element that `entry` does not sort after. */
  #position(entry: Entry): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortsBefore(this.items[mid], entry)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: T): void {
    const at = this.#position(entry);
    if (at === this.items.length) this.items.push(entry);
    else this.items.splice(at, 0, entry);
  }

  remove(entry: T): void {
    entry.dead = true;
    this.#dead++;
    while (this.items[0]?.dead) {
      this.items.shift();
      this.#dead--;
    }
    if (this.#dead > 64 && this.#dead * 2 > this.items.length) {
      this.items = this.items.filter((e) => !e.dead);
      this.#dead = 0;
    }
  }

  first(): T | undefined {
    return this.items[0];
  }
}

export class DueIndex {
  /** Unlocked, enabled jobs with a due time, by name, in lock order. */
  readonly #free = new Map<string, OrderedEntries<Entry>>();
  /** Locked, enabled jobs by name, oldest lock first: expired locks are a prefix. */
  readonly #locked = new Map<string, OrderedEntries<LockedEntry>>();
  /** Where each id is listed, to remove it. */
  readonly #where = new Map<string, { name: string; entry: Entry | LockedEntry; locked: boolean }>();

  /** Record what the Store now holds under `id` (undefined once deleted). */
  set(id: string, doc: StoredJob | undefined): void {
    this.#remove(id);
    if (doc === undefined || doc.disabled === true) return;
    if (doc.lockedAt !== null) {
      const entry: LockedEntry = { id, at: doc.nextRunAt ?? -Infinity, priority: doc.priority, lockedAt: doc.lockedAt };
      this.#list(this.#locked, doc.name, lockedBefore).insert(entry);
      this.#where.set(id, { name: doc.name, entry, locked: true });
      return;
    }
    if (doc.nextRunAt === null) return;
    const entry: Entry = { id, at: doc.nextRunAt, priority: doc.priority };
    this.#list(this.#free, doc.name, before).insert(entry);
    this.#where.set(id, { name: doc.name, entry, locked: false });
  }

  clear(): void {
    this.#free.clear();
    this.#locked.clear();
    this.#where.clear();
  }

  /** Whether job `id` is listed (it exists, enabled, due some time or locked). */
  has(id: string): boolean {
    return this.#where.has(id);
  }

  /** When the earliest unlocked job of `name` is due; undefined when none is. */
  nextDue(name: string): number | undefined {
    return this.#free.get(name)?.first()?.at;
  }

  /**
   * Up to `limit` ids, in lock order, of the jobs of `name` that may be locked now:
   * unlocked and due by `nextScanAt`, or locked before `lockDeadline` (a dead lock).
   */
  candidates(name: string, nextScanAt: number, lockDeadline: number, limit: number): string[] {
    const expired: Entry[] = [];
    for (const entry of this.#locked.get(name)?.items ?? []) {
      if (entry.dead) continue;
      if (entry.lockedAt > lockDeadline) break;
      expired.push(entry);
    }
    expired.sort((a, b) => (before(a, b) ? -1 : 1));
    const free = this.#free.get(name)?.items ?? [];
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (out.length < limit) {
      while (free[i]?.dead) i++;
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

  #list<T extends Entry>(map: Map<string, OrderedEntries<T>>, name: string, sortsBefore: (a: T, b: Entry) => boolean): OrderedEntries<T> {
    let list = map.get(name);
    if (list === undefined) map.set(name, (list = new OrderedEntries(sortsBefore)));
    return list;
  }

  #remove(id: string): void {
    const where = this.#where.get(id);
    if (where === undefined) return;
    this.#where.delete(id);
    if (where.locked) this.#locked.get(where.name)?.remove(where.entry as LockedEntry);
    else this.#free.get(where.name)?.remove(where.entry);
  }
}
