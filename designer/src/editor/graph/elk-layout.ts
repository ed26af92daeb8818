/**
 * First layout of a pipeline with elkjs (layered, left to right; sub-stages laid out
 * inside their stage). elkjs is large, so it is loaded only when a layout is needed.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Draft } from '../../model/draft.js';
import { listStages } from '../../model/stages.js';
import { listTransitions } from '../../model/transitions.js';
import { GROUP_HEADER, GROUP_PAD, NODE_HEIGHT, NODE_WIDTH, type Positions } from './geometry.js';

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Positions of every stage (a sub-stage's relative to its parent). */
/**
 * Above this many stages a first layout does not wait for elk, whose first run in a page
 * costs about half a second (its code warming up): a flat pipeline is laid out in layers
 * by distance from the start stage at once, and "Tidy layout" runs elk when asked.
 */
const LARGE = 40;

/** Layers by distance from the start stage (breadth first); stages never reached come last. */
export function layeredLayout(draft: Draft): Positions | undefined {
  const stages = listStages(draft);
  if (stages.some((s) => s.compound)) return undefined;
  const next = new Map<string, string[]>();
  for (const t of listTransitions(draft)) {
    if (t.source === '' || t.target === undefined) continue;
    next.set(t.source, [...(next.get(t.source) ?? []), t.target]);
  }
  const layer = new Map<string, number>([[draft.machine.initial, 0]]);
  const queue = [draft.machine.initial];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i];
    for (const to of next.get(from) ?? []) {
      if (layer.has(to)) continue;
      layer.set(to, (layer.get(from) ?? 0) + 1);
      queue.push(to);
    }
  }
  const last = Math.max(0, ...layer.values()) + 1;
  const rows = new Map<number, number>();
  const out: Positions = {};
  for (const s of stages) {
    const column = layer.get(s.path) ?? last;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    out[s.path] = { x: column * (NODE_WIDTH + 110), y: row * (NODE_HEIGHT + 48) };
  }
  return out;
}

/** The first layout of a pipeline: quick layers for a large flat one, elk otherwise. */
export async function firstLayout(draft: Draft): Promise<Positions> {
  return (listStages(draft).length > LARGE ? layeredLayout(draft) : undefined) ?? elkLayout(draft);
}

export async function elkLayout(draft: Draft): Promise<Positions> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const stages = listStages(draft);
  // A large pipeline trades a little polish for speed (100 stages: ~250 → ~70 ms once warm).
  const quick: Record<string, string> = stages.length > LARGE ? { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS' } : {};
  const nodes = new Map<string, ElkNode>();
  // Spacing is set on every level: a stage with sub-stages does not inherit the root's.
  const spacing = {
    'elk.spacing.nodeNode': '48',
    'elk.layered.spacing.nodeNodeBetweenLayers': '110',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    ...quick,
  };
  const root: ElkNode = {
    id: '(root)',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      ...spacing,
    },
    children: [],
    edges: [],
  };
  for (const s of stages) {
    const node: ElkNode = s.compound
      ? {
          id: s.path,
          children: [],
          layoutOptions: {
            ...spacing,
            'elk.padding': `[top=${GROUP_HEADER},left=${GROUP_PAD},bottom=${GROUP_PAD},right=${GROUP_PAD}]`,
          },
        }
      : { id: s.path, width: NODE_WIDTH, height: NODE_HEIGHT };
    nodes.set(s.path, node);
    (nodes.get(s.parent) ?? root).children!.push(node);
  }
  root.edges = listTransitions(draft)
    .filter(
      (t) => t.source !== '' && t.target !== undefined && nodes.has(t.target) && !related(t.source, t.target),
    )
    .map((t, i) => ({ id: `e${i}`, sources: [t.source], targets: [t.target!] }));
  const graph = await new ELK().layout(root);
  const out: Positions = {};
  const collect = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      out[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
      collect(child);
    }
  };
  collect(graph);
  return out;
}
