/** Dates, times and money as the app's language writes them (UX.md), whatever the machine's locale. */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatTime } from '../../designer/src/i18n/format.js';

describe('formats by the app language', () => {
  it('writes a calendar day dd/mm/yyyy in Vietnamese and "2 Dec 2026" in English', () => {
    expect(formatDate('2026-12-02', 'vi')).toBe('02/12/2026');
    expect(formatDate('2026-12-02', 'en')).toBe('2 Dec 2026');
  });

  it('reads an instant in the business time zone, 24-hour in Vietnamese', () => {
    // 18:30 UTC on 1 December is 01:30 on 2 December in Hồ Chí Minh City.
    expect(formatDate('2026-12-01T18:30:00.000Z', 'vi')).toBe('02/12/2026');
    expect(formatTime('2026-12-02T07:30:00.000Z', 'vi')).toBe('14:30');
    expect(formatTime('2026-12-02T07:30:00.000Z', 'en')).toBe('2:30 pm');
    expect(formatDateTime('2026-12-02T07:30:00.000Z', 'vi')).toBe('02/12/2026 14:30');
  });

  it('groups VND with dots in Vietnamese and commas in English, without decimals', () => {
    expect(formatMoney(12_500_000, 'vi')).toBe('12.500.000\u00a0₫');
    expect(formatMoney(12_500_000, 'en')).toBe('₫12,500,000');
    expect(formatNumber(1234.5, 'vi')).toBe('1.234,5');
  });

  it('leaves text that is not a date as it is', () => {
    expect(formatDate('soon', 'vi')).toBe('soon');
  });
});
