/**
 * The real server for browser tests: `node --import tsx engine/main.ts` in a child
 * process (one PID stops it), on a free port, with a fresh data directory and a
 * definitions directory holding a copy of the mini-crm pack. It serves designer/dist.
 * Its first user is `admin` with a random password (ADMIN_PASSWORD); `api()` calls as
 * admin with a Bearer token, `createUser`/`signIn` make and sign in other users.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const MINI_CRM = path.join(ROOT, 'tests/fixtures/packs/mini-crm');

export type Role = 'admin' | 'manager' | 'marketing' | 'sales' | 'operator' | 'accountant';

export interface E2eServer {
  url: string;
  /** The password of `admin`, the user the server created at its first start. */
  adminPassword: string;
  /** A JSON call to the API as `admin` (signed in once), or with another user's session `token`. */
  api<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
  /**
   * Create user `id` with `roles` unless it exists (then its roles are set to `roles`);
   * resolves with its password: `password`, the one it was created with here, or a new
   * random one.
   */
  createUser(
    id: string,
    roles: Role[],
    options?: { password?: string; name?: string; team?: string },
  ): Promise<string>;
  /** A new session token of `id` (made with `createUser(id, roles)` first). */
  signIn(id: string, roles?: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/** A random password of 24 characters. */
export const randomPassword = (): string => randomBytes(18).toString('base64url');

/** Another pack than mini-crm (a folder of definitions/, e.g. 'travel-crm'), with its demo data off. */
export interface E2eServerOptions {
  pack?: string;
  /** With `pack`, seed this many demo records (default none). */
  demoRecords?: number;
  /** Load the plugins of plugins/ (email, SMS): none by default. */
  plugins?: boolean;
  /** More environment for the server (channels' settings). */
  env?: Record<string, string>;
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tourflow-e2e-'));
  const definitions = path.join(dir, 'definitions');
  const adminPassword = randomPassword();
  const pack = options.pack ? path.join(ROOT, 'definitions', options.pack) : MINI_CRM;
  await cp(pack, path.join(definitions, options.pack ?? 'mini-crm'), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: path.join(dir, 'data'),
      BACKUP_DIR: path.join(dir, 'backups'),
      DEFINITIONS_DIR: definitions,
      PLUGINS_DIR: options.plugins ? path.join(ROOT, 'plugins') : path.join(dir, 'plugins'),
      STATIC_DIR: path.join(ROOT, 'designer/dist'),
      ADMIN_PASSWORD: adminPassword,
      ...(options.pack ? { DEMO_DATA: options.demoRecords ? String(options.demoRecords) : 'off' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const call = async <T>(method: string, route: string, body: unknown, token: string | undefined) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const passwords = new Map<string, string>([['admin', adminPassword]]);
  const login = async (id: string): Promise<string> => {
    const reply = await call<{ token: string }>(
      'POST',
      '/api/auth/login',
      { user: id, password: passwords.get(id) },
      undefined,
    );
    if (reply.status !== 200)
      throw new Error(`${id} could not sign in: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.token;
  };
  let adminToken: Promise<string> | undefined;
  const api = async <T>(method: string, route: string, body?: unknown, token?: string) =>
    call<T>(method, route, body, token ?? (await (adminToken ??= login('admin'))));
  const createUser = async (
    id: string,
    roles: Role[],
    options: { password?: string; name?: string; team?: string } = {},
  ) => {
    const known = passwords.get(id);
    const password = options.password ?? known ?? randomPassword();
    const found = await api<{ roles: Role[] }>('GET', `/api/users/${encodeURIComponent(id)}`);
    const reply =
      found.status === 404
        ? await api('POST', '/api/users', {
            id,
            name: options.name ?? id,
            roles,
            password,
            ...(options.team ? { team: options.team } : {}),
          })
        : await api('PATCH', `/api/users/${encodeURIComponent(id)}`, {
            roles,
            ...(password === known ? {} : { password }),
            ...(options.team ? { team: options.team } : {}),
          });
    if (reply.status >= 300)
      throw new Error(`Could not make user ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
    passwords.set(id, password);
    return password;
  };
  return {
    url,
    adminPassword,
    api,
    createUser,
    async signIn(id: string, roles?: Role[]) {
      if (roles) await createUser(id, roles);
      return login(id);
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
