/** ISO-8601 durations ("PT4H", "P3D", "P1W") as milliseconds; months and years are calendar-free approximations (30 d, 365 d). */
const pattern = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * @example durationMs('PT90M') // 5_400_000
 * @returns undefined when `text` is not an ISO-8601 duration
 */
export function durationMs(text: string): number | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((v): number => (v === undefined ? 0 : Number(v)));
  return (
    (years ?? 0) * 365 * DAY +
    (months ?? 0) * 30 * DAY +
    (weeks ?? 0) * 7 * DAY +
    (days ?? 0) * DAY +
    (hours ?? 0) * HOUR +
    (minutes ?? 0) * MINUTE +
    (seconds ?? 0) * SECOND
  );
}
