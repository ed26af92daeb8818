/**
 * Open tourflow with the travel pack and the scheduler on a fresh embedded store (argv[2]),
 * then print, as JSON, the packages of every CommonJS module the process has loaded: what
 * create-store.test.ts checks a backend not in use does not bring in.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { openTourflow } from '../../../engine/bootstrap.js';

const root = path.resolve(import.meta.dirname, '../../..');
const tourflow = await openTourflow({
  dataDir: process.argv[2],
  definitionsDir: path.join(root, 'definitions'),
  pluginsDir: path.join(root, 'plugins'),
  demoData: false,
  adminPassword: 'a long enough password for the test',
});
await tourflow.close();
const packages = Object.keys(createRequire(import.meta.url).cache).map((file) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1]);
console.log(JSON.stringify([...new Set(packages.filter((name) => name !== undefined))].sort()));
