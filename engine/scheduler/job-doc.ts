/**
 * How an Agenda job is kept in the Store: Agenda's `JobParameters` with its dates as epoch
 * milliseconds (numbers order and compare the same way in both adapters and in the
 * in-memory due index), `null` for what is unset (as @agendajs/mongo-backend stores it),
 * and a `version` for optimistic concurrency, which is how a lock is taken.
 */
import { toJobId, type JobParameters } from 'agenda';

/** The fields a save writes: everything but the id and the version. */
// A type literal, not an interface: it must fit StoredDoc's index signature.
export type JobFields = {
  name: string;
  priority: number;
  type: 'normal' | 'single';
  data: unknown;
  nextRunAt: number | null;
  lockedAt: number | null;
  lastRunAt: number | null;
  lastFinishedAt: number | null;
  failedAt: number | null;
  failCount: number | null;
  failReason: string | null;
  repeatTimezone: string | null;
  repeatInterval: string | number | null;
  repeatAt: string | null;
  disabled: boolean | null;
  progress: number | null;
  debounceStartedAt: number | null;
  lastModifiedBy: string | null;
  fork: boolean | null;
  startDate: number | null;
  endDate: number | null;
  skipDays: number[] | null;
};

export type StoredJob = JobFields & { _id: string; version: number };

function ms(value: Date | string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const time = value instanceof Date ? value.getTime() : new Date(value).getTime();
  return Number.isNaN(time) ? null : time;
}

function date(value: number | null): Date | undefined {
  return value === null ? undefined : new Date(value);
}

/** What a save of `job` writes, with `lastModifiedBy` from the caller's options. */
export function jobFields(job: JobParameters, lastModifiedBy: string | undefined): JobFields {
  return {
    name: job.name,
    priority: job.priority,
    type: job.type,
    data: job.data ?? null,
    nextRunAt: ms(job.nextRunAt),
    lockedAt: ms(job.lockedAt),
    lastRunAt: ms(job.lastRunAt),
    lastFinishedAt: ms(job.lastFinishedAt),
    failedAt: ms(job.failedAt),
    failCount: job.failCount ?? null,
    failReason: job.failReason ?? null,
    repeatTimezone: job.repeatTimezone ?? null,
    repeatInterval: job.repeatInterval ?? null,
    repeatAt: job.repeatAt ?? null,
    disabled: job.disabled ?? null,
    progress: job.progress ?? null,
    debounceStartedAt: ms(job.debounceStartedAt),
    lastModifiedBy: lastModifiedBy ?? null,
    fork: job.fork ?? null,
    startDate: ms(job.startDate),
    endDate: ms(job.endDate),
    skipDays: job.skipDays ?? null,
  };
}

/** The fields `saveJobState` (the job processor) owns; the rest belongs to `saveJob`. */
const STATE_FIELDS = [
  'lockedAt',
  'nextRunAt',
  'lastRunAt',
  'progress',
  'failReason',
  'failCount',
  'failedAt',
  'lastFinishedAt',
  'lastModifiedBy',
] as const satisfies readonly (keyof JobFields)[];

export function jobStateFields(job: JobParameters, lastModifiedBy: string | undefined): Partial<JobFields> {
  const all = jobFields(job, lastModifiedBy);
  return Object.fromEntries(STATE_FIELDS.map((field) => [field, all[field]]));
}

/** A stored job as Agenda reads it: unset fields are undefined, dates are Dates. */
export function toJobParameters(doc: StoredJob): JobParameters {
  return {
    _id: toJobId(doc._id),
    name: doc.name,
    priority: doc.priority,
    nextRunAt: doc.nextRunAt === null ? null : new Date(doc.nextRunAt),
    type: doc.type,
    data: doc.data,
    lockedAt: date(doc.lockedAt),
    lastFinishedAt: date(doc.lastFinishedAt),
    failedAt: date(doc.failedAt),
    failCount: doc.failCount ?? undefined,
    failReason: doc.failReason ?? undefined,
    repeatTimezone: doc.repeatTimezone ?? undefined,
    lastRunAt: date(doc.lastRunAt),
    repeatInterval: doc.repeatInterval ?? undefined,
    repeatAt: doc.repeatAt ?? undefined,
    disabled: doc.disabled ?? undefined,
    progress: doc.progress ?? undefined,
    lastModifiedBy: doc.lastModifiedBy ?? undefined,
    fork: doc.fork ?? undefined,
    debounceStartedAt: date(doc.debounceStartedAt),
    startDate: date(doc.startDate),
    endDate: date(doc.endDate),
    skipDays: doc.skipDays ?? undefined,
  };
}

/**
 * When a job left locked by a process that died runs next. A run that started and never
 * finished runs again at once, as MongoDB's backend does when its lock expires: a one-off
 * job has no next run of its own once started, and releasing only its lock would lose it.
 */
export function nextRunAfterCrash(doc: StoredJob): number | null {
  const started = doc.lastRunAt;
  if (started === null || (doc.lastFinishedAt !== null && doc.lastFinishedAt >= started)) return doc.nextRunAt;
  return Math.min(doc.nextRunAt ?? started, started);
}
