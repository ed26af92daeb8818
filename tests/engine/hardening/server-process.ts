/**
 * The real server (`engine/main.ts`, as `npm start` runs it) in a child process, for the
 * fault-injection tests: full disk, kill -9 under load, shutdown with a hanging effect.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../engine/main.ts', import.meta.url));
export const SERVER_PASSWORD = 'fault-injection-pw';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
  token(): Promise<string>;
}

/**
 * Start the server on a free port with `env` added to the defaults; resolves once it listens.
 * `main`: a compiled `…/engine/main.js` to run on plain Node instead of the sources.
 */
export async function startServerProcess(env: Record<string, string>, main = MAIN): Promise<ServerProcess> {
  const child = spawn(process.execPath, main.endsWith('.ts') ? ['--import', 'tsx', main] : [main], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', DEMO_DATA: 'off', ADMIN_PASSWORD: SERVER_PASSWORD, STATIC_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${printed}`)), 60_000);
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(printed);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(code)}) before listening:\n${printed}`));
    });
  });
  let token: Promise<string> | undefined;
  return {
    url,
    child,
    output: () => printed,
    exited,
    token() {
      token ??= (async () => {
        const reply = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'admin', password: SERVER_PASSWORD }),
        });
        if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${await reply.text()}`);
        return ((await reply.json()) as { token: string }).token;
      })();
      return token;
    },
  };
}

/** A JSON request as the admin. */
export async function request(server: ServerProcess, method: string, path: string, body?: unknown): Promise<{ status: number; type: string; body: unknown; headers: Headers }> {
  const reply = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await server.token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await reply.text();
  return { status: reply.status, type: reply.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as unknown) : undefined, headers: reply.headers };
}
