/**
 * Build the designer once before the browser tests (the server serves designer/dist).
 * Nothing to build when the tests will skip for want of Chromium.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { hasChromium } from './browser.js';
import { ROOT } from './e2e-server.js';

export default function setup(): void {
  if (!hasChromium) return;
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      // The artifact `npm run build:web` ships: vitest sets NODE_ENV=test, with which Vite
      // would bundle React's development build (StrictMode running every effect twice).
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}
