/**
 * Find and register plugins at start: every folder of the plugins directory with an
 * `index.ts` (or `index.js`) whose default export satisfies `Plugin`. Loaded by path at
 * run time, so the engine never imports a plugin's code statically.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { importModule } from '../build/project-files.js';
import { UserError } from '../errors.js';
import type { Plugin } from './contract.js';
import type { Registry } from './registry.js';

function isPlugin(value: unknown): value is Plugin {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<Plugin>;
  return typeof candidate.name === 'string' && typeof candidate.version === 'number';
}

/**
 * Register every plugin found under `dir`; returns their names.
 * @example
 * await loadPlugins(path.resolve('plugins'), registry); // ['vn-phone']
 */
export async function loadPlugins(dir: string, registry: Registry): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = ['index.ts', 'index.js'].map((f) => path.join(dir, entry.name, f)).find((f) => existsSync(f));
    if (!file) continue;
    const mod = (await importModule(file)) as { default?: unknown };
    if (!isPlugin(mod.default)) {
      throw new UserError('invalid-definition', `${file} does not export a plugin (an object with a name and a version) as default`);
    }
    registry.registerPlugin(mod.default);
    names.push(mod.default.name);
  }
  return names;
}
