/** Configuration from the environment, with the defaults `npm start` needs. */
import path from 'node:path';
import { cronProblems } from './scheduler/cron.js';
import { isTimeZone } from './runtime/core/index.js';

export interface Config {
  port: number;
  /** HOST: the address the server listens on; `localhost` by default (this machine only). */
  host: string;
  dataDir: string;
  mongodbUrl?: string;
  definitionsDir: string;
  pluginsDir: string;
  staticDir: string;
  /** Demo data for an empty store (DEMO_DATA: `off`, `on` or a record count; DEMO_SEED). */
  demoData: { records: number; seed: number } | false;
  /** BUSINESS_TIMEZONE: where calendar dates begin (date reminders, recurring jobs); default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** SCHEDULER_POLL_MS: how often the scheduler looks for due jobs; default 5000. */
  schedulerPollMs?: number;
  /** ADMIN_PASSWORD: the password of the first `admin` (and demo staff); generated when unset. */
  adminPassword?: string;
  /** SESSION_HOURS: how long a sign-in lasts; default 12. */
  sessionHours?: number;
  /** TRUST_PROXY: Express's `trust proxy` (true, a hop count, or addresses) behind a TLS proxy. */
  trustProxy?: boolean | number | string;
  /** FORM_ORIGINS: websites (https://senvang.vn, comma-separated) allowed to embed and post every web form. */
  formOrigins?: string[];
  /** PUBLIC_URL: where people outside reach the server (links in emails, providers' callbacks); the listening address by default. */
  publicUrl?: string;
  /**
   * BACKUP_DIR (default ./backups), BACKUP_KEEP_DAILY (7), BACKUP_KEEP_WEEKLY (4): where backups
   * go and how many are kept; BACKUP_SCHEDULE: when the server backs up by itself (cron in the
   * business time zone, default `0 2 * * *`; `off`: never).
   */
  backups: { dir: string; keepDaily: number; keepWeekly: number; schedule?: string };
}

/** 02:00 every night, business time. */
export const DEFAULT_BACKUP_SCHEDULE = '0 2 * * *';

function readBackupConfig(env: NodeJS.ProcessEnv, cwd: string): Config['backups'] {
  const count = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d{1,4}$/.test(raw)) throw new Error(`${name} must be a whole number of backups to keep, not "${raw}"`);
    return Number(raw);
  };
  const schedule = (env.BACKUP_SCHEDULE ?? DEFAULT_BACKUP_SCHEDULE).trim();
  if (schedule !== 'off') {
    const problems = cronProblems(schedule);
    if (problems.length > 0) throw new Error(`BACKUP_SCHEDULE must be a cron expression such as "0 2 * * *" (02:00 every day) or "off": ${problems.join('; ')}`);
  }
  return {
    dir: path.resolve(cwd, env.BACKUP_DIR ?? 'backups'),
    keepDaily: count('BACKUP_KEEP_DAILY', 7),
    keepWeekly: count('BACKUP_KEEP_WEEKLY', 4),
    ...(schedule === 'off' ? {} : { schedule }),
  };
}

/** Records the demo data aims for when DEMO_DATA is unset or `on`. */
export const DEFAULT_DEMO_RECORDS = 400;

function readDemoData(env: NodeJS.ProcessEnv): Config['demoData'] {
  const raw = (env.DEMO_DATA ?? 'on').trim().toLowerCase();
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  const records = raw === 'on' || raw === 'true' ? DEFAULT_DEMO_RECORDS : Number(raw);
  if (!Number.isInteger(records) || records < 1) throw new Error(`DEMO_DATA must be off, on or a record count, not "${env.DEMO_DATA}"`);
  const seed = Number(env.DEMO_SEED ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`DEMO_SEED must be an integer, not "${env.DEMO_SEED}"`);
  return { records, seed };
}

function readSchedulerConfig(env: NodeJS.ProcessEnv): Pick<Config, 'timeZone' | 'schedulerPollMs'> {
  const out: Pick<Config, 'timeZone' | 'schedulerPollMs'> = {};
  if (env.BUSINESS_TIMEZONE) {
    if (!isTimeZone(env.BUSINESS_TIMEZONE)) throw new Error(`BUSINESS_TIMEZONE must be an IANA time zone such as Asia/Ho_Chi_Minh, not "${env.BUSINESS_TIMEZONE}"`);
    out.timeZone = env.BUSINESS_TIMEZONE;
  }
  if (env.SCHEDULER_POLL_MS) {
    const ms = Number(env.SCHEDULER_POLL_MS);
    if (!Number.isInteger(ms) || ms < 10) throw new Error(`SCHEDULER_POLL_MS must be a whole number of milliseconds (at least 10), not "${env.SCHEDULER_POLL_MS}"`);
    out.schedulerPollMs = ms;
  }
  return out;
}

function readAuthConfig(env: NodeJS.ProcessEnv): Pick<Config, 'adminPassword' | 'sessionHours' | 'trustProxy'> {
  const out: Pick<Config, 'adminPassword' | 'sessionHours' | 'trustProxy'> = {};
  const proxy = env.TRUST_PROXY?.trim();
  if (proxy) out.trustProxy = proxy === 'true' ? true : proxy === 'false' ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy;
  if (env.ADMIN_PASSWORD !== undefined) {
    if (env.ADMIN_PASSWORD.length < 10) throw new Error('ADMIN_PASSWORD must be at least 10 characters');
    out.adminPassword = env.ADMIN_PASSWORD;
  }
  if (env.SESSION_HOURS !== undefined) {
    const hours = Number(env.SESSION_HOURS);
    if (!(hours > 0 && hours <= 24 * 30)) throw new Error(`SESSION_HOURS must be a number of hours between 0 and 720, not "${env.SESSION_HOURS}"`);
    out.sessionHours = hours;
  }
  return out;
}

function readFormOrigins(env: NodeJS.ProcessEnv): Pick<Config, 'formOrigins'> {
  const raw = env.FORM_ORIGINS?.trim();
  if (!raw) return {};
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`FORM_ORIGINS must list origins such as https://senvang.vn (no path), not "${origin}"`);
  }
  return { formOrigins: origins };
}

function readPublicUrl(env: NodeJS.ProcessEnv): Pick<Config, 'publicUrl'> {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be a URL such as https://crm.example.vn, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// or http://, not "${raw}"`);
  return { publicUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const host = (env.HOST ?? 'localhost').trim();
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host)) throw new Error(`HOST must be a host name or an address such as 0.0.0.0, not "${env.HOST}"`);
  return {
    port,
    host,
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    ...(env.MONGODB_URL ? { mongodbUrl: env.MONGODB_URL } : {}),
    definitionsDir: path.resolve(cwd, env.DEFINITIONS_DIR ?? 'definitions'),
    pluginsDir: path.resolve(cwd, env.PLUGINS_DIR ?? 'plugins'),
    staticDir: path.resolve(cwd, env.STATIC_DIR ?? 'designer/dist'),
    demoData: readDemoData(env),
    ...readPublicUrl(env),
    ...readFormOrigins(env),
    ...readAuthConfig(env),
    ...readSchedulerConfig(env),
    backups: readBackupConfig(env, cwd),
  };
}
