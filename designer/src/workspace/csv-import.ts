/**
 * A CSV file read for import: parsed with papaparse (header row, BOM tolerated, comma,
 * semicolon or tab), its columns matched to the entity's fields by key or vi/en label
 * (case and diacritics ignored), every cell converted for its field (./csv-cell.ts), and
 * every problem named by the LINE of the file it is on (the header is line 1). The
 * server's issues for the same rows (`/rows/3/data/phone`) are mapped to lines here too.
 * Pure: no DOM, no React.
 */
import Papa from 'papaparse';
import { convertCell, fold, type CellErrorCode } from './csv-cell.js';
import type { Field } from './pipeline-model.js';

/** The most rows one import sends; the engine refuses more (engine/runtime/core/import-records.ts). */
export const IMPORT_ROW_LIMIT = 5000;

/** A column of the file and what it fills: a field of the record, or its owner. */
export interface MappedColumn {
  index: number;
  header: string;
  field?: Field;
  owner?: true;
}

/** A data row ready to send, with the line of the file it starts on. */
export interface PreparedRow {
  line: number;
  data: Record<string, unknown>;
  owner?: string;
  /** The raw text of each mapped column, by column index. */
  cells: Record<number, string>;
}

/** What the server says about a value (from its message), or why a cell was not read. */
export type ImportIssueCode =
  | CellErrorCode
  | 'required'
  | 'pattern'
  | 'format'
  | 'enum'
  | 'short'
  | 'long'
  | 'range'
  | 'type'
  | 'other';

/** One problem of one row: its line in the file, the field's key (when known), what is wrong. */
export interface RowIssue {
  line: number;
  field?: string;
  code: ImportIssueCode;
  /** The cell's text, when the issue is about it. */
  value?: string;
  /** The server's own words, for `other`. */
  message?: string;
}

/** A reason the file as a whole cannot be imported. */
export type FileProblem =
  | { code: 'empty' }
  | { code: 'noColumns' }
  | { code: 'tooMany'; rows: number }
  | { code: 'malformed'; line: number };

export interface ImportPreview {
  columns: MappedColumn[];
  /** Headers that match no field (and duplicates of a matched one). */
  ignored: string[];
  rows: PreparedRow[];
  /** Cells that could not be read: per row, by line. */
  issues: RowIssue[];
  problem?: FileProblem;
}

const OWNER_HEADERS = new Set(['owner', 'nguoiphutrach']);
const compact = (text: string) => fold(text).replace(/ /g, '');

/** The delimiter of the header line: the most frequent of ; , and tab (comma on a tie). */
function delimiterOf(text: string): string {
  const head = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const count = (c: string) => head.split(c).length - 1;
  const [semicolons, commas, tabs] = [count(';'), count(','), count('\t')];
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

/**
 * Match headers to fields: a field's key first, then its vi or en label, compared
 * without case, diacritics, spaces or punctuation; `owner` (or "Người phụ trách") sets
 * the record's owner. The first column for a field wins; the rest are ignored.
 * @example mapColumns(['Họ tên', 'SĐT'], fields) // Họ tên → fullName; SĐT ignored
 */
export function mapColumns(header: string[], fields: Field[]): { columns: MappedColumn[]; ignored: string[] } {
  const byName = new Map<string, Field>();
  for (const f of fields) byName.set(compact(f.key), f);
  for (const f of fields) {
    for (const text of [f.labels?.vi, f.labels?.en]) if (text && !byName.has(compact(text))) byName.set(compact(text), f);
  }
  const columns: MappedColumn[] = [];
  const ignored: string[] = [];
  const taken = new Set<string>();
  header.forEach((raw, index) => {
    const text = raw.trim();
    const name = compact(text);
    const field = byName.get(name);
    const target = field ? field.key : OWNER_HEADERS.has(name) ? '#owner' : undefined;
    if (text === '' && target === undefined) return;
    if (target === undefined || taken.has(target)) {
      ignored.push(text);
      return;
    }
    taken.add(target);
    columns.push(field ? { index, header: text, field } : { index, header: text, owner: true });
  });
  return { columns, ignored };
}

/** Rows of cells with the line each starts on; a quoted cell may span lines. */
function parseRows(text: string): { rows: { line: number; cells: string[] }[]; malformed?: number } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: delimiterOf(text), skipEmptyLines: false });
  let line = 1;
  const rows = parsed.data.map((cells) => {
    const row = { line, cells };
    line += 1 + cells.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    return row;
  });
  const broken = parsed.errors.find((e) => e.type === 'Quotes' && typeof e.row === 'number');
  return broken?.row === undefined ? { rows } : { rows, malformed: rows[broken.row]?.line ?? 1 };
}

