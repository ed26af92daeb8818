/**
 * The rooms of engine/runtime keep to their boundaries (eslint.config.js, docs/architecture.md):
 * the core imports no store, HTTP, scheduler, service or I/O module; code outside a room uses
 * its index.ts; and the import rules can follow a `.js` import to its `.ts` file (without
 * that they passed everything: no cycle and no boundary was ever checked).
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The rule ids and messages ESLint reports for `code` as if it were the file at `file`. */
async function lint(file: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  // The probe is not on disk: type-aware rules cannot run on it, the import rules can.
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

const rulesOf = (messages: { rule: string | null }[]) => messages.map((m) => m.rule);

describe('the boundaries of engine/runtime', () => {
  let eslintWorks = false;
  beforeAll(async () => {
    eslintWorks = (await lint('engine/runtime/core/probe.ts', 'export const ok = 1;\n')).length === 0;
  }, 60_000);

  it('lints a clean probe without complaint', () => {
    expect(eslintWorks).toBe(true);
  });

  it('refuses the store, collections, a service and the HTTP layer in the core', async () => {
    const messages = await lint(
      'engine/runtime/core/probe.ts',
      [
        "import type { Store } from '../../store/store.js';",
        "import { RECORDS } from '../../collections.js';",
        "import { RecordService } from '../services/index.js';",
        "import { sendRecord } from '../../api/record-response.js';",
        'export const probe: unknown[] = [RECORDS, RecordService, sendRecord, undefined as Store | undefined];',
        '',
      ].join('\n'),
    );
    const zone = messages.filter((m) => m.rule === 'import-x/no-restricted-paths');
    expect(zone).toHaveLength(4);
    for (const m of zone) expect(m.message).toContain('The core is pure');
  }, 60_000);

  it('refuses I/O modules in the core', async () => {
    const messages = await lint('engine/runtime/core/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n");
    expect(rulesOf(messages)).toEqual(['no-restricted-imports']);
  }, 60_000);

  it("lets the core import the core, and others a room's index but not its files", async () => {
    expect(await lint('engine/runtime/core/probe.ts', "import { planEvent } from './plan-transition.js';\nexport const probe = planEvent;\n")).toEqual([]);
    expect(await lint('engine/api/probe.ts', "import { RecordService } from '../runtime/services/index.js';\nexport const probe = RecordService;\n")).toEqual([]);
    const inside = await lint('engine/api/probe.ts', "import { RecordService } from '../runtime/services/record-service.js';\nexport const probe = RecordService;\n");
    expect(rulesOf(inside)).toEqual(['import-x/no-restricted-paths']);
    expect(inside[0]?.message).toContain('engine/runtime/services/index.ts');
  }, 60_000);

  it('refuses the read side in a service, even as a type', async () => {
    const messages = await lint('engine/runtime/services/probe.ts', "import type { ReportQueries } from '../read/index.js';\nexport type Probe = ReportQueries;\n");
    expect(rulesOf(messages)).toEqual(['import-x/no-restricted-paths']);
    expect(messages[0]?.message).toContain('Services commit');
  }, 60_000);

  it('finds an import cycle through .js specifiers', async () => {
    // Posing as engine/collections.ts, which the services import: importing them back closes a cycle.
    const messages = await lint('engine/collections.ts', "import { RecordService } from './runtime/services/index.js';\nexport const probe = RecordService;\n");
    expect(rulesOf(messages)).toEqual(['import-x/no-cycle']);
  }, 60_000);
});
