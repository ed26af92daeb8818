import { describe, expect, it } from 'vitest';
import type { StoredJob } from '../../../engine/scheduler/job-doc.js';
import { jobFields } from '../../../engine/scheduler/job-doc.js';
import { DueIndex } from '../../../engine/scheduler/due-index.js';

function job(id: string, nextRunAt: number | null, extra: Partial<StoredJob> = {}): StoredJob {
  return { _id: id, version: 1, ...jobFields({ name: 'j', priority: 0, type: 'normal', nextRunAt: nextRunAt === null ? null : new Date(nextRunAt), data: {} }, 'test'), ...extra };
}

const id = (n: number) => `job-${String(n).padStart(4, '0')}`;

describe('the due index', () => {
  it('proposes due jobs earliest first and forgets removed ones, wherever they were', () => {
    const index = new DueIndex();
    for (let n = 0; n < 300; n++) index.set(id(n), job(id(n), 1000 + n));
    // Removed from the front (as due jobs leave), from the middle, and moved later.
    for (let n = 0; n < 150; n++) index.set(id(n), undefined);
    for (let n = 151; n < 300; n += 2) index.set(id(n), undefined);
    index.set(id(150), job(id(150), 5000));
    const left = Array.from({ length: 300 }, (_, n) => n).filter((n) => n > 150 && n % 2 === 0);
    expect(index.nextDue('j')).toBe(1000 + left[0]);
    expect(index.candidates('j', 4000, -Infinity, 1000)).toEqual(left.map(id));
    expect(index.candidates('j', 1000 + 160, -Infinity, 1000)).toEqual([id(152), id(154), id(156), id(158), id(160)]);
    expect(index.candidates('j', 9000, -Infinity, 1000).at(-1)).toBe(id(150));
    expect(index.has(id(151))).toBe(false);
    expect(index.has(id(152))).toBe(true);
  });

  it('keeps locked, disabled and unscheduled jobs out of what is due', () => {
    const index = new DueIndex();
    index.set('a', job('a', 10, { lockedAt: 5 }));
    index.set('b', job('b', 20, { disabled: true }));
    index.set('c', job('c', null));
    index.set('d', job('d', 30));
    expect(index.nextDue('j')).toBe(30);
    expect(index.candidates('j', 100, 0, 10)).toEqual(['d']);
    // A lock older than the deadline is dead: its job may be taken again.
    expect(index.candidates('j', 100, 6, 10)).toEqual(['a', 'd']);
    index.set('d', undefined);
    expect(index.nextDue('j')).toBeUndefined();
  });
});
