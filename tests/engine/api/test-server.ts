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
import { randomBytes } from 'node:crypto';
import { RecordPolicy, type OwnedRecord } from '../../../engine/api/authorize.js';
import { createApp, type Access } from '../../../engine/api/create-app.js';
import { BackupService } from '../../../engine/backup/backup-service.js';
import { seeAllRoles } from '../../../engine/definitions/access-keyword.js';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { formatIssues, loadPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { createEngine } from '../../../engine/runtime/create-engine.js';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import { Sessions } from '../../../engine/runtime/access/sessions.js';
import { UserDirectory, type Role } from '../../../engine/runtime/access/users.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';
import { registerTokenSource } from './test-client.js';

const TMP_ROOT = fileURLToPath(new URL('../../.tmp/', import.meta.url));
const MINI_CRM = fileURLToPath(new URL('../../fixtures/packs/mini-crm/', import.meta.url));

export interface TestServer {
  url: string;
  engine: Engine;
  access: Access;
  /** Backups of this server's store, as an admin starts them from the app. */
  backups: BackupService;
  /** Create a user with these roles (and a random password), for calls made as them. */
  addUser(id: string, roles: Role[], team?: string): Promise<void>;
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
  // As bootstrap.ts: the engine asks the policy who reaches which record, once both exist.
  const reach = (actor: string, record: OwnedRecord) => access.policy.actorSees(actor, record);
  const rolesOf = (actor: string) => access.users.rolesOf(actor);
  const engine = await createEngine({ store, registry, definitions, recordViews: loaded.pack.recordViews, navigation: loaded.pack.navigation, reach, rolesOf, outbox: { pollMs: 20, backoffMs: 10 } });
  const access = testAccess(store, engine);
  const unexpected: Error[] = [];
  const backups = new BackupService(store, { dataDir: dir, dir: join(dir, 'backups'), retention: { daily: 7, weekly: 4, timeZone: 'Asia/Ho_Chi_Minh' } }, () => undefined);
  const server = createApp(engine, access, { ...appOptions, backups, logError: (error) => unexpected.push(error) }).listen(
    0,
    '127.0.0.1',
  );
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const url = `http://127.0.0.1:${port}`;
  const tokens = testTokens(access);
  const unregister = registerTokenSource(url, tokens.tokenFor);
  return {
    url,
    engine,
    access,
    backups,
    addUser: tokens.addUser,
    unexpected,
    async close() {
      unregister();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backups.settled();
      await engine.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Users, sessions and the record policy over a test store, as bootstrap.ts wires them. */
export function testAccess(store: Store, engine: Engine): Access {
  const users = new UserDirectory(store);
  const sessions = new Sessions(store, users);
  const policy = new RecordPolicy(users, async (entity) => seeAllRoles((await engine.getDefinition(entity)).schema));
  return { users, sessions, policy };
}

/**
 * Session tokens for the users tests act as: a user unknown so far is created as an
 * admin (tests of roles create theirs first with `addUser`), then signed in once.
 */
export function testTokens(access: Access) {
  const password = randomBytes(12).toString('base64url');
  const tokens = new Map<string, Promise<string>>();
  const addUser = async (id: string, roles: Role[], team?: string) => {
    await access.users.create({ id, name: id, roles, password, ...(team ? { team } : {}) });
  };
  const tokenFor = (actor: string): Promise<string> => {
    let token = tokens.get(actor);
    if (!token) {
      token = (async () => {
        if (!(await access.users.find(actor))) await addUser(actor, ['admin']);
        return (await access.sessions.signIn(actor, password)).token;
      })();
      tokens.set(actor, token);
    }
    return token;
  };
  return { addUser, tokenFor };
}
