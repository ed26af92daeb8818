/**
 * `npm run build:server` (run by `npm start` first): compile the server's TypeScript (the
 * engine, the plugins and the packs' modules) to JavaScript in `dist/`, one file per source
 * at the same path, so that the server runs on plain Node. Run through tsx instead, the
 * server keeps a loader and every module's source and map in memory (46 MB on an empty
 * server, docs/performance.md section 4). Types are checked by `npm run typecheck`, not here.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from './project-files.js';

/** The folders whose modules the server loads, statically or by path. */
export const SERVER_SOURCES = ['engine', 'plugins', 'definitions'];
export const BUILD_DIR = 'dist';

const isModule = (file: string) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts');

/**
 * Compile every server module under `root` into `outDir` (emptied first); returns how many.
 * @example await buildServer(); // dist/engine/main.js, dist/plugins/zalo/index.js, …
 */
export async function buildServer(root = PROJECT_ROOT, outDir = path.join(root, BUILD_DIR)): Promise<number> {
  const files = SERVER_SOURCES.flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.join(root, dir, file)),
  );
  const entryPoints = files.filter(isModule);
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: outDir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // `import … with { type: 'json' }` is kept as written; Node needs the attribute.
    supported: { 'import-attributes': true },
    logLevel: 'warning',
  });
  // JSON the engine's modules import (the pack format's schema) beside them.
  for (const file of files.filter((f) => f.endsWith('.json') && f.startsWith(path.join(root, 'engine')))) {
    cpSync(file, path.join(outDir, path.relative(root, file)));
  }
  return entryPoints.length;
}
