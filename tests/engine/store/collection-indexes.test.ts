import { describe, expect, it } from 'vitest';
import { CollectionIndexes } from '../../../engine/store/collection-indexes.js';
import { NOT_SCALAR } from '../../../engine/store/index-keys.js';

const lead = (stage: string): { _id: string; stage: string } => ({ _id: 'a', stage });

describe('collection indexes', () => {
  it('lists a document under old and new values while its commit is in flight', () => {
    const indexes = new CollectionIndexes();
    indexes.addField('stage', [lead('new')]);
    const written = lead('won');
    indexes.beginWrite('a', written);
    expect(indexes.candidates({ stage: 'new' })).toEqual(new Set(['a']));
    expect(indexes.candidates({ stage: 'won' })).toEqual(new Set(['a']));
    indexes.endWrite('a', written, written);
    expect(indexes.candidates({ stage: 'new' })).toEqual(new Set());
    expect(indexes.candidates({ stage: 'won' })).toEqual(new Set(['a']));
  });

  it('answers a filter asked again from its last answer only until something is written', () => {
    const indexes = new CollectionIndexes();
    indexes.addFields(['stage', 'owner'], [{ _id: 'a', stage: 'won', owner: 'u1' }, { _id: 'b', stage: 'won', owner: 'u2' }]);
    const filter = { stage: 'won', owner: 'u1' };
    expect(indexes.exactMatches(filter)?.ids).toEqual(new Set(['a']));
    expect(indexes.exactMatches({ ...filter })).toBe(indexes.exactMatches(filter));
    const moved = { _id: 'b', stage: 'won', owner: 'u1' };
    indexes.beginWrite('b', moved);
    indexes.endWrite('b', moved, moved);
    expect(indexes.exactMatches(filter)?.ids).toEqual(new Set(['a', 'b']));
    expect(indexes.covers(filter)).toBe(true);
    expect(indexes.covers({ stage: 'won', city: 'Huế' })).toBe(false);
  });

  it('keeps the values of a second commit still in flight when the first settles', () => {
    const indexes = new CollectionIndexes();
    indexes.addField('stage', [lead('new')]);
    const first = lead('won');
    const second = lead('lost');
    indexes.beginWrite('a', first);
    indexes.beginWrite('a', second);
    indexes.endWrite('a', first, first);
    expect(indexes.candidates({ stage: 'lost' })).toEqual(new Set(['a']));
    indexes.endWrite('a', second, undefined); // failed, and the doc was deleted meanwhile
    expect(indexes.candidates({ stage: { $in: ['new', 'won', 'lost'] } })).toEqual(new Set());
  });

  it('covers commits already in flight when a field is indexed', () => {
    const indexes = new CollectionIndexes();
    indexes.addField('other', []);
    indexes.beginWrite('a', lead('won'));
    indexes.addField('stage', [lead('new')]);
    expect(indexes.candidates({ stage: 'won' })).toEqual(new Set(['a']));
  });

  it('always includes documents whose path crosses an array, and answers undefined when no index applies', () => {
    const indexes = new CollectionIndexes();
    indexes.addField('lines.sku', [
      { _id: 'x', lines: [{ sku: 'A' }] },
      { _id: 'y', lines: { sku: 'B' } },
    ]);
    expect(indexes.candidates({ 'lines.sku': 'B' })).toEqual(new Set(['x', 'y']));
    expect(indexes.candidates({ 'lines.sku': 'Z' })).toEqual(new Set(['x']));
    expect(indexes.candidates({ stage: 'won' })).toBeUndefined();
  });

  it('answers covered filters exactly, naming the ids a commit in flight makes uncertain', () => {
    const indexes = new CollectionIndexes();
    indexes.addField('stage', [lead('new'), { _id: 'b', stage: 'won' }]);
    indexes.addField('owner', [{ _id: 'a', owner: 'u1' }, { _id: 'b', owner: 'u1' }]);
    expect(indexes.exactMatches({ stage: 'won', owner: 'u1' })).toEqual({ ids: new Set(['b']), verify: new Set() });
    expect(indexes.exactMatches({ $and: [{ stage: { $in: ['new', 'won'] } }, { owner: { $eq: 'u1' } }] })?.ids).toEqual(new Set(['a', 'b']));
    // Not covered: another operator, an unindexed field, no condition at all.
    for (const filter of [{ stage: { $ne: 'won' } }, { stage: 'won', city: 'Hue' }, { stage: { $in: ['won'], $exists: true } }, {}]) {
      expect(indexes.exactMatches(filter), JSON.stringify(filter)).toBeUndefined();
    }
    const written = lead('won');
    indexes.beginWrite('a', written);
    indexes.beginWrite('b', undefined);
    expect(indexes.exactMatches({ stage: 'won' })).toEqual({ ids: new Set(['a', 'b']), verify: new Set(['a', 'b']) });
    indexes.endWrite('a', written, written);
    indexes.endWrite('b', undefined, undefined);
    expect(indexes.exactMatches({ stage: 'won' })).toEqual({ ids: new Set(['a']), verify: new Set() });
  });

  it('keeps the value each document sorts by, unknown while a write is in flight or for arrays', () => {
    const indexes = new CollectionIndexes();
    indexes.addField('at', [{ _id: 'a', at: '2026-01-02' }, { _id: 'b' }, { _id: 'c', at: ['x'] }]);
    const at = indexes.sortValues('at');
    expect([at?.('a'), at?.('b'), at?.('c')]).toEqual(['2026-01-02', null, NOT_SCALAR]);
    expect(indexes.sortValues('other')).toBeUndefined();
    indexes.beginWrite('a', { _id: 'a', at: '2026-03-04' });
    expect(indexes.sortValues('at')?.('a')).toBe(NOT_SCALAR);
  });
});
