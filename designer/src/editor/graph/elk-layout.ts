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
export async function elkLayout(draft: Draft): Promise<Positions> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const stages = listStages(draft);
  const nodes = new Map<string, ElkNode>();
  // Spacing is set on every level: a stage with sub-stages does not inherit the root's.
  const spacing = {
    'elk.spacing.nodeNode': '48',
    'elk.layered.spacing.nodeNodeBetweenLayers': '110',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
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
