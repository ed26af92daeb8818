/**
 * Recurring jobs of the packs as Agenda jobs: one repeating ("single") Agenda job per
 * declaration, named `tourflow.recurring:<pack>:<id>`, with Agenda computing each next
 * run from the cron expression in the job's time zone.
 */
import type { Agenda, Job } from 'agenda';
import type { RecurringJobDecl } from '../definitions/definition.js';
import type { RecurringRun, SchedulerPort } from '../runtime/scheduler-port.js';
import { runsAtMostDaily } from './cron.js';
import { resolveDatePlaceholders } from './date-placeholders.js';
import { isoDate, localDate } from '../runtime/core/index.js';

/** The recurring jobs one pack declares. */
export interface RecurringPack {
  pack: string;
  jobs: RecurringJobDecl[];
}

export function recurringJobName(pack: string, id: string): string {
  return `tourflow.recurring:${pack}:${id}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * What a run of `decl` at `now` does: its run name (the local date for a job that runs
 * at most daily, else the local date and minute) and its action with the filter's date
 * placeholders resolved in the job's time zone.
 */
export function recurringRun(pack: string, decl: RecurringJobDecl, now: Date, timeZone: string): RecurringRun {
  const local = localDate(now, timeZone);
  const run = runsAtMostDaily(decl.cron) ? isoDate(local) : `${isoDate(local)}T${pad(local.hour)}:${pad(local.minute)}`;
  const action = decl.do.type === 'createRecord' || decl.do.type === 'recomputeTiers' || decl.do.type === 'sendReportSummary' ? decl.do : { ...decl.do, ...(decl.do.filter ? { filter: resolveDatePlaceholders(decl.do.filter, now, timeZone) } : {}) };
  return { job: `${pack}:${decl.id}`, run, action };
}

export interface RecurringContext {
  agenda: Agenda;
  port: SchedulerPort;
  /** Time zone of a job that names none. */
  timeZone: string;
  now: () => Date;
  define: (name: string, handler: (job: Job) => Promise<void>) => void;
}

/** A job run on a cron expression in a time zone. */
export interface RepeatingJob {
  name: string;
  cron: string;
  timeZone: string;
  data: Record<string, unknown>;
  run: () => Promise<void>;
}

/**
 * Define each job and declare its schedule. A job already stored with the same cron and
 * time zone is left as it is, so that a run missed while no process was up still happens
 * at start-up (once) instead of being pushed to the next occurrence.
 * @returns the Agenda job names defined
 */
export async function declareRepeating(context: Pick<RecurringContext, 'agenda' | 'define'>, jobs: RepeatingJob[]): Promise<string[]> {
  for (const job of jobs) {
    context.define(job.name, job.run);
    const stored = (await context.agenda.queryJobs({ name: job.name })).jobs.find((j) => j.type === 'single');
    if (stored && stored.repeatInterval === job.cron && stored.repeatTimezone === job.timeZone) continue;
    await context.agenda.every(job.cron, job.name, job.data, { timezone: job.timeZone });
  }
  return jobs.map((job) => job.name);
}

/** Define and (re)declare every enabled recurring job of the packs (as `declareRepeating`). */
export async function declareRecurring(context: RecurringContext, packs: RecurringPack[]): Promise<string[]> {
  const jobs = packs.flatMap(({ pack, jobs: decls }) =>
    decls
      .filter((decl) => decl.enabled !== false)
      .map((decl): RepeatingJob => {
        const timeZone = decl.timezone ?? context.timeZone;
        return {
          name: recurringJobName(pack, decl.id),
          cron: decl.cron,
          timeZone,
          data: { pack, id: decl.id },
          run: async () => {
            await context.port.runRecurring(recurringRun(pack, decl, context.now(), timeZone));
          },
        };
      }),
  );
  return declareRepeating(context, jobs);
}
