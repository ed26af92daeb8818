/** Reading a CSV file for import: parsing, column matching, cell conversion, issues by line. */
import { describe, expect, it } from 'vitest';
import { convertCell, parseDate, parseDateTime, parseNumber } from '../../designer/src/workspace/csv-cell.js';
import { IMPORT_ROW_LIMIT, mapColumns, prepareImport, requestRows, serverIssues, sortIssues } from '../../designer/src/workspace/csv-import.js';
import { listFields } from '../../designer/src/workspace/pipeline-model.js';
import type { EntitySchema } from '../../designer/src/model/pack-types.js';

const schema = {
  type: 'object',
  required: ['fullName'],
  properties: {
    fullName: { type: 'string', 'x-labels': { vi: 'Họ tên', en: 'Full name' } },
    phone: { type: 'string', pattern: '^\\+?[0-9 .-]{8,15}$', 'x-labels': { vi: 'Số điện thoại', en: 'Phone' } },
    email: { type: 'string', format: 'email', 'x-labels': { vi: 'Email', en: 'Email' } },
    segment: { type: 'string', enum: ['family', 'VIP1'], 'x-labels': { vi: 'Phân khúc', en: 'Segment' } },
    budget: { type: 'integer', 'x-widget': 'money', 'x-labels': { vi: 'Ngân sách (VND)', en: 'Budget (VND)' } },
    rating: { type: 'number', 'x-labels': { vi: 'Đánh giá', en: 'Rating' } },
    vip: { type: 'boolean', 'x-labels': { vi: 'Khách VIP', en: 'VIP' } },
    preferredDeparture: { type: 'string', format: 'date', 'x-labels': { vi: 'Ngày khởi hành mong muốn', en: 'Preferred departure' } },
    interests: { type: 'array', items: { type: 'string' }, 'x-labels': { vi: 'Tour quan tâm', en: 'Tours of interest' } },
  },
} as unknown as EntitySchema;
const fields = listFields(schema);

