import { describe, expect, it } from 'vitest';
import { CollectionIndexes } from '../../../engine/store/collection-indexes.js';

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
});
