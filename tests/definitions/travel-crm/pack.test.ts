/**
 * The travel CRM pack as data: it loads with no issues, covers the entities of the issue,
 * and every machine is a well-formed graph: every stage can be reached from the start,
 * every final stage too, and no open stage is a dead end in a machine that has an end.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePackTypes } from '../../../engine/definitions/gen-types.js';
import { loadPack, type LoadedPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { machineGraph, reachableFrom } from './machine-graph.js';
import { TRAVEL_CRM } from './travel-server.js';

async function loadTravelPack(): Promise<LoadedPack> {
  const registry = new Registry();
  registerBuiltins(registry);
  const result = await loadPack(TRAVEL_CRM, registry);
  expect(result.ok ? [] : result.issues).toEqual([]);
  if (!result.ok) throw new Error('unreachable');
  return result.pack;
}

describe('the travel-crm pack', () => {
  it('loads with no issues and declares every entity of the loop', async () => {
    const pack = await loadTravelPack();
    expect(pack.entities.map((e) => e.entity).sort()).toEqual(
      [
        'account',
        'campaign',
        'care-task',
        'case',
        'comment',
        'contact',
        'contract',
        'conversation',
        'kpi-target',
        'lead',
        'opportunity',
        'order',
        'payment',
        'product',
        'quote',
        'sales-activity',
        'settlement',
        'target',
        'tour',
        'traveller',
      ].sort(),
    );
    expect(pack.demo).toBe(join(TRAVEL_CRM, 'demo', 'generate.ts'));
  });

  it('has committed generated types that match the schemas', async () => {
    const committed = await readFile(join(TRAVEL_CRM, 'types.gen.ts'), 'utf8');
    expect(committed, 'definitions/travel-crm/types.gen.ts is stale: run npm run gen:types').toBe(
      await generatePackTypes(TRAVEL_CRM),
    );
  });

  it('labels every stage, event and field in Vietnamese and English', async () => {
    const pack = await loadTravelPack();
    for (const { entity, schema, machine } of pack.entities) {
      const events = Object.keys(machine.meta?.events ?? {});
      expect(events.length, `${entity} declares events`).toBeGreaterThan(0);
      for (const labels of Object.values(machine.meta?.events ?? {}))
        expect(labels.vi && labels.en).toBeTruthy();
      for (const [field, spec] of Object.entries(schema.properties ?? {}))
        expect(spec['x-labels'], `${entity}.${field}`).toBeDefined();
    }
  });

  describe('every machine, as a graph with guards ignored', () => {
    it('reaches every stage and every final stage from its initial stage', async () => {
      for (const { entity, machine } of (await loadTravelPack()).entities) {
        const graph = machineGraph(machine);
        const reached = reachableFrom(graph, graph.initial);
        expect(
          graph.leaves.filter((s) => !reached.has(s)),
          `${entity}: unreachable stages`,
        ).toEqual([]);
        expect(
          graph.finals.filter((s) => !reached.has(s)),
          `${entity}: unreachable final stages`,
        ).toEqual([]);
      }
    });

    it('can still finish from every stage of a machine that has final stages', async () => {
      for (const { entity, machine } of (await loadTravelPack()).entities) {
        const graph = machineGraph(machine);
        if (graph.finals.length === 0) continue; // accounts, contacts, products live on
        const stuck = graph.leaves.filter(
          (s) => ![...reachableFrom(graph, s)].some((r) => graph.finals.includes(r)),
        );
        expect(stuck, `${entity}: stages from which no final stage can be reached`).toEqual([]);
      }
    });

    it('finds what it is meant to find: an orphan stage and a dead end', () => {
      const graph = machineGraph({
        id: 'm',
        initial: 'a',
        states: { a: { on: { GO: 'b' } }, b: {}, orphan: { on: { END: 'done' } }, done: { type: 'final' } },
      });
      expect([...reachableFrom(graph, 'a')].sort()).toEqual(['a', 'b']);
      expect(graph.finals).toEqual(['done']);
      const nested = machineGraph({
        id: 'n',
        initial: 'p',
        states: { p: { initial: 'x', states: { x: {} }, on: { STOP: 'end' } }, end: { type: 'final' } },
      });
      expect(nested.initial).toBe('p.x');
      expect([...reachableFrom(nested, 'p.x')]).toEqual(['p.x', 'end']);
    });
  });
});

describe('choices keep their labels across records', () => {
  it('copies a choice only into a choice that labels every value it can hold', async () => {
    const pack = await loadTravelPack();
    const schemas = new Map(pack.entities.map((e) => [e.entity, e.schema as { properties: Record<string, { enum?: unknown[]; 'x-enumLabels'?: Record<string, unknown> }> }]));
    const problems: string[] = [];
    for (const { entity, machine } of pack.entities) {
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node !== 'object') return;
        const action = node as { type?: string; params?: { entity?: string; copy?: Record<string, string>; data?: Record<string, unknown> } };
        if ((action.type === 'createRecord' || action.type === 'sendEvent') && action.params?.entity) {
          const target = schemas.get(action.params.entity)?.properties ?? {};
          for (const [theirs, ours] of Object.entries(action.params.copy ?? {})) {
            const from = schemas.get(entity)?.properties[ours.split('.')[0] ?? ''];
            const to = target[theirs];
            if (from?.enum && to && !from.enum.every((v) => String(v) in (to['x-enumLabels'] ?? {})))
              problems.push(`${entity}.${ours} → ${action.params.entity}.${theirs}`);
          }
          for (const [theirs, value] of Object.entries(action.params.data ?? {})) {
            const to = target[theirs];
            // A code ("website-booking") lands only in a choice that labels it.
            const code = typeof value === 'string' && /^[a-z]+(?:[-A-Z][a-z0-9]*)*$/.test(value);
            if (code && to && !(value in (to['x-enumLabels'] ?? {}))) problems.push(`"${value}" → ${action.params.entity}.${theirs}`);
          }
        }
        Object.values(node).forEach(visit);
      };
      visit(machine);
    }
    expect(problems).toEqual([]);
  });
});
