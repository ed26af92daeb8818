/** The part of lunar-javascript (no types of its own) that date placeholders use. */
declare module 'lunar-javascript' {
  export interface Lunar {
    getYear(): number;
    /** Negative for a leap month. */
    getMonth(): number;
    getDay(): number;
  }
  export const Solar: { fromYmd(year: number, month: number, day: number): { getLunar(): Lunar } };
  export const LunarMonth: { fromYm(year: number, month: number): { getDayCount(): number } | null };
}
