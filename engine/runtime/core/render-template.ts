/**
 * Message templates rendered by liquidjs, sandboxed: templates read only the variables
 * handed to them (own properties only, no prototype access, no code), with limits on
 * parse size, render time and memory, so that an admin's template can neither reach the
 * server nor stall it. Filters write dates and money the way ../shared/UX.md does:
 * `{{ dueDate | date }}` → 02/12/2026 in Vietnamese, 2 Dec 2026 in English; `{{ amount |
 * money }}` → 12.500.000 ₫ / ₫12,500,000.
 */
import { Liquid } from 'liquidjs';
import type { Issue } from '../../errors.js';

export type Lang = 'vi' | 'en';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day or an instant's day in `timeZone`, as `lang` writes dates. */
export function formatDay(value: unknown, lang: Lang, timeZone: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' && !(value instanceof Date)) return '';
  const options: Intl.DateTimeFormatOptions =
    lang === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  if (typeof value === 'string' && DAY.test(value)) return new Intl.DateTimeFormat(LOCALE[lang], { ...options, timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? String(value) : new Intl.DateTimeFormat(LOCALE[lang], { ...options, timeZone }).format(at);
}

/** An amount of VND: 12.500.000 ₫ in Vietnamese, ₫12,500,000 in English. */
export function formatMoney(value: unknown, lang: Lang): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === undefined || value === null || value === '' || !Number.isFinite(n)) return '';
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(n).replace(/\u00a0/g, ' ');
}

function engineFor(lang: Lang, timeZone: string): Liquid {
  const liquid = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    // No file system: `include` and `render` find only these (none).
    templates: {},
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  liquid.registerFilter('date', (value: unknown) => formatDay(value, lang, timeZone));
  liquid.registerFilter('money', (value: unknown) => formatMoney(value, lang));
  liquid.registerFilter('number', (value: unknown) => {
    const n = Number(value);
    return Number.isFinite(n) ? new Intl.NumberFormat(LOCALE[lang]).format(n) : '';
  });
  return liquid;
}

const engines = new Map<string, Liquid>();
function liquidFor(lang: Lang, timeZone: string): Liquid {
  const key = `${lang}:${timeZone}`;
  let found = engines.get(key);
  if (!found) engines.set(key, (found = engineFor(lang, timeZone)));
  return found;
}

/** Why a template does not parse (unknown filter, unclosed tag), at `pointer`; empty when it does. */
export function templateIssues(text: string, pointer: string): Issue[] {
  try {
    liquidFor('vi', 'UTC').parse(text);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
    return [{ pointer, message: `the template does not parse: ${message}` }];
  }
}

/**
 * Render a template with `variables` (plain data: records, links).
 * @example
 * await renderTemplate('Chào {{ person.name }}, hạn {{ record.dueDate | date }}', { person, record }, 'vi', 'Asia/Ho_Chi_Minh')
 */
export async function renderTemplate(text: string, variables: Record<string, unknown>, lang: Lang, timeZone: string): Promise<string> {
  const liquid = liquidFor(lang, timeZone);
  return String(await liquid.render(parsed(liquid, text), variables));
}

/**
 * Parsed templates by text, per engine (filters are bound when a template is parsed, and
 * each language has its own): a bulk send renders one text thousands of times.
 */
const parsesOf = new WeakMap<Liquid, Map<string, ReturnType<Liquid['parse']>>>();
const MAX_PARSES = 500;

function parsed(liquid: Liquid, text: string): ReturnType<Liquid['parse']> {
  let parses = parsesOf.get(liquid);
  if (!parses) parsesOf.set(liquid, (parses = new Map<string, ReturnType<Liquid['parse']>>()));
  let found = parses.get(text);
  if (!found) {
    found = liquid.parse(text);
    if (parses.size >= MAX_PARSES) parses.delete(parses.keys().next().value as string);
    parses.set(text, found);
  }
  return found;
}

const MARKS = /[\u0300-\u036f]/g;

/**
 * Vietnamese without its marks, for SMS that must stay in the 160-character alphabet:
 * "Chúc mừng" → "Chuc mung", "2.000.000 ₫" → "2.000.000 VND".
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/₫\s?(\d[\d.,]*)/g, '$1 VND')
    .replace(/\s?₫/g, ' VND')
    .normalize('NFC');
}

// The GSM 03.38 basic alphabet and its extension table (each extension character counts twice).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How an SMS text is counted: its encoding, length in units and parts (70/67 for Unicode, 160/153 for GSM). */
export function smsSegments(text: string): { encoding: 'gsm' | 'unicode'; length: number; segments: number; perSegment: number } {
  let gsmUnits = 0;
  let unicode = false;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) gsmUnits += 1;
    else if (GSM_EXTENDED.includes(ch)) gsmUnits += 2;
    else {
      unicode = true;
      break;
    }
  }
  if (unicode) {
    // UCS-2 counts UTF-16 code units.
    const length = text.length;
    const perSegment = length <= 70 ? 70 : 67;
    return { encoding: 'unicode', length, segments: length === 0 ? 0 : Math.ceil(length / perSegment), perSegment };
  }
  const perSegment = gsmUnits <= 160 ? 160 : 153;
  return { encoding: 'gsm', length: gsmUnits, segments: gsmUnits === 0 ? 0 : Math.ceil(gsmUnits / perSegment), perSegment };
}
