import { describe, expect, it } from 'vitest';
import { cronProblems, runsAtMostDaily } from '../../../engine/scheduler/cron.js';
import { resolveDatePlaceholders } from '../../../engine/scheduler/date-placeholders.js';
import { recurringRun } from '../../../engine/scheduler/recurring-jobs.js';

const HCM = 'Asia/Ho_Chi_Minh';

describe('date placeholders', () => {
  it('resolves "today" in the job’s time zone, not in UTC', () => {
    const now = new Date('2026-05-12T18:30:00Z'); // 13 May, 01:30 in Ho Chi Minh City
    expect(resolveDatePlaceholders({ 'data.born': { $monthDayIs: 'today' } }, now, HCM)).toEqual({ 'data.born': { $regex: '^\\d{4}-05-13' } });
    expect(resolveDatePlaceholders({ 'data.born': { $monthDayIs: 'today' } }, now, 'UTC')).toEqual({ 'data.born': { $regex: '^\\d{4}-05-12' } });
  });

  it('moves by days across months and years, inside $and/$or and arrays', () => {
    const now = new Date('2026-12-30T12:00:00Z');
    const filter = { $or: [{ 'data.due': { $dateIs: 'today+3' } }, { 'data.due': { $dateIs: 'today-30' } }], stage: 'open' };
    expect(resolveDatePlaceholders(filter, now, HCM)).toEqual({
      $or: [{ 'data.due': { $regex: '^2027-01-02' } }, { 'data.due': { $regex: '^2026-11-30' } }],
      stage: 'open',
    });
  });

  it('greets 29 February anniversaries on 28 February of a common year', () => {
    expect(resolveDatePlaceholders({ d: { $monthDayIs: 'today' } }, new Date('2027-02-28T05:00:00Z'), HCM)).toEqual({ d: { $regex: '^\\d{4}-02-(28|29)' } });
    expect(resolveDatePlaceholders({ d: { $monthDayIs: 'today' } }, new Date('2028-02-28T05:00:00Z'), HCM)).toEqual({ d: { $regex: '^\\d{4}-02-28' } });
  });

  it('refuses a value that is not a day', () => {
    expect(() => resolveDatePlaceholders({ d: { $dateIs: 'tomorrow' } }, new Date(), HCM)).toThrow(/today/);
  });
});

describe('cron expressions', () => {
  it('accepts five fields of numbers, ranges, lists, steps and names', () => {
    for (const ok of ['0 8 * * *', '*/15 9-17 * * MON-FRI', '0 0 1 1,4,7,10 *', '30 7 * * 1-5', '0 0 29 FEB *']) expect(cronProblems(ok)).toEqual([]);
  });

  it('says what is wrong', () => {
    expect(cronProblems('0 8 * *')).toEqual(['needs 5 fields (minute hour day-of-month month day-of-week), not 4']);
    expect(cronProblems('0 25 * * *')).toEqual(['"25" is not a valid hour (0–23)']);
    expect(cronProblems('0 8 * * 5-1')).toEqual(['the range "5-1" runs backwards']);
    expect(cronProblems('*/0 8 * * *')).toEqual(['the step of "*/0" must be a positive number']);
  });

  it('names a run by its local date when the job runs at most daily, else by date and minute', () => {
    expect(runsAtMostDaily('0 8 * * *')).toBe(true);
    expect(runsAtMostDaily('*/5 * * * *')).toBe(false);
    const decl = { id: 'j', cron: '0 8 * * *', labels: { vi: 'j', en: 'j' }, do: { type: 'createRecord' as const, entity: 'x', data: {} } };
    expect(recurringRun('p', decl, new Date('2026-05-12T18:30:00Z'), HCM).run).toBe('2026-05-13');
    expect(recurringRun('p', { ...decl, cron: '*/5 * * * *' }, new Date('2026-05-12T18:30:00Z'), HCM).run).toBe('2026-05-13T01:30');
  });
});
