/**
 * Where this tourflow's files are, whether it runs from its TypeScript sources (through tsx:
 * tests, the command-line tools) or from the build `npm start` runs (`dist/`, see
 * ./build-server.ts), and how code is imported by path at run time: plugins and packs' demo
 * modules are TypeScript files under the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The top of the tree this module was loaded from: the project (sources) or the build. */
const TREE = path.resolve(HERE, '../..');
/** Whether this module is the build's compiled copy rather than its TypeScript source. */
export const RUNS_FROM_BUILD = import.meta.url.endsWith('.js');

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The folder holding package.json and node_modules (the build lives inside it). */
export const PROJECT_ROOT = findProjectRoot(TREE);

/** The version of this tourflow (package.json). */
export function tourflowVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The file to import for `file`: its compiled twin in the build when this process runs from
 * the build and the build holds one (so that a plugin shares the engine's modules, one
 * `ChannelError` class for both), else `file` itself.
 * @example moduleFile('/app/plugins/zalo/index.ts') // '/app/dist/plugins/zalo/index.js' under npm start
 */
export function moduleFile(file: string): string {
  if (!RUNS_FROM_BUILD || !file.endsWith('.ts')) return file;
  const relative = path.relative(PROJECT_ROOT, path.resolve(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
  const twin = path.join(TREE, relative.replace(/\.ts$/, '.js'));
  return existsSync(twin) ? twin : file;
}

/**
 * Import the module at `file` (a plugin's index, a pack's demo module). TypeScript the
 * build does not hold (a plugin outside the project, say) is compiled by tsx on the way.
 */
export async function importModule(file: string): Promise<unknown> {
  const chosen = moduleFile(file);
  if (RUNS_FROM_BUILD && chosen.endsWith('.ts')) {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(chosen).href, import.meta.url);
  }
  return import(pathToFileURL(chosen).href);
}
