/**
 * Records as CSV text (pure: no DOM): one column per schema field named by its key, so the
 * file can be imported back, UTF-8 with a byte-order mark so that spreadsheet programs
 * read Vietnamese correctly.
 */
import type { Field } from './pipeline-model.js';
import type { WorkRecord } from './workspace-api.js';

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting with
 * = + - @, a tab or a carriage return. Such text is exported with a leading apostrophe,
 * which spreadsheets show as text and the import (./csv-cell.ts) takes off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Numbers and yes/no are written as they are; any text (lists and JSON too)
 * that a spreadsheet would evaluate is neutralised.
 * @example cell('=HYPERLINK("http://x")') // "'=HYPERLINK(""http://x"")" (quoted)
 */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const raw =
    typeof value === 'string' ? value
    : typeof value === 'number' || typeof value === 'boolean' ? String(value)
    : Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number') ? value.join('; ')
    : JSON.stringify(value);
  const text = typeof value !== 'number' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV text: a header of field keys, then one row per record. */
export function toCsv(records: WorkRecord[], fields: Field[]): string {
  const header = ['id', 'stage', 'owner', ...fields.map((f) => f.key), 'updatedAt'];
  return csvText(header, records.map((r) => [r.id, r.state, r.owner ?? '', ...fields.map((f) => r.data[f.key]), r.updatedAt]));
}

/** A header and rows of values as CSV text, UTF-8 with a byte-order mark. */
export function csvText(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header.map(cell).join(','), ...rows.map((row) => row.map(cell).join(','))].join('\r\n')}\r\n`;
}

