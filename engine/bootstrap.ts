/**
 * Assemble a running tourflow: store, registry (built-ins + plugins), packs, engine,
 * HTTP server. Used by `npm start`, the tests and the benchmarks.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { RecordPolicy, type OwnedRecord } from './api/authorize.js';
import { createApp, type Access } from './api/create-app.js';
import type { Config } from './config.js';
import { demoStaff, seedDemo, type DemoOptions } from './demo-data.js';
import { seeAllRoles } from './definitions/access-keyword.js';
import { DefinitionRepository, type PackInstallResult } from './definitions/definition-repository.js';
import type { AssignmentRule, MessageTemplate, NavigationGroup, RecordViewDecl, Report, Rollup, Dashboard, Tiers, Kpis, WebForm } from './definitions/definition.js';
import { formatIssues, loadPack } from './definitions/load-pack.js';
import { UserError } from './errors.js';
import { loadPlugins } from './plugins/load-plugins.js';
import { Registry } from './plugins/registry.js';
import { createEngine, type EngineOptions } from './runtime/create-engine.js';
import type { Engine } from './runtime/engine-port.js';
import type { RecurringPack } from './scheduler/recurring-jobs.js';
import { Scheduler, type SchedulerOptions } from './scheduler/scheduler.js';
import { BackupService } from './backup/backup-service.js';
import { createStore } from './store/create-store.js';
import type { Store } from './store/store.js';
import { RECORDS } from './collections.js';
import type { BulkSenderOptions, InboxDecl } from './runtime/services/index.js';
import { DEFAULT_TIMEZONE, registerBuiltins } from './runtime/core/index.js';
import { Sessions, UserDirectory, ensureInitialUsers, type DemoStaff, type InitialUsers, type User } from './runtime/access/index.js';

export interface Tourflow {
  store: Store;
  engine: Engine;
  registry: Registry;
  /** Fires timers and runs recurring jobs (absent when opened with `scheduler: false`). */
  scheduler?: Scheduler;
  /** Users, sessions and who sees which records. */
  access: Access;
  /** The users this start created (an empty store), and their password when generated. */
  initialUsers: InitialUsers;
  /** What installing each pack did to each entity (`held`: an admin's version kept over a changed pack file). */
  packInstall: PackInstallResult[];
  /** Run the demo module of every pack that declares one (whether or not the store is empty). */
  seedDemo(options: DemoOptions): Promise<void>;
  /** Backups of the embedded store, when configured. */
  backups?: BackupService;
  close(): Promise<void>;
}

/** The system job of the nightly backup. */
const BACKUP_JOB = 'backup';

/** The backups of the embedded store `config.backups` asks for (none on MongoDB: its own tools). */
function backupServiceOf(store: Store, config: { dataDir: string; timeZone?: string; backups?: Config['backups'] }): BackupService | undefined {
  const { backups } = config;
  if (!backups || store.kind !== 'embedded') return undefined;
  const retention = { daily: backups.keepDaily, weekly: backups.keepWeekly, timeZone: config.timeZone ?? DEFAULT_TIMEZONE };
  return new BackupService(store, { dataDir: config.dataDir, dir: backups.dir, retention, ...(backups.schedule ? { schedule: backups.schedule } : {}) });
}

/** Pack folders under `dir`: each subfolder holding a pack.json. */
export function findPacks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'pack.json')))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/**
 * Open the store, register guards/actions/plugins, install packs and create the engine.
 * With `demoData`, a store holding no records yet is filled by the demo module of each
 * pack that declares one.
 */
