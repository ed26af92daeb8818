import { describe, expect, it } from 'vitest';
import { DocumentCache } from '../../../engine/store/document-cache.js';

const doc = (id: string, n = 1) => ({ _id: id, n });

describe('document cache', () => {
  it('keeps at most its capacity, dropping the oldest first', () => {
    const cache = new DocumentCache(3);
    for (const id of ['a', 'b', 'c', 'd']) cache.remember('c1', id, doc(id));
    cache.remember('c2', 'a', doc('a', 2));
    expect(cache.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((id) => cache.get('c1', id)?._id)).toEqual([
      undefined,
      undefined,
      'c',
      'd',
    ]);
    expect(cache.get('c2', 'a')).toEqual(doc('a', 2));
    // Many drops by commits leave stale entries in its order: the bound still holds.
    for (let i = 0; i < 50; i++) {
      cache.remember('c1', `x${i}`, doc(`x${i}`));
      cache.beginWrite('c1', `x${i}`);
      cache.endWrite('c1', `x${i}`);
    }
    cache.remember('c1', 'y', doc('y'));
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.get('c1', 'y')).toEqual(doc('y'));
  });

  it('forgets a document a commit writes, and keeps none while the commit is in flight', () => {
    const cache = new DocumentCache(10);
    cache.remember('c', 'a', doc('a', 1));
    cache.beginWrite('c', 'a');
    expect(cache.get('c', 'a')).toBeUndefined();
    cache.remember('c', 'a', doc('a', 1)); // a reader saw the old version meanwhile
    expect(cache.get('c', 'a')).toBeUndefined();
    cache.beginWrite('c', 'a');
    cache.endWrite('c', 'a');
    cache.remember('c', 'a', doc('a', 2));
    expect(cache.get('c', 'a')).toBeUndefined(); // the second commit is still in flight
    cache.endWrite('c', 'a');
    cache.remember('c', 'a', doc('a', 2));
    expect(cache.get('c', 'a')).toEqual(doc('a', 2));
    expect(new DocumentCache(0).size).toBe(0);
  });
});
