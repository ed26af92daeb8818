/**
 * Assemble a running tourflow: store, registry (built-ins + plugins), packs, engine,
 * HTTP server. Used by `npm start`, the tests and the benchmarks.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './api/create-app.js';
import type { Config } from './config.js';
import { DefinitionRepository } from './definitions/definition-repository.js';
import { formatIssues, loadPack } from './definitions/load-pack.js';
import { UserError } from './errors.js';
import { loadPlugins } from './plugins/load-plugins.js';
import { Registry } from './plugins/registry.js';
import { registerBuiltins } from './runtime/builtins/index.js';
import { createEngine, type EngineOptions } from './runtime/create-engine.js';
import type { Engine } from './runtime/engine-port.js';
import { createStore } from './store/create-store.js';
import type { Store } from './store/store.js';

export interface Tourflow {
  store: Store;
  engine: Engine;
  registry: Registry;
  close(): Promise<void>;
}

/** Pack folders under `dir`: each subfolder holding a pack.json. */
export function findPacks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'pack.json')))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Open the store, register guards/actions/plugins, install packs and create the engine. */
export async function openTourflow(
  config: Pick<Config, 'dataDir' | 'mongodbUrl' | 'definitionsDir' | 'pluginsDir'> & { packDirs?: string[] },
  engineOptions: Pick<EngineOptions, 'outbox'> = {},
): Promise<Tourflow> {
  const registry = new Registry();
  registerBuiltins(registry);
  await loadPlugins(config.pluginsDir, registry);
  const store = await createStore({ DATA_DIR: config.dataDir, MONGODB_URL: config.mongodbUrl });
  try {
    const definitions = new DefinitionRepository(store);
    for (const dir of config.packDirs ?? findPacks(config.definitionsDir)) {
      const loaded = await loadPack(dir, registry);
      if (!loaded.ok) {
        throw new UserError('invalid-definition', `The pack in ${dir} has problems:\n${formatIssues(loaded.issues)}`, { issues: loaded.issues });
      }
      await definitions.installPack(loaded.pack, 'system:startup');
    }
    const engine = await createEngine({ store, registry, definitions, ...engineOptions });
    return {
      store,
      engine,
      registry,
      async close() {
        await engine.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Start the HTTP server on `config.port`; resolves once it listens. */
export async function startServer(config: Config, tourflow: Tourflow): Promise<{ server: Server; url: string }> {
  const app = createApp(tourflow.engine, existsSync(config.staticDir) ? { staticDir: config.staticDir } : {});
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://localhost:${port}` };
}
