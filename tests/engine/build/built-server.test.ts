/**
 * `npm start` runs the server compiled into dist/ (engine/build/build-server.ts) on plain
 * Node. The build holds every module the server loads, plugins and demo modules included,
 * and a module imported by path is taken from the build, so that a plugin shares the
 * engine's modules instead of a second copy compiled on the way.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../engine/build/build-server.js';
import { PROJECT_ROOT } from '../../../engine/build/project-files.js';
import { request, startServerProcess, type ServerProcess } from '../hardening/server-process.js';

const OUT = path.join(PROJECT_ROOT, 'tests/.tmp', `build-${process.pid}`);
const PLUGINS = ['email', 'messenger', 'sms-esms', 'vn-phone', 'zalo'];
const DEMO = path.join(PROJECT_ROOT, 'definitions/travel-crm/demo/generate.ts');

interface BuiltFiles {
  RUNS_FROM_BUILD: boolean;
  moduleFile(file: string): string;
  tourflowVersion(): string;
}

describe('the server built for npm start', () => {
  let built: BuiltFiles;
  let server: ServerProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    expect(await buildServer(PROJECT_ROOT, OUT)).toBeGreaterThan(100);
    built = (await import(path.join(OUT, 'engine/build/project-files.js'))) as BuiltFiles;
    dataDir = path.join(OUT, 'data');
  }, 60_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(OUT, { recursive: true, force: true });
  });

  it('compiles every server module, with the JSON they import, at the same path', () => {
    for (const file of ['engine/main.js', 'engine/definitions/pack-format.schema.json', 'definitions/travel-crm/demo/generate.js', ...PLUGINS.map((p) => `plugins/${p}/index.js`)]) {
      expect(existsSync(path.join(OUT, file)), file).toBe(true);
    }
    expect(existsSync(path.join(OUT, 'engine/build/build-server.test.js'))).toBe(false);
  });

  it('imports plugins and demo modules from the build, and anything else as it is', () => {
    expect(built.RUNS_FROM_BUILD).toBe(true);
    for (const plugin of PLUGINS) {
      expect(built.moduleFile(path.join(PROJECT_ROOT, 'plugins', plugin, 'index.ts'))).toBe(path.join(OUT, 'plugins', plugin, 'index.js'));
    }
    expect(built.moduleFile(DEMO)).toBe(path.join(OUT, 'definitions/travel-crm/demo/generate.js'));
    // TypeScript the build does not hold (outside the project) is left to tsx.
    expect(built.moduleFile('/elsewhere/plugins/mine/index.ts')).toBe('/elsewhere/plugins/mine/index.ts');
    expect(built.tourflowVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('starts on plain Node with the travel pack, its plugins and its demo data', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, DEMO_DATA: '20' }, path.join(OUT, 'engine/main.js'));
    const channels = await request(server, 'GET', '/api/channels');
    expect(channels.status).toBe(200);
    const names = (channels.body as { items: { name: string }[] }).items.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['email', 'sms', 'zalo', 'messenger']));
    // The demo module ran from the build: its first records are the catalogue's tours.
    const tours = await request(server, 'GET', '/api/records/tour?limit=1');
    expect(tours.status).toBe(200);
    expect((tours.body as { total: number }).total).toBeGreaterThan(0);
  }, 120_000);
});
