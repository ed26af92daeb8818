/** Changing an activity's type in the inspector: its default title and derived id follow. */
import { describe, expect, it } from 'vitest';
import { defaultActivityTitle, retypeActivity } from '../../designer/src/model/activities.js';

describe('retyping an activity', () => {
  it('gives a still-default title and a derived id the new type’s', () => {
    const call = { id: 'call', type: 'call', title: defaultActivityTitle('call') };
    expect(retypeActivity(call, 'survey', [])).toEqual({ type: 'survey', id: 'survey', title: { vi: 'Khảo sát', en: 'Survey' } });
  });

  it('keeps a title and an id someone wrote', () => {
    const named = { id: 'visitHotel', type: 'meeting', title: { vi: 'Gặp khách sạn', en: 'Meet the hotel' } };
    expect(retypeActivity(named, 'call', [])).toEqual({ type: 'call' });
  });
});
