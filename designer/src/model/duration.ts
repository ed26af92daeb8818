/** ISO-8601 durations as the designer edits them: an amount and one unit. */
import type { Lang } from './draft.js';

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const CODES: Record<DurationUnit, string> = { minutes: 'PT#M', hours: 'PT#H', days: 'P#D', weeks: 'P#W' };

const WORDS: Record<Lang, Record<DurationUnit, [string, string]>> = {
  en: {
    minutes: ['minute', 'minutes'],
    hours: ['hour', 'hours'],
    days: ['day', 'days'],
    weeks: ['week', 'weeks'],
  },
  vi: { minutes: ['phút', 'phút'], hours: ['giờ', 'giờ'], days: ['ngày', 'ngày'], weeks: ['tuần', 'tuần'] },
};

/** "P3D" → { amount: 3, unit: 'days' }; undefined for anything else (kept as text). */
export function parseDuration(iso: string): { amount: number; unit: DurationUnit } | undefined {
  const m = /^P(?:T(\d+)([MH])|(\d+)([DW]))$/.exec(iso);
  if (!m) return undefined;
  if (m[1] !== undefined) return { amount: Number(m[1]), unit: m[2] === 'M' ? 'minutes' : 'hours' };
  return { amount: Number(m[3]), unit: m[4] === 'D' ? 'days' : 'weeks' };
}

export function toDuration(amount: number, unit: DurationUnit): string {
  return CODES[unit].replace('#', String(Math.max(0, Math.round(amount))));
}

/** "P3D" → "3 days" / "3 ngày"; milliseconds ("5000") and other forms are shown as they are. */
export function formatDuration(iso: string, lang: Lang): string {
  const parsed = parseDuration(iso);
  if (!parsed) return iso;
  const [one, many] = WORDS[lang][parsed.unit];
  return `${parsed.amount} ${parsed.amount === 1 ? one : many}`;
}

/** Milliseconds in words, for timers the simulation plans. */
export function formatMs(ms: number, lang: Lang): string {
  const units: [DurationUnit, number][] = [
    ['weeks', 604_800_000],
    ['days', 86_400_000],
    ['hours', 3_600_000],
    ['minutes', 60_000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size && ms % size === 0) {
      const [one, many] = WORDS[lang][unit];
      return `${ms / size} ${ms / size === 1 ? one : many}`;
    }
  }
  return `${Math.round(ms / 1000)} s`;
}
