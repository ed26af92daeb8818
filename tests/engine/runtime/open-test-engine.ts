/** A real engine on the embedded store in a fresh temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { loadPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { createEngine } from '../../../engine/runtime/create-engine.js';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import type { OutboxWorkerOptions } from '../../../engine/runtime/services/outbox-worker.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';

export const miniCrmDir = path.resolve(import.meta.dirname, '../../fixtures/packs/mini-crm');

export interface TestEngine {
  engine: Engine;
  store: Store;
  registry: Registry;
  close(): Promise<void>;
}

export async function openTestEngine(
  options: { registry?: Registry; outbox?: OutboxWorkerOptions } = {},
): Promise<TestEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-engine-'));
  const registry = options.registry ?? new Registry();
  if (!options.registry) registerBuiltins(registry);
  const store = await openEmbeddedStore({ dir });
  const definitions = new DefinitionRepository(store);
  const loaded = await loadPack(miniCrmDir, registry);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  await definitions.installPack(loaded.pack, 'system:test');
  // The worker is driven by hand (drainOutbox) so that tests decide when effects run.
  const engine = await createEngine({ store, registry, definitions, outbox: { autoStart: false, ...options.outbox } });
  return {
    engine,
    store,
    registry,
    async close() {
      await engine.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
