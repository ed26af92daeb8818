/** `npm start`: the API (and the web app when built) on PORT, data in DATA_DIR. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { openTourflow, startServer } from './bootstrap.js';
import { readConfig } from './config.js';
import { ensureError } from './errors.js';

/** The longest a SIGTERM/SIGINT shutdown may take. */
const SHUTDOWN_LIMIT_MS = 15_000;

/**
 * How far the heap may grow past what a full collection left before the next one: twice.
 * The server's live heap is small beside what requests allocate (45 MB live against about
 * 500 MB/s under load); V8's own factor lets the heap reach four times the live set first.
 * Twice keeps the throughput and cuts the RSS under load by a third (docs/performance.md,
 * section 4). A `--heap-growing-percent` given to node wins.
 */
const HEAP_GROWING_PERCENT = 100;

async function main(): Promise<void> {
  if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const config = readConfig();
  const tourflow = await openTourflow(config);
  const { server, url } = await startServer(config, tourflow);
  const where = config.mongodbUrl ? 'MongoDB' : `embedded store in ${config.dataDir}`;
  console.log(`tourflow listening on ${url} (${where})`);
  for (const held of tourflow.packInstall.filter((r) => r.outcome === 'held')) {
    console.warn(
      `The pack file of "${held.entity}" changed, but version ${held.version} saved by ${held.savedBy ?? 'an admin'} is kept; merge the pack's change in the designer (docs/pack-format.md)`,
    );
  }
  const { created, generatedPassword } = tourflow.initialUsers;
  if (created.length > 0 && generatedPassword) {
    // Shown once, on the start that created the users; kept beside the data for whoever missed it.
    const note = path.join(config.dataDir, 'initial-password.txt');
    if (!config.mongodbUrl) writeFileSync(note, `${created.join('\n')}\n\npassword: ${generatedPassword}\n`, { mode: 0o600 });
    const staff = created.length > 1 ? ` (or one of the demo staff: ${created.slice(1).join(', ')})` : '';
    console.log(`Sign in as admin${staff} with the password ${generatedPassword}`);
    if (!config.mongodbUrl) console.log(`(also in ${note}; delete it once you have changed the passwords)`);
  } else if (created.length > 0) {
    console.log(`Created users ${created.join(', ')} with the password in ADMIN_PASSWORD`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    // Effects under way get a few seconds (their entries stay leased and run again after a
    // restart); whatever else hangs, the process still ends.
    setTimeout(() => {
      console.error(`${signal}: shutdown took longer than ${SHUTDOWN_LIMIT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    tourflow.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(ensureError(error).message);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`tourflow could not start: ${ensureError(error).message}`);
  process.exit(1);
});
