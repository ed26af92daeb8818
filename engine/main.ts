/** `npm start`: the API (and the web app when built) on PORT, data in DATA_DIR. */
import { openTourflow, startServer } from './bootstrap.js';
import { readConfig } from './config.js';
import { ensureError } from './errors.js';

async function main(): Promise<void> {
  const config = readConfig();
  const tourflow = await openTourflow(config);
  const { server, url } = await startServer(config, tourflow);
  const where = config.mongodbUrl ? 'MongoDB' : `embedded store in ${config.dataDir}`;
  console.log(`tourflow listening on ${url} (${where})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
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
