/**
 * Start the real thing for API tests: an embedded store in a fresh directory under
 * tests/.tmp, the built-ins, the mini-crm pack, the engine and the HTTP app on a free
 * port. Unexpected (500) errors are collected instead of printed, so tests can assert
 * there were none.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../../engine/api/create-app.js';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { formatIssues, loadPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/builtins/index.js';
import { createEngine } from '../../../engine/runtime/create-engine.js';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';

const TMP_ROOT = fileURLToPath(new URL('../../.tmp/', import.meta.url));
const MINI_CRM = fileURLToPath(new URL('../../fixtures/packs/mini-crm/', import.meta.url));

export interface TestServer {
  url: string;
  engine: Engine;
  /** Errors the API logged as unexpected (each a 500 to some client). */
  unexpected: Error[];
  close(): Promise<void>;
}

/** `packDir`: the pack to install instead of mini-crm. */
export async function startTestServer(options: { staticDir?: string; packDir?: string } = {}): Promise<TestServer> {
  const { packDir = MINI_CRM, ...appOptions } = options;
  await mkdir(TMP_ROOT, { recursive: true });
  const dir = await mkdtemp(join(TMP_ROOT, 'api-'));
  const registry = new Registry();
  registerBuiltins(registry);
  const store = await openEmbeddedStore({ dir });
  const loaded = await loadPack(packDir, registry);
  if (!loaded.ok) throw new Error(`The pack in ${packDir} does not load:\n${formatIssues(loaded.issues)}`);
  const definitions = new DefinitionRepository(store);
  await definitions.installPack(loaded.pack, 'system:test');
  const engine = await createEngine({ store, registry, definitions, recordViews: loaded.pack.recordViews, outbox: { pollMs: 20, backoffMs: 10 } });

  const unexpected: Error[] = [];
  const server = createApp(engine, { ...appOptions, logError: (error) => unexpected.push(error) }).listen(
    0,
    '127.0.0.1',
  );
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    unexpected,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