describe('cells', () => {
  it.each([
    ['1.500.000', 1500000],
    ['1,500,000', 1500000],
    ['45.000.000 ₫', 45000000],
    ['45,000,000 VND', 45000000],
    ['1 500 000', 1500000],
    ['1.500', 1500],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['-12', -12],
    ['0', 0],
  ])('reads the number %s as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['abc', '1.50.0', '1,2,3', '', '12a', '1.500,000.5'])('refuses %j as a number', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });

  it('reads integers, booleans in both languages, dates in both orders and lists', () => {
    expect(convertCell('1.500.000', { type: 'integer' })).toEqual({ ok: true, value: 1500000 });
    expect(convertCell('2,5', { type: 'integer' })).toEqual({ ok: false, code: 'integer' });
    expect(convertCell('lots', { type: 'integer' })).toEqual({ ok: false, code: 'number' });
    for (const [text, value] of [['có', true], ['Không', false], ['yes', true], ['NO', false], ['1', true], ['0', false], ['true', true]] as const) {
      expect(convertCell(text, { type: 'boolean' })).toEqual({ ok: true, value });
    }
    expect(convertCell('maybe', { type: 'boolean' })).toEqual({ ok: false, code: 'boolean' });
    expect(parseDate('2026-12-01')).toBe('2026-12-01');
    expect(parseDate('01/12/2026')).toBe('2026-12-01');
    expect(parseDate('1/2/2026')).toBe('2026-02-01');
    expect(parseDate('31/02/2026')).toBeUndefined();
    expect(parseDate('12/31/2026')).toBeUndefined();
    expect(convertCell('next week', { type: 'string', format: 'date' })).toEqual({ ok: false, code: 'date' });
    expect(parseDateTime('2026-12-01T08:30:00Z')).toBe('2026-12-01T08:30:00.000Z');
    expect(parseDateTime('01/12/2026 08:30')).toBe(new Date(2026, 11, 1, 8, 30).toISOString());
    expect(convertCell('Hạ Long; Sa Pa ;', { type: 'array', items: { type: 'string' } })).toEqual({ ok: true, value: ['Hạ Long', 'Sa Pa'] });
    expect(convertCell('1;x', { type: 'array', items: { type: 'integer' } })).toEqual({ ok: false, code: 'number' });
    expect(convertCell('vip1', { type: 'string', enum: ['family', 'VIP1'] })).toEqual({ ok: true, value: 'VIP1' });
    expect(convertCell('{"a":1}', { type: 'object' })).toEqual({ ok: true, value: { a: 1 } });
    expect(convertCell('[1]', { type: 'object' })).toEqual({ ok: false, code: 'json' });
  });
});

describe('columns', () => {
  it('matches headers by key or vi/en label, without case or diacritics; lists the rest as ignored', () => {
    const { columns, ignored } = mapColumns(['HO TEN', 'phone', 'Ngân Sách (VND)', 'id', 'Owner', 'Full name', 'Tours of interest', ''], fields);
    expect(columns.map((c) => [c.header, c.field?.key ?? (c.owner ? '#owner' : '?')])).toEqual([
      ['HO TEN', 'fullName'],
      ['phone', 'phone'],
      ['Ngân Sách (VND)', 'budget'],
      ['Owner', '#owner'],
      ['Tours of interest', 'interests'],
    ]);
    expect(ignored).toEqual(['id', 'Full name']);
  });
});

describe('prepareImport', () => {
  it('reads a semicolon file with a BOM, naming rows by their line in the file', () => {
    const text = '\uFEFFHọ tên;Số điện thoại;Ngân sách (VND);Ngày khởi hành mong muốn;Khách VIP\r\n' +
      'Nguyễn An;0901 234 567;1.500.000;01/12/2026;có\r\n' +
      '\r\n' +
      '"Trần\nBình";0902;nhiều;2026-13-01;không\r\n' +
      'Lê Chi;;;;\r\n';
    const preview = prepareImport(text, fields);
    expect(preview.problem).toBeUndefined();
    expect(preview.rows.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(preview.rows[0]?.data).toEqual({ fullName: 'Nguyễn An', phone: '0901 234 567', budget: 1500000, preferredDeparture: '2026-12-01', vip: true });
    // Empty cells leave fields out.
    expect(preview.rows[2]?.data).toEqual({ fullName: 'Lê Chi' });
    expect(preview.issues).toEqual([
      { line: 4, field: 'budget', code: 'number', value: 'nhiều' },
      { line: 4, field: 'preferredDeparture', code: 'date', value: '2026-13-01' },
    ]);
    expect(requestRows(preview)[1]).toEqual({ data: { fullName: 'Trần\nBình', phone: '0902', vip: false } });
  });

  it('reads a comma file with quoted VND amounts and an owner column', () => {
    const preview = prepareImport('fullName,budget,owner\nAn,"1,500,000",sales1\nBình,2000000,\n', fields);
    expect(requestRows(preview)).toEqual([
      { data: { fullName: 'An', budget: 1500000 }, owner: 'sales1' },
      { data: { fullName: 'Bình', budget: 2000000 } },
    ]);
  });

  it('says what is wrong with a file that cannot be imported', () => {
    expect(prepareImport('', fields).problem).toEqual({ code: 'empty' });
    expect(prepareImport('fullName\n\n', fields).problem).toEqual({ code: 'empty' });
    expect(prepareImport('a,b\n1,2\n', fields).problem).toEqual({ code: 'noColumns' });
    expect(prepareImport('fullName\nAn\n"Bình\nChi\n', fields).problem).toEqual({ code: 'malformed', line: 3 });
    const many = `fullName\n${Array.from({ length: IMPORT_ROW_LIMIT + 1 }, (_, i) => `P${i}`).join('\n')}`;
    expect(prepareImport(many, fields).problem).toEqual({ code: 'tooMany', rows: IMPORT_ROW_LIMIT + 1 });
  });
});

describe('server issues', () => {
  it('maps pointers into the rows to lines and fields, and drops those about cells not read', () => {
    const preview = prepareImport('Họ tên,Phone,Segment,Budget (VND)\nAn,12ab,family,10\n,0901234567,gold,x\n', fields);
    const remote = serverIssues(preview, [
      { pointer: '/rows/0/data/phone', message: 'phone must match pattern "^\\+?[0-9 .-]{8,15}$"' },
      { pointer: '/rows/1/data/fullName', message: 'fullName is required' },
      { pointer: '/rows/1/data/segment', message: 'segment must be equal to one of the allowed values' },
      { pointer: '/rows/1/data/budget', message: 'budget is required in stage new' },
      { pointer: '/rows/1', message: 'Something else' },
    ]);
    expect(remote).toEqual([
      { line: 2, field: 'phone', code: 'pattern', value: '12ab' },
      { line: 3, field: 'fullName', code: 'required' },
      { line: 3, field: 'segment', code: 'enum', value: 'gold' },
      { line: 3, code: 'other', message: 'Something else' },
    ]);
    const all = sortIssues([...preview.issues, ...remote], preview);
    expect(all.map((i) => [i.line, i.field])).toEqual([
      [2, 'phone'],
      [3, 'fullName'],
      [3, 'segment'],
      [3, 'budget'],
      [3, undefined],
    ]);
  });
});
