/**
 * Message templates: Liquid kept in its sandbox, dates and money as each language writes
 * them, SMS counted the way phones count it, and lunar birthdays found on their solar day.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate, smsSegments, stripDiacritics, templateIssues } from '../../../engine/runtime/core/render-template.js';
import { resolveDatePlaceholders } from '../../../engine/scheduler/date-placeholders.js';
import { textToHtml } from '../../../engine/runtime/services/channels/compose.js';

const HCM = 'Asia/Ho_Chi_Minh';

describe('rendering templates', () => {
  it('writes dates and money as Vietnamese and English readers expect', async () => {
    const record = { dueDate: '2027-05-01', amount: 12_500_000, paidAt: '2027-04-30T18:30:00Z' };
    const text = '{{ record.dueDate | date }} · {{ record.amount | money }} · {{ record.paidAt | date }}';
    expect(await renderTemplate(text, { record }, 'vi', HCM)).toBe('01/05/2027 · 12.500.000 ₫ · 01/05/2027');
    expect(await renderTemplate(text, { record }, 'en', HCM)).toBe('1 May 2027 · ₫12,500,000 · 1 May 2027');
    expect(await renderTemplate('{{ record.missing | money }}|{{ record.missing | date }}', { record }, 'vi', HCM)).toBe('|');
  });

  it('keeps templates in their sandbox: no prototype, no constructor, no files', async () => {
    const out = await renderTemplate('[{{ record.constructor }}][{{ record.__proto__ }}][{{ "x" | prepend: record.toString }}]', { record: { a: 1 } }, 'vi', HCM);
    expect(out).toBe('[][][x]');
    await expect(renderTemplate('{% include "/etc/passwd" %}', {}, 'vi', HCM)).rejects.toThrow();
    await expect(renderTemplate('{% for i in (1..100000000) %}{{ i }}{% endfor %}', {}, 'vi', HCM)).rejects.toThrow();
  });

  it('says what is wrong with a template that does not parse', () => {
    expect(templateIssues('Chào {{ person.name', '/body/vi')).toEqual([{ pointer: '/body/vi', message: expect.stringContaining('does not parse') as string }]);
    expect(templateIssues('{{ x | nosuchfilter }}', '/body/en')[0]?.message).toContain('nosuchfilter');
    expect(templateIssues('Chào {{ person.name }}', '/body/vi')).toEqual([]);
  });

  it('escapes values in the HTML part and makes links clickable', () => {
    expect(textToHtml('Xem <b>tour</b>: https://senvang.test/a?b=1&c=2.', (u) => `R(${u})`)).toBe(
      '<p>Xem &lt;b&gt;tour&lt;/b&gt;: <a href="R(https://senvang.test/a?b=1&amp;c=2)">https://senvang.test/a?b=1&amp;c=2</a>.</p>',
    );
  });
});

describe('SMS length', () => {
  it('counts Vietnamese with marks as Unicode, 70 a part, and without marks as GSM, 160 a part', () => {
    const vi = 'Chúc mừng sinh nhật anh Nguyễn Văn An! Chúc anh sức khỏe, hạnh phúc.';
    expect(smsSegments(vi)).toMatchObject({ encoding: 'unicode', length: vi.length, segments: 1 });
    expect(smsSegments(vi + vi)).toMatchObject({ encoding: 'unicode', segments: 3, perSegment: 67 });
    const plain = stripDiacritics(vi);
    expect(plain).toBe('Chuc mung sinh nhat anh Nguyen Van An! Chuc anh suc khoe, hanh phuc.');
    expect(smsSegments(plain)).toMatchObject({ encoding: 'gsm', segments: 1, perSegment: 160 });
    expect(smsSegments('x'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsSegments('{}')).toMatchObject({ encoding: 'gsm', length: 4 });
    expect(stripDiacritics('Đà Lạt 2.000.000 ₫')).toBe('Da Lat 2.000.000 VND');
  });
});

describe('lunar birthdays', () => {
  it('finds a birthday recorded in the lunar calendar on its solar day this year', () => {
    // Rằm tháng Tám (15/8 âm lịch) falls on 25 September 2026.
    const query = resolveDatePlaceholders({ 'data.dateOfBirth': { $lunarMonthDayIs: 'today' } }, new Date('2026-09-25T01:00:00Z'), HCM);
    expect(query).toEqual({ 'data.dateOfBirth': { $regex: '^\\d{4}-08-15' } });
    // 29 of a short twelfth month: those born on the 30th are greeted too.
    const short = resolveDatePlaceholders({ d: { $lunarMonthDayIs: 'today' } }, new Date('2026-02-16T01:00:00Z'), HCM);
    expect(short).toEqual({ d: { $regex: '^\\d{4}-12-(29|30)' } });
    // 29 February is greeted on 28 February in other years (solar).
    expect(resolveDatePlaceholders({ d: { $monthDayIs: 'today' } }, new Date('2027-02-28T01:00:00Z'), HCM)).toEqual({ d: { $regex: '^\\d{4}-02-(28|29)' } });
  });
});
