import { describe, expect, it } from 'vitest';
import { coveredConstraints, disjunctions, equalityConstraints, keyOf, keysAtPath, MISSING_KEY, NOT_SCALAR, sortValueOf, valueOfKey } from '../../../engine/store/index-keys.js';

describe('index keys', () => {
  it('keeps types apart and compares dates by time', () => {
    expect(keyOf(1)).not.toBe(keyOf('1'));
    expect(keyOf(true)).not.toBe(keyOf('true'));
    expect(keyOf(new Date(5))).toBe(keyOf(new Date(5)));
    expect([null, undefined, {}, [], /x/, new Date(Number.NaN)].map(keyOf)).toEqual(Array(6).fill(undefined));
  });

  it('reads dotted paths, leaf arrays by element, and flags paths through arrays', () => {
    const doc = { data: { stage: 'won' }, tags: ['vip', 'vip', 3], lines: [{ sku: 'A' }] };
    expect(keysAtPath(doc, 'data.stage')).toEqual({ kind: 'keys', keys: ['s:won'] });
    expect(keysAtPath(doc, 'tags')).toEqual({ kind: 'keys', keys: ['s:vip', 'n:3'], list: true });
    expect(keysAtPath(doc, 'lines.sku')).toEqual({ kind: 'unindexable' });
    // Nothing there: the key `{ $exists: false }` looks up. Null is a value, not nothing.
    expect(keysAtPath(doc, 'data.missing.deeper')).toEqual({ kind: 'keys', keys: [MISSING_KEY] });
    expect(keysAtPath(doc, 'data.stage.deeper')).toEqual({ kind: 'keys', keys: [MISSING_KEY] });
    expect(keysAtPath({ owner: null }, 'owner')).toEqual({ kind: 'keys', keys: [] });
  });

  it('finds top-level and $and equalities, and nothing it cannot answer exactly', () => {
    const found = equalityConstraints({
      entity: 'lead',
      stage: { $in: ['won', 'lost'] },
      owner: { $eq: 'u1', $exists: true },
      $and: [{ city: 'Hue' }],
      $or: [{ a: 1 }],
      score: { $gt: 3 },
      nothing: null,
      embedded: { x: 1 },
      mixed: { $in: ['a', null] },
    });
    expect(Object.fromEntries(found)).toEqual({
      entity: ['s:lead'],
      stage: ['s:won', 's:lost'],
      owner: ['s:u1'],
      city: ['s:Hue'],
    });
  });

  it('covers a filter only when every condition is an indexable equality', () => {
    expect(coveredConstraints({ entity: 'lead', $and: [{ stage: { $in: ['won', 'lost'] } }, { n: { $eq: 3 } }] })).toEqual([
      ['entity', ['s:lead']],
      ['stage', ['s:won', 's:lost']],
      ['n', ['n:3']],
    ]);
    expect(coveredConstraints({})).toEqual([]);
    // A reader's scope: an $or of equalities and $exists: false.
    expect(coveredConstraints({ entity: 'lead', $or: [{ owner: { $in: ['u1'] } }, { owner: { $exists: false } }, { a: 1, b: 2 }] })).toEqual([
      ['entity', ['s:lead']],
      { or: [[['owner', ['s:u1']]], [['owner', [MISSING_KEY]]], [['a', ['n:1']], ['b', ['n:2']]]] },
    ]);
    for (const filter of [
      { a: 1, $or: [{ b: 1 }, { c: { $gt: 1 } }] },
      { $or: [{ b: 1 }, {}] },
      { $or: [] },
      { a: { $exists: true } },
      { a: { $gt: 1 } },
      { a: null },
      { a: { $eq: 1, $ne: 2 } },
      { $and: [] },
      { a: /x/ },
    ]) {
      expect(coveredConstraints(filter), JSON.stringify(filter)).toBeUndefined();
    }
  });

  it('finds the $or branches a document must satisfy one of', () => {
    const scope = [{ owner: 'u1' }, { owner: { $exists: false } }];
    expect(disjunctions({ entity: 'lead', $or: scope, $and: [{ $or: [{ a: 1 }] }, { b: 2 }], $nor: [{ c: 1 }] })).toEqual([scope, [{ a: 1 }]]);
    expect(disjunctions({ $or: [] })).toEqual([]);
  });

  it('reads back from a scalar key the value mingo sorts by', () => {
    for (const value of ['Hà Nội', '', 0, -2.5, 1e21, Number.POSITIVE_INFINITY, true, false, new Date(Date.UTC(2026, 11, 3))]) {
      const [key] = (keysAtPath({ f: value }, 'f') as { keys: string[] }).keys;
      expect(valueOfKey(key), String(value)).toEqual(sortValueOf({ f: value }, 'f'));
    }
    expect(valueOfKey(MISSING_KEY)).toBeNull();
    expect(valueOfKey(keyOf(Number.NaN) as string)).toBe(NOT_SCALAR);
    // One element of an array has the scalar's key, but an array is no scalar.
    expect(keysAtPath({ f: ['x'] }, 'f')).toEqual({ kind: 'keys', keys: ['s:x'], list: true });
  });

  it('gives the value a path sorts by as mingo sees it, and flags what is not a scalar', () => {
    const doc = { a: { b: 2, s: 'x', d: new Date(3), n: null }, tags: ['x'], lines: [{ sku: 'A' }], nan: Number.NaN };
    expect(['a.b', 'a.s', 'a.n', 'a.missing', 'missing.deeper'].map((path) => sortValueOf(doc, path))).toEqual([2, 'x', null, null, null]);
    expect(sortValueOf(doc, 'a.d')).toEqual(new Date(3));
    expect(['a', 'tags', 'lines.sku', 'nan'].map((path) => sortValueOf(doc, path))).toEqual(Array(4).fill(NOT_SCALAR));
  });
});
