/** The mini-crm deal as a designer draft, and the engine's own validation of a draft. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Draft } from '../../designer/src/model/draft.js';
import { validateEntity } from '../../engine/definitions/validate-entity.js';
import type { Issue } from '../../engine/errors.js';
import { Registry } from '../../engine/plugins/registry.js';
import { registerBuiltins } from '../../engine/runtime/core/builtins/index.js';

const pack = path.resolve(import.meta.dirname, '../fixtures/packs/mini-crm');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(pack, file), 'utf8'));

export function dealDraft(): Draft {
  return { schema: read('deal.schema.json'), machine: read('deal.machine.json') } as Draft;
}

const registry = new Registry();
registerBuiltins(registry);

/** What the engine's validate endpoint would answer for this draft. */
export function engineIssues(draft: Draft): Issue[] {
  return validateEntity({ entity: 'deal', schema: draft.schema, machine: draft.machine }, registry, {
    knownEntities: ['deal', 'inquiry', 'task'],
  });
}
