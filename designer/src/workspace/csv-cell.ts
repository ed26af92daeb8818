/**
 * A CSV cell's text as the value its field's JSON Schema wants: numbers and VND amounts
 * written the Vietnamese or the English way, yes/no in either language, dates as
 * yyyy-mm-dd or dd/mm/yyyy, lists separated by ";". Pure: no DOM, no React.
 */

/** Why a cell could not be read as its field's type. */
export type CellErrorCode = 'number' | 'integer' | 'boolean' | 'date' | 'dateTime' | 'json';

export type CellResult = { ok: true; value: unknown } | { ok: false; code: CellErrorCode };

type Schema = Record<string, unknown>;

/** Text exported with a leading apostrophe because it starts like a formula, without it. */
function unneutralised(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * Lowercase, without Vietnamese diacritics (đ → d) and with runs of anything but letters
 * and digits as one space: how headers and choices are compared.
 * @example fold('  Tên khách hàng / Công ty ') // 'ten khach hang cong ty'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A number written with thousands separators and a decimal mark of either convention,
 * with an optional ₫/đ/VND unit; undefined when it is not one. A single separator
 * followed by exactly three digits groups thousands ("1.500" is 1500, as VND amounts are).
 * @example parseNumber('1.500.000 ₫') // 1500000
 * @example parseNumber('1,500,000') // 1500000
 * @example parseNumber('2,5') // 2.5
 */
export function parseNumber(text: string): number | undefined {
  const s = text.replace(/[\s\u00a0]/g, '').replace(/(₫|đ|vnđ|vnd)$/i, '');
  const match = /^([-+]?)([\d.,]+)$/.exec(s);
  if (!match) return undefined;
  const [, sign = '', body = ''] = match;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let plain: string;
  if (dots > 0 && commas > 0) {
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole = '', fraction = ''] = body.split(decimal);
    if (body.split(decimal).length !== 2 || !new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(whole) || !/^\d+$/.test(fraction)) return undefined;
    plain = `${whole.split(group).join('')}.${fraction}`;
  } else if (dots + commas > 0) {
    const sep = dots > 0 ? '.' : ',';
    const grouped = new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);
    if (dots + commas > 1 || grouped.test(body)) {
      if (!grouped.test(body)) return undefined;
      plain = body.split(sep).join('');
    } else {
      if (!/^\d*[.,]\d+$/.test(body)) return undefined;
      plain = body.replace(sep, '.');
    }
  } else plain = body;
  const value = Number(`${sign}${plain}`);
  return Number.isFinite(value) ? value : undefined;
}

const TRUE = new Set(['true', 'yes', 'y', 'co', '1', 'x', 'dung']);
const FALSE = new Set(['false', 'no', 'n', 'khong', '0', 'sai']);

/** yes/no in English or Vietnamese (có/không), true/false, 1/0. */
export function parseBoolean(text: string): boolean | undefined {
  const folded = fold(text);
  if (TRUE.has(folded)) return true;
  if (FALSE.has(folded)) return false;
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A calendar date as yyyy-mm-dd, from yyyy-mm-dd or dd/mm/yyyy (also with - or .).
 * @example parseDate('01/12/2026') // '2026-12-01'
 */
export function parseDate(text: string): string | undefined {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (local) return calendarDate(Number(local[3]), Number(local[2]), Number(local[1]));
  return undefined;
}

/** A moment as an ISO string: ISO 8601 as is, or a date (either order) with an optional hh:mm[:ss] in local time. */
export function parseDateTime(text: string): string | undefined {
  const s = text.trim();
  const parts = /^(\S+)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const day = parts?.[1] ? parseDate(parts[1]) : undefined;
  if (parts && day) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const [h, min, sec] = [parts[2], parts[3], parts[4]].map((v) => Number(v ?? 0)) as [number, number, number];
    if (h > 23 || min > 59 || sec > 59) return undefined;
    return new Date(y, m - 1, d, h, min, sec).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) return undefined;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** The JSON type a field holds: its `type` (the first that is not null), else its enum's. */
export function fieldType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  const first = Array.isArray(schema.enum) ? (schema.enum as unknown[]).find((v) => v !== null) : undefined;
  if (typeof first === 'number') return Number.isInteger(first) ? 'integer' : 'number';
  if (typeof first === 'boolean') return 'boolean';
  return first === undefined ? undefined : 'string';
}

/** A choice written in another case or without diacritics, as the enum spells it. */
function enumValue(text: string, schema: Schema): string {
  const options = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : [];
  const found = options.find((o) => typeof o === 'string' && fold(o) === fold(text));
  return typeof found === 'string' ? found : text;
}

/**
 * Convert one non-empty cell for a field. Values the schema refuses for other reasons
 * (a pattern, an unknown choice, a range) are left to the server's check.
 * @example convertCell('1.500.000', { type: 'integer' }) // { ok: true, value: 1500000 }
 */
export function convertCell(text: string, schema: Schema): CellResult {
  // The apostrophe the export puts before text a spreadsheet would run as a formula.
  const s = unneutralised(text.trim());
  switch (fieldType(schema)) {
    case 'number':
    case 'integer': {
      const value = parseNumber(s);
      if (value === undefined) return { ok: false, code: 'number' };
      if (fieldType(schema) === 'integer' && !Number.isInteger(value)) return { ok: false, code: 'integer' };
      return { ok: true, value };
    }
    case 'boolean': {
      const value = parseBoolean(s);
      return value === undefined ? { ok: false, code: 'boolean' } : { ok: true, value };
    }
    case 'array': {
      const items = (schema.items ?? {}) as Schema;
      const values: unknown[] = [];
      for (const part of s.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
        const item = convertCell(part, items);
        if (!item.ok) return item;
        values.push(item.value);
      }
      return { ok: true, value: values };
    }
    case 'object': {
      try {
        const value: unknown = JSON.parse(s);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value };
      } catch {
        // falls through to the error below
      }
      return { ok: false, code: 'json' };
    }
    default:
      if (schema.format === 'date') {
        const value = parseDate(s);
        return value === undefined ? { ok: false, code: 'date' } : { ok: true, value };
      }
      if (schema.format === 'date-time') {
        const value = parseDateTime(s);
        return value === undefined ? { ok: false, code: 'dateTime' } : { ok: true, value };
      }
      return { ok: true, value: enumValue(s, schema) };
  }
}
