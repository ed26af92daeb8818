/**
 * A machine as a graph of its leaf stages, guards ignored: an edge for every transition
 * (`on`, `after`, `always`) declared on a leaf or any of its ancestors, to the leaf it
 * enters (a compound target is entered through its `initial` children).
 */
import { statesOf, transitionsOf, type StateVisit } from '../../../engine/definitions/machine-walk.js';
import { childKeys, resolveTarget, stateAt } from '../../../engine/definitions/state-targets.js';

export interface MachineGraph {
  initial: string;
  leaves: string[];
  finals: string[];
  edges: Map<string, Set<string>>;
}

/** Descend from a state through `initial` children to the leaf that is entered. */
function enterLeaf(machine: unknown, path: string[]): string[] {
  let current = path;
  for (;;) {
    const node = stateAt(machine, current);
    const initial = node?.initial;
    if (typeof initial !== 'string' || !childKeys(node).includes(initial)) return current;
    current = [...current, initial];
  }
}

export function machineGraph(machine: unknown): MachineGraph {
  const states = statesOf(machine);
  const isLeaf = (s: StateVisit) => s.path.length > 0 && childKeys(s.node).length === 0;
  const leaves = states.filter(isLeaf);
  const edges = new Map<string, Set<string>>();
  for (const leaf of leaves) {
    const out = new Set<string>();
    const ancestors = states.filter(
      (s) => s.path.every((k, i) => leaf.path[i] === k) && s.path.length <= leaf.path.length,
    );
    for (const source of ancestors) {
      for (const transition of transitionsOf(source)) {
        for (const { target } of transition.targets) {
          const resolved = resolveTarget(machine, source.path, target);
          if (!resolved.ok) throw new Error(`${leaf.path.join('.')}: ${resolved.reason}`);
          out.add(enterLeaf(machine, resolved.path).join('.'));
        }
      }
    }
    edges.set(leaf.path.join('.'), out);
  }
  return {
    initial: enterLeaf(machine, []).join('.'),
    leaves: leaves.map((l) => l.path.join('.')),
    finals: leaves.filter((l) => l.node.type === 'final').map((l) => l.path.join('.')),
    edges,
  };
}

/** Every leaf reachable from `from` (itself included). */
export function reachableFrom(graph: MachineGraph, from: string): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const next of graph.edges.get(queue.shift() as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