/**
 * Read a CSV file's text for import into an entity with these fields.
 * @example const preview = prepareImport('Họ tên;Số điện thoại\nAn;0901 234 567', leadFields);
 */
export function prepareImport(text: string, fields: Field[]): ImportPreview {
  const { rows: all, malformed } = parseRows(text);
  const [head, ...body] = all;
  const { columns, ignored } = mapColumns(head?.cells ?? [], fields);
  const filled = body.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const preview: ImportPreview = { columns, ignored, rows: [], issues: [] };
  if (!head || head.cells.every((c) => c.trim() === '') || filled.length === 0) return { ...preview, problem: { code: 'empty' } };
  if (malformed !== undefined) return { ...preview, problem: { code: 'malformed', line: malformed } };
  if (columns.length === 0) return { ...preview, problem: { code: 'noColumns' } };
  if (filled.length > IMPORT_ROW_LIMIT) return { ...preview, problem: { code: 'tooMany', rows: filled.length } };
  for (const { line, cells } of filled) {
    const row: PreparedRow = { line, data: {}, cells: {} };
    for (const column of columns) {
      const text = (cells[column.index] ?? '').trim();
      row.cells[column.index] = text;
      if (text === '') continue; // an empty cell leaves the field out
      if (column.owner) {
        row.owner = text;
        continue;
      }
      const field = column.field as Field;
      const converted = convertCell(text, field.schema);
      if (converted.ok) row.data[field.key] = converted.value;
      else preview.issues.push({ line, field: field.key, code: converted.code, value: text });
    }
    preview.rows.push(row);
  }
  return preview;
}

/** The body rows of the import request, in file order. */
export function requestRows(preview: ImportPreview): { data: Record<string, unknown>; owner?: string }[] {
  return preview.rows.map((r) => (r.owner === undefined ? { data: r.data } : { data: r.data, owner: r.owner }));
}

/** What an engine (ajv) message says, as a code the page can translate. */
export function issueCode(message: string): ImportIssueCode {
  if (/is required/.test(message)) return 'required';
  if (/must match pattern/.test(message)) return 'pattern';
  if (/must match format/.test(message)) return 'format';
  if (/must be equal to one of the allowed values|must be equal to constant/.test(message)) return 'enum';
  if (/must NOT have fewer than/.test(message)) return 'short';
  if (/must NOT have more than/.test(message)) return 'long';
  if (/must be [<>]=? /.test(message)) return 'range';
  if (/must be (integer|number|string|boolean|array|object|null)/.test(message)) return 'type';
  return 'other';
}

/**
 * The server's issues (`/rows/<index>/data/<field>…`) as row issues on file lines. An
 * issue on a cell already reported as unreadable is dropped: its field was not sent.
 */
export function serverIssues(preview: ImportPreview, issues: { pointer: string; message: string }[]): RowIssue[] {
  const local = new Set(preview.issues.map((i) => `${i.line}/${i.field ?? ''}`));
  const out: RowIssue[] = [];
  for (const { pointer, message } of issues) {
    const match = /^\/rows\/(\d+)(?:\/data\/([^/]+))?/.exec(pointer);
    const row = match ? preview.rows[Number(match[1])] : undefined;
    if (!row) continue;
    const field = match?.[2]?.replace(/~1/g, '/').replace(/~0/g, '~');
    if (local.has(`${row.line}/${field ?? ''}`)) continue;
    const column = preview.columns.find((c) => c.field?.key === field);
    const value = column ? row.cells[column.index] : undefined;
    const code = issueCode(message);
    out.push({ line: row.line, ...(field ? { field } : {}), code, ...(value ? { value } : {}), ...(code === 'other' ? { message } : {}) });
  }
  return out;
}

/** Every issue, by line then by column order. */
export function sortIssues(issues: RowIssue[], preview: ImportPreview): RowIssue[] {
  const order = (field?: string) => {
    const at = preview.columns.findIndex((c) => c.field?.key === field);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...issues].sort((a, b) => a.line - b.line || order(a.field) - order(b.field));
}