export async function openTourflow(
  config: Pick<Config, 'dataDir' | 'mongodbUrl' | 'definitionsDir' | 'pluginsDir' | 'timeZone' | 'schedulerPollMs' | 'adminPassword' | 'sessionHours' | 'publicUrl' | 'formOrigins'> & {
    packDirs?: string[];
    demoData?: DemoOptions | false;
    /** Create the demo staff on an empty directory even without demo data now (`seed:demo` seeds later). */
    demoStaff?: boolean;
    /** Where channels read their settings; process.env by default. */
    channelEnv?: NodeJS.ProcessEnv;
    /** Backups the server takes (embedded store only): docs/operations.md. */
    backups?: Config['backups'];
  },
  engineOptions: Pick<EngineOptions, 'outbox'> & { scheduler?: SchedulerOptions | false; bulk?: BulkSenderOptions } = {},
): Promise<Tourflow> {
  const registry = new Registry();
  registerBuiltins(registry);
  await loadPlugins(config.pluginsDir, registry);
  const store = await createStore({ DATA_DIR: config.dataDir, MONGODB_URL: config.mongodbUrl });
  const { scheduler: schedulerOptions, bulk: bulkOptions, ...runtimeOptions } = engineOptions;
  let scheduler: Scheduler | undefined;
  try {
    const definitions = new DefinitionRepository(store);
    const demoModules: string[] = [];
    const recurring: RecurringPack[] = [];
    const recordViews: Record<string, RecordViewDecl[]> = {};
    const navigation: NavigationGroup[] = [];
    const templates: MessageTemplate[] = [];
    const webForms: WebForm[] = [];
    const reports: Report[] = [];
    const rollups: Rollup[] = [];
    let tiers: Tiers | undefined;
    let kpis: Kpis | undefined;
    const assignmentRules: AssignmentRule[] = [];
    const dashboards: Dashboard[] = [];
    let inbox: InboxDecl | undefined;
    const packInstall: PackInstallResult[] = [];
    for (const dir of config.packDirs ?? findPacks(config.definitionsDir)) {
      const loaded = await loadPack(dir, registry);
      if (!loaded.ok) {
        throw new UserError('invalid-definition', `The pack in ${dir} has problems:\n${formatIssues(loaded.issues)}`, { issues: loaded.issues });
      }
      packInstall.push(...(await definitions.installPack(loaded.pack, 'system:startup')));
      if (loaded.pack.demo) demoModules.push(loaded.pack.demo);
      recurring.push({ pack: loaded.pack.name, jobs: loaded.pack.recurring });
      for (const [entity, views] of Object.entries(loaded.pack.recordViews)) recordViews[entity] = [...(recordViews[entity] ?? []), ...views];
      navigation.push(...loaded.pack.navigation);
      templates.push(...loaded.pack.messageTemplates);
      webForms.push(...loaded.pack.webForms);
      reports.push(...loaded.pack.reports);
      rollups.push(...loaded.pack.rollups);
      tiers ??= loaded.pack.tiers;
      kpis ??= loaded.pack.kpis;
      assignmentRules.push(...loaded.pack.assignmentRules);
      dashboards.push(...loaded.pack.dashboards);
      inbox ??= loaded.pack.inbox;
    }
    const timeZone = config.timeZone;
    if (schedulerOptions !== false) {
      const pollMs = config.schedulerPollMs === undefined ? {} : { processEveryMs: config.schedulerPollMs };
      scheduler = await Scheduler.open({ store, mongodbUrl: config.mongodbUrl }, { ...pollMs, ...(timeZone ? { timeZone } : {}), ...schedulerOptions });
    }
    // The policy reads definitions through the engine, and the engine asks the policy who
    // reaches which record: the engine writes nothing before both exist.
    const reach = (actor: string, record: OwnedRecord) => policy.actorSees(actor, record);
    const scopeOf = (user: { id: string; roles: User['roles']; team?: string }, entity: string) => policy.scope(user, entity);
    const users = new UserDirectory(store);
    const rolesOf = (actor: string) => users.rolesOf(actor);
    const channels = { env: config.channelEnv ?? process.env, templates, ...(inbox ? { inbox } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), ...(bulkOptions ? { bulk: bulkOptions } : {}) };
    const forms = { forms: webForms, origins: config.formOrigins ?? [] };
    const engine = await createEngine({ store, registry, definitions, recordViews, navigation, reach, scopeOf, rolesOf, channels, webForms: forms, assignmentRules, dashboards, reports, rollups, ...(tiers ? { tiers } : {}), ...(kpis ? { kpis } : {}), ...runtimeOptions, ...(scheduler ? { timers: scheduler } : {}), ...(timeZone ? { timeZone } : {}) });
    const policy = new RecordPolicy(users, async (entity) => seeAllRoles((await engine.getDefinition(entity)).schema));
    const seedAll = async (options: DemoOptions) => {
      for (const module of demoModules) await seedDemo(engine, module, options);
    };
    // The demo staff exist before the demo data: their references are checked like anyone's.
    const staff: DemoStaff[] = [];
    if (config.demoData || config.demoStaff) for (const module of demoModules) staff.push(...(await demoStaff(module)));
    const initialUsers = await ensureInitialUsers(users, { ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}), staff });
    // Demo data plays out weeks of work at once: seed before the scheduler starts, so
    // that it then fires only the reminders of the stages the records are left in.
    if (config.demoData && demoModules.length > 0 && (await store.count(RECORDS, {})) === 0) await seedAll(config.demoData);
    const sessions = new Sessions(store, users, config.sessionHours ? { ttlMs: config.sessionHours * 3_600_000 } : {});
    const backups = backupServiceOf(store, config);
    const schedule = backups?.settings.schedule;
    await scheduler?.start(engine, recurring, schedule ? [{ id: BACKUP_JOB, cron: schedule, run: () => backups.runScheduled() }] : []);
    const running = scheduler;
    if (backups && running) backups.scheduledBy(() => running.nextSystemRun(BACKUP_JOB));
    return {
      store,
      engine,
      registry,
      access: { users, sessions, policy },
      initialUsers,
      packInstall,
      seedDemo: seedAll,
      ...(scheduler ? { scheduler } : {}),
      ...(backups ? { backups } : {}),
      async close() {
        await scheduler?.stop();
        await backups?.settled();
        await engine.close();
        await store.close();
      },
    };
  } catch (error) {
    await scheduler?.stop();
    await store.close();
    throw error;
  }
}

/**
 * Start the HTTP server on `config.host`:`config.port`; resolves once it listens.
 * @throws Error with a message for the operator when the port is taken or HOST is not an address of this machine.
 */
export async function startServer(config: Pick<Config, 'port' | 'host' | 'staticDir' | 'trustProxy'>, tourflow: Tourflow): Promise<{ server: Server; url: string }> {
  const app = createApp(tourflow.engine, tourflow.access, {
    ...(existsSync(config.staticDir) ? { staticDir: config.staticDir } : {}),
    ...(tourflow.backups ? { backups: tourflow.backups } : {}),
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host);
    s.once('listening', () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, config)));
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${shownHost}:${port}`;
  // Links in messages point here unless PUBLIC_URL says where people reach the server.
  tourflow.engine.channels?.setPublicUrl(url);
  return { server, url };
}

function listenError(error: NodeJS.ErrnoException, config: Pick<Config, 'port' | 'host'>): Error {
  const where = `${config.host}:${config.port}`;
  if (error.code === 'EADDRINUSE') return new Error(`Port ${config.port} is already in use on ${config.host} (another tourflow, or another server): stop it or set PORT to a free port`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new Error(`Cannot listen on ${where}: HOST is not an address of this machine`);
  if (error.code === 'EACCES') return new Error(`Cannot listen on ${where}: ports below 1024 need privileges; set PORT to 1024 or above`);
  return new Error(`Cannot listen on ${where}: ${error.message}`);
}
