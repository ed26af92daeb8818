/**
 * Regression (issue 10.15): CSV export wrote cells starting with = + - @ tab or CR as they
 * were, so a spreadsheet ran them as formulas. They are neutralised as OWASP recommends,
 * and the import reads them back as they were typed.
 */
import { describe, expect, it } from 'vitest';
import { convertCell } from '../../designer/src/workspace/csv-cell.js';
import { cell, toCsv } from '../../designer/src/workspace/csv-write.js';
import { listFields } from '../../designer/src/workspace/pipeline-model.js';
import type { EntitySchema } from '../../designer/src/model/pack-types.js';
import type { WorkRecord } from '../../designer/src/workspace/workspace-api.js';
import Papa from 'papaparse';

const DANGEROUS = ['=HYPERLINK("http://evil.example","Bấm")', '+84 912 345 678', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('CSV export', () => {
  it.each(DANGEROUS)('neutralises %j so it is text in a spreadsheet', (text) => {
    const [parsed] = Papa.parse<string[]>(cell(text), { delimiter: ',' }).data;
    expect(parsed?.[0]).toBe(`'${text}`);
  });

  it('neutralises formula-like text inside lists and JSON too, but not numbers', () => {
    expect(cell(['=1+1', 'Hà Nội'])).toBe('"\'=1+1; Hà Nội"');
    expect(cell(-1500000)).toBe('-1500000');
    expect(cell('Tour Đà Lạt')).toBe('Tour Đà Lạt');
  });

  it('round-trips through the import: what was typed is what comes back', () => {
    const schema = { type: 'object', properties: { notes: { type: 'string' }, phone: { type: 'string' } } } as unknown as EntitySchema;
    const record = { id: 'r1', state: 'new', data: { notes: '=1+1 là công thức', phone: '+84 912 345 678' }, updatedAt: '2026-12-01T00:00:00Z' } as unknown as WorkRecord;
    const csv = toCsv([record], listFields(schema));
    const [header, row] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const at = (key: string) => row?.[header?.indexOf(key) ?? -1] ?? '';
    expect(at('notes')).toBe("'=1+1 là công thức");
    expect(convertCell(at('notes'), { type: 'string' })).toEqual({ ok: true, value: '=1+1 là công thức' });
    expect(convertCell(at('phone'), { type: 'string' })).toEqual({ ok: true, value: '+84 912 345 678' });
  });
});
