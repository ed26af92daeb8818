/**
 * `npm run seed:demo -- --records N [--seed S]`: add N demo records (about) to DATA_DIR
 * (or MONGODB_URL) with the demo module of every pack that declares one, and report how
 * long it took. For benchmarks and for trying the product with a realistic volume.
 */
import { parseArgs } from 'node:util';
import { openTourflow } from './bootstrap.js';
import { readConfig } from './config.js';
import { ensureError } from './errors.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { records: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } },
  });
  const records = Number(values.records);
  const seed = Number(values.seed);
  if (!Number.isInteger(records) || records < 1)
    throw new Error(`--records must be a positive integer, not "${values.records}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not "${values.seed}"`);
  const config = readConfig();
  // The seeder drives the outbox itself; no background worker competes with it.
  // The demo staff send the demo's events: on an empty directory they are created first.
  const tourflow = await openTourflow({ ...config, demoData: false, demoStaff: true }, { outbox: { autoStart: false } });
  const { generatedPassword, created } = tourflow.initialUsers;
  if (generatedPassword) console.log(`Created users ${created.join(', ')}: sign in as admin with the password ${generatedPassword}`);
  try {
    const before = await tourflow.store.count('records', {});
    const started = performance.now();
    await tourflow.seedDemo({ records, seed });
    const seconds = (performance.now() - started) / 1000;
    const made = (await tourflow.store.count('records', {})) - before;
    const where = config.mongodbUrl ? 'MongoDB' : config.dataDir;
    console.log(
      `seeded ${made} records into ${where} in ${seconds.toFixed(1)} s (${Math.round(made / seconds)} records/s, seed ${seed})`,
    );
  } finally {
    await tourflow.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed:demo failed: ${ensureError(error).message}`);
  process.exit(1);
});
