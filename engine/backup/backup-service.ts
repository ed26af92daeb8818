/**
 * Backups taken by the server itself (docs/operations.md): on its schedule (a recurring
 * job, `BACKUP_SCHEDULE`, nightly at 02:00 business time by default) or when an admin asks,
 * one at a time, each followed by the retention. Admins see the schedule, the run under way
 * and its step, the last result (a failure included) and the backups kept.
 *
 * The copy is the running store's own (`Store.snapshot`): one consistent snapshot while
 * the server keeps writing.
 */
import { basename } from 'node:path';
import type { FromSchema } from 'json-schema-to-ts';
import { ensureError, UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import { createBackup, listBackups, pruneBackups, type Retention } from './backup.js';

export interface BackupSettings {
  dataDir: string;
  dir: string;
  retention: Retention;
  /** Cron expression of the nightly backup in `retention.timeZone`; undefined: no schedule. */
  schedule?: string;
}

const BACKUP_RUN = {
  type: 'object',
  additionalProperties: false,
  required: ['startedAt', 'by', 'step'],
  properties: { startedAt: { type: 'string', format: 'date-time' }, by: { type: 'string' }, step: { enum: ['copying', 'checking', 'compressing', 'done'] } },
} as const;

const BACKUP_OUTCOME = {
  type: 'object',
  additionalProperties: false,
  required: ['ok', 'at', 'by', 'seconds'],
  properties: {
    ok: { type: 'boolean' },
    at: { type: 'string', format: 'date-time' },
    by: { type: 'string' },
    file: { type: 'string', description: 'the file written (its name), when it succeeded' },
    bytes: { type: 'integer' },
    seconds: { type: 'number' },
    records: { type: 'integer' },
    error: { type: 'string' },
  },
} as const;

/** What admins see of backups: the one declaration of its shape (the API documents it with this schema). */
export const BACKUP_STATUS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['dir', 'retention', 'backups'],
  properties: {
    dir: { type: 'string', description: 'The folder backups are written to, on the server' },
    schedule: { type: 'object', additionalProperties: false, required: ['cron', 'timeZone', 'nextRunAt'], properties: { cron: { type: 'string' }, timeZone: { type: 'string' }, nextRunAt: { type: ['string', 'null'], format: 'date-time' } } },
    retention: { type: 'object', additionalProperties: false, required: ['daily', 'weekly'], properties: { daily: { type: 'integer' }, weekly: { type: 'integer' } } },
    running: BACKUP_RUN,
    last: BACKUP_OUTCOME,
    backups: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['name', 'takenAt', 'bytes'], properties: { name: { type: 'string' }, takenAt: { type: 'string', format: 'date-time' }, bytes: { type: 'integer' } } } },
  },
} as const;

export type BackupRun = FromSchema<typeof BACKUP_RUN>;
export type BackupOutcome = FromSchema<typeof BACKUP_OUTCOME>;
export type BackupStatus = FromSchema<typeof BACKUP_STATUS_SCHEMA>;

/** The scheduler's part: when the recurring backup runs next. */
export type NextRun = () => Promise<Date | null>;

export class BackupService {
  #running: (BackupRun & { done: Promise<BackupOutcome> }) | undefined;
  #last: BackupOutcome | undefined;
  #nextRun: NextRun | undefined;

  constructor(
    private readonly store: Store,
    readonly settings: BackupSettings,
    private readonly log: (message: string) => void = (message) => console.log(`[backup] ${message}`),
  ) {}

  /** Whether this store can be backed up by the server (the embedded store). */
  get available(): boolean {
    return typeof this.store.snapshot === 'function';
  }

  /** Tell the service when its schedule runs next (the scheduler owns the schedule). */
  scheduledBy(nextRun: NextRun): void {
    this.#nextRun = nextRun;
  }

  async status(): Promise<BackupStatus> {
    const { dir, retention, schedule } = this.settings;
    const backups = listBackups(dir).map((b) => ({ name: basename(b.file), takenAt: b.takenAt.toISOString(), bytes: b.bytes }));
    const next = schedule && this.#nextRun ? await this.#nextRun() : null;
    const running = this.#running && { startedAt: this.#running.startedAt, by: this.#running.by, step: this.#running.step };
    return {
      dir,
      ...(schedule ? { schedule: { cron: schedule, timeZone: retention.timeZone, nextRunAt: next?.toISOString() ?? null } } : {}),
      retention: { daily: retention.daily, weekly: retention.weekly },
      ...(running ? { running } : {}),
      ...(this.#last ? { last: this.#last } : {}),
      backups,
    };
  }

  /**
   * Start a backup now unless one is running; resolves once it has started, with what
   * `done` will tell. `by` is who asked (a user, or `system:schedule`).
   * @throws UserError `already-running` when one is under way.
   */
  start(by: string): { done: Promise<BackupOutcome> } {
    if (!this.available) throw new UserError('not-found', 'This server keeps its data in MongoDB: back it up with mongodump or your provider’s backups (docs/operations.md)');
    if (this.#running) throw new UserError('already-running', `A backup started by ${this.#running.by} at ${this.#running.startedAt} is under way`);
    const started = Date.now();
    const run: BackupRun = { startedAt: new Date(started).toISOString(), by, step: 'copying' };
    const done = this.#run(run, started).finally(() => {
      this.#running = undefined;
    });
    this.#running = { ...run, done };
    return { done };
  }

  /** The scheduled run: one backup, or none when one is already under way. */
  async runScheduled(): Promise<void> {
    if (this.#running) return;
    const outcome = await this.start('system:schedule').done;
    if (!outcome.ok) throw new Error(outcome.error);
  }

  /** Wait for the backup under way, if any (shutdown). */
  async settled(): Promise<void> {
    await this.#running?.done;
  }

  #snapshot(target: string): Promise<void> {
    if (!this.store.snapshot) return Promise.reject(new Error('This store cannot be copied while it runs'));
    return this.store.snapshot(target);
  }

  async #run(run: BackupRun, started: number): Promise<BackupOutcome> {
    const { dataDir, dir, retention } = this.settings;
    const seconds = () => (Date.now() - started) / 1000;
    let outcome: BackupOutcome;
    try {
      const result = await createBackup({
        dataDir,
        backupsDir: dir,
        copy: (target) => this.#snapshot(target),
        onProgress: (step) => {
          if (this.#running) this.#running.step = step;
        },
      });
      const records = Object.values(result.manifest.records).reduce((a, b) => a + b, 0);
      outcome = { ok: true, at: new Date().toISOString(), by: run.by, file: basename(result.file), bytes: result.bytes, seconds: seconds(), records };
      for (const old of pruneBackups(dir, retention)) this.log(`deleted ${basename(old)} (retention)`);
      this.log(`wrote ${outcome.file} (${records} records, ${seconds().toFixed(1)} s)`);
    } catch (error) {
      outcome = { ok: false, at: new Date().toISOString(), by: run.by, seconds: seconds(), error: ensureError(error).message };
      this.log(`failed: ${outcome.error}`);
    }
    this.#last = outcome;
    return outcome;
  }
}
