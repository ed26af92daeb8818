import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlugins } from '../../../engine/plugins/load-plugins.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { openTestEngine, type TestEngine } from '../runtime/open-test-engine.js';

const pluginsDir = path.resolve(import.meta.dirname, '../../../plugins');
const l = (en: string) => ({ en, vi: `${en} (vi)` });
let t: TestEngine | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('plugins', () => {
  it('registers the guards and actions of every plugin folder', async () => {
    const registry = new Registry();
    expect(await loadPlugins(pluginsDir, registry)).toContain('vn-phone');
    expect(registry.listGuards().find((g) => g.name === 'vnPhoneValid')).toMatchObject({ source: 'vn-phone' });
    expect(registry.listActions().find((a) => a.name === 'vnPhoneNormalize')).toMatchObject({ source: 'vn-phone', kind: 'data' });
  });

  it('refuses a name registered twice, naming it and who had it', async () => {
    const registry = new Registry();
    registerBuiltins(registry);
    await loadPlugins(pluginsDir, registry);
    expect(() => registry.registerGuard('vnPhoneValid', { description: '', paramsSchema: {}, evaluate: () => ({ ok: true }) })).toThrow(
      'Guard "vnPhoneValid" is already registered (by vn-phone)',
    );
    expect(() => registry.registerPlugin({ name: 'vn-phone', version: 2 })).toThrow('Plugin "vn-phone" is already registered');
  });

  it('refuses a folder whose default export is not a plugin', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-plugins-'));
    mkdirSync(path.join(dir, 'broken'));
    writeFileSync(path.join(dir, 'broken', 'index.js'), 'export default { hello: 1 };\n');
    try {
      await expect(loadPlugins(dir, new Registry())).rejects.toThrow('does not export a plugin');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs a plugin's guard and data action inside a record's transition", async () => {
    const registry = new Registry();
    registerBuiltins(registry);
    await loadPlugins(pluginsDir, registry);
    t = await openTestEngine({ registry });
    const schema = {
      type: 'object',
      'x-labels': l('Caller'),
      additionalProperties: false,
      properties: { phone: { type: 'string', 'x-labels': l('Phone') } },
    } as const;
    const check = [{ type: 'vnPhoneNormalize', params: { field: 'phone' } }];
    await t.engine.saveDefinition(
      'caller',
      {
        schema: schema,
        machine: {
          id: 'caller',
          initial: 'new',
          meta: { events: { VERIFY: l('Verify') } },
          states: {
            new: {
              meta: { labels: l('New') },
              on: { VERIFY: { target: 'verified', guard: { type: 'vnPhoneValid', params: { field: 'phone' } }, actions: check } },
            },
            verified: { type: 'final', meta: { labels: l('Verified') } },
          },
        },
      },
      'user:admin',
    );
    const bad = await t.engine.create('caller', { data: { phone: '12345' } }, 'user:an');
    expect(bad.allowedEvents).toEqual([
      expect.objectContaining({ type: 'VERIFY', enabled: false, reasons: [{ en: 'phone is not a Vietnamese phone number', vi: 'phone không phải số điện thoại Việt Nam' }] }),
    ]);
    await expect(t.engine.send('caller', bad.id, { type: 'VERIFY' }, 'user:an')).rejects.toMatchObject({ code: 'guard-refused' });
    const good = await t.engine.create('caller', { data: { phone: '091 234 5678' } }, 'user:an');
    const verified = await t.engine.send('caller', good.id, { type: 'VERIFY' }, 'user:an');
    expect(verified).toMatchObject({ state: 'verified', data: { phone: '+84912345678' } });
  });
});
