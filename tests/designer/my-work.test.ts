/** My work's groups by the engine's business day, and a card's time in its stage. */
import { describe, expect, it } from 'vitest';
import { elapsed } from '../../designer/src/workspace/elapsed.js';
import { businessFormats, groupMyWork } from '../../designer/src/workspace/my-work-groups.js';

// 13 May 2026 in Asia/Ho_Chi_Minh (UTC+7).
const today = {
  start: '2026-05-12T17:00:00.000Z',
  end: '2026-05-13T17:00:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
};
const item = (id: string, createdAt: string, read = false) => ({
  id,
  message: { vi: id, en: id },
  read,
  createdAt,
});

describe('groupMyWork', () => {
  it('puts unread notifications from before the business day under overdue, the day’s under today', () => {
    const inbox = [
      item('yesterday-late', '2026-05-12T16:59:59.000Z'), // 23:59:59 on the 12th in Vietnam
      item('today-early', '2026-05-12T17:00:00.000Z'), // midnight in Vietnam, still the 12th in UTC
      item('old-read', '2026-05-01T08:00:00.000Z', true),
      item('today-read', '2026-05-13T03:00:00.000Z', true),
    ];
    const later = [
      {
        id: 'callBack',
        stage: 'open',
        labels: { vi: 'Gọi lại', en: 'Call back' },
        dueAt: '2026-05-13T10:00:00.000Z',
        link: { entity: 'deal', id: 'd1' },
      },
    ];
    const work = groupMyWork(inbox, { items: later, today });
    expect(work.overdue.map((i) => i.id)).toEqual(['yesterday-late']);
    expect(work.today.map((i) => i.id)).toEqual(['today-early', 'today-read']);
    expect(work.later).toEqual(later);
    expect(work.day).toEqual(today);
  });
});

describe('elapsed', () => {
  const now = Date.parse('2026-05-13T09:00:00.000Z');
  it('says just now, minutes, hours, one day or days', () => {
    expect(elapsed('2026-05-13T08:58:30.000Z', now)).toEqual({ key: 'age.minutes', count: 1 });
    expect(elapsed('2026-05-13T08:59:45.000Z', now)).toEqual({ key: 'age.now', count: 0 });
    expect(elapsed('2026-05-13T04:00:00.000Z', now)).toEqual({ key: 'age.hours', count: 5 });
    expect(elapsed('2026-05-12T08:00:00.000Z', now)).toEqual({ key: 'age.day', count: 1 });
    expect(elapsed('2026-05-10T08:00:00.000Z', now)).toEqual({ key: 'age.days', count: 3 });
    // A clock a little ahead of the server's does not make it negative.
    expect(elapsed('2026-05-13T09:00:05.000Z', now)).toEqual({ key: 'age.now', count: 0 });
  });
});

describe('businessFormats', () => {
  it('shows times in the business time zone, whatever the browser’s', () => {
    const vietnam = businessFormats('vi', 'Asia/Ho_Chi_Minh');
    expect(vietnam.time('2026-05-12T17:00:00.000Z')).toBe('00:00');
    expect(vietnam.dateTime('2026-05-12T17:00:00.000Z')).toContain('13');
    // English writes 12-hour times (UX.md): 5:00 pm.
    expect(businessFormats('en', 'UTC').time('2026-05-12T17:00:00.000Z')).toBe('5:00 pm');
    expect(vietnam.dateTime('2026-05-12T17:00:00.000Z')).toBe('13/05/2026 00:00');
  });
});
