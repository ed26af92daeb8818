import { describe, expect, it } from 'vitest';
import { equalityConstraints, keyOf, keysAtPath } from '../../../engine/store/index-keys.js';

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
    expect(keysAtPath(doc, 'tags')).toEqual({ kind: 'keys', keys: ['s:vip', 'n:3'] });
    expect(keysAtPath(doc, 'lines.sku')).toEqual({ kind: 'unindexable' });
    expect(keysAtPath(doc, 'data.missing.deeper')).toEqual({ kind: 'keys', keys: [] });
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
});
