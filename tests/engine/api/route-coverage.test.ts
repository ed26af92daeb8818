/**
 * The served routes and the OpenAPI document agree: every route the app serves is in the
 * document, and every documented operation is served. Express's router is read as it is
 * (every `app.use` and `router.<method>`), so a route added without its documentation, or
 * documentation left behind by a removed route, fails here.
 */
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../engine/api/create-app.js';
import { client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every `METHOD path` the app serves, with Express's `:param` written `{param}`. */
export function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          // `router.all` (providers' callbacks) answers every method: written ALL.
          const methods = Object.keys(layer.route.methods).map((m) => (m === '_all' ? 'all' : m));
          for (const method of methods.filter((m) => m === 'all' || METHODS.includes(m))) {
            found.push(`${method.toUpperCase()} ${(prefix + path).replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) {
        const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(found)].sort();
}

/** Whether a served pattern (`{x}` any one segment) names the documented path. */
function matches(served: string, documented: string): boolean {
  const [sm, sp] = served.split(' ');
  const [dm, dp] = documented.split(' ');
  if (sm !== dm && sm !== 'ALL') return false;
  const s = sp.split('/');
  const d = dp.split('/');
  return s.length === d.length && s.every((seg, i) => seg === d[i] || (/^\{\w+\}$/.test(seg) && d[i] !== '') || (/^\{\w+\}$/.test(d[i]) && /^\{\w+\}$/.test(seg)));
}

let server: TestServer;
let documented: string[];
let served: string[];

beforeAll(async () => {
  server = await startTestServer();
  const doc = (await client(server.url).get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json')).body;
  documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
  served = servedRoutes(createApp(server.engine, server.access, { backups: server.backups }));
});
afterAll(() => server.close());

describe('the OpenAPI document and the routes', () => {
  it('reads the routes off the app', () => {
    expect(served).toContain('POST /api/records/{entity}/{id}/events');
    expect(served).toContain('ALL /api/channels/{channel}/{route}');
    expect(served).toContain('POST /api/auth/login');
    expect(served.length).toBeGreaterThan(50);
  });

  it('documents every route the app serves', () => {
    const undocumented = served.filter((route) => !documented.some((doc) => matches(route, doc)));
    expect(undocumented).toEqual([]);
  });

  it('serves every documented operation', () => {
    const unserved = documented.filter((doc) => !served.some((route) => matches(route, doc)));
    expect(unserved).toEqual([]);
  });
});
