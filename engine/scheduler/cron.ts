/**
 * What tourflow checks of a cron expression before Agenda parses it, so that a pack with
 * a bad one fails to load with a pointer instead of failing at start-up: five fields
 * (minute hour day-of-month month day-of-week), each `*`, a number, a range `a-b` or a
 * list of those, optionally stepped (`*\/15`); months and weekdays may be named (JAN, MON).
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

function valueOf(text: string, field: (typeof FIELDS)[number]): number | undefined {
  const named = 'names' in field ? (field.names as readonly string[]).indexOf(text.toUpperCase()) : -1;
  if (named >= 0) return field.name === 'month' ? named + 1 : named;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

function partProblem(part: string, field: (typeof FIELDS)[number]): string | undefined {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || range === undefined || range === '') return `"${part}" is not a valid ${field.name}`;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return `the step of "${part}" must be a positive number`;
  if (range === '*') return undefined;
  const [from, to, more] = range.split('-');
  const a = from === undefined ? undefined : valueOf(from, field);
  const b = to === undefined ? a : valueOf(to, field);
  if (more !== undefined || a === undefined || b === undefined) return `"${part}" is not a valid ${field.name} (${field.min}–${field.max})`;
  if (a > b) return `the range "${range}" runs backwards`;
  return undefined;
}

/**
 * Every problem of a cron expression, in words; [] when Agenda can schedule it.
 * @example cronProblems('0 25 * * *') // ['"25" is not a valid hour (0–23)']
 */
export function cronProblems(expression: string): string[] {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== FIELDS.length) return [`needs 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`];
  return fields.flatMap((text, i) => {
    const field = FIELDS[i];
    return text.split(',').flatMap((part) => partProblem(part, field) ?? []);
  });
}

/**
 * How finely a job's runs are told apart for idempotency: a cron with a fixed minute and
 * hour runs at most once a day, so the local date names its run; any other cron, the
 * local date and time.
 */
export function runsAtMostDaily(expression: string): boolean {
  const [minute, hour] = expression.trim().split(/\s+/);
  return /^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? '');
}
