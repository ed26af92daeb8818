/**
 * Generic rewriting of every transition of a machine (root, stages and nested states),
 * so that renaming or deleting a stage updates every place that points at it.
 */
import type { MachineConfig, StateConfig, TransitionConfig, TransitionsConfig } from './pack-types.js';

export type TransitionKind = 'on' | 'after' | 'always';

export interface CandidateContext {
  /** Keys from the root; [] is the machine itself. */
  path: string[];
  kind: TransitionKind;
  /** Event name or delay; '' for `always`. */
  key: string;
}

type Node = MachineConfig | StateConfig;

/** The candidates of a transitions value, each as an object. */
export function candidatesOf(value: TransitionsConfig | undefined): TransitionConfig[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ target: value }];
  return Array.isArray(value) ? value.map((c) => ({ ...c })) : [{ ...value }];
}

/** Candidates back into the shortest equivalent JSON; undefined when there are none. */
export function writeCandidates(list: TransitionConfig[]): TransitionsConfig | undefined {
  if (list.length === 0) return undefined;
  if (list.length > 1) return list;
  const only = list[0];
  const keys = Object.keys(only);
  if (keys.length === 1 && typeof only.target === 'string') return only.target;
  return only;
}

/** Targets of a candidate as a list. */
export function targetsOf(candidate: TransitionConfig): string[] {
  if (candidate.target === undefined) return [];
  return Array.isArray(candidate.target) ? candidate.target : [candidate.target];
}

/**
 * Rewrite every transition candidate; `fn` returns the new candidate, or null to drop it.
 * Returns the event names that lost every candidate of some state (their labels may be
 * unused now: see pruneEventLabels).
 */
export function mapCandidates(
  machine: MachineConfig,
  fn: (candidate: TransitionConfig, context: CandidateContext) => TransitionConfig | null,
): string[] {
  const emptied: string[] = [];
  const visit = (node: Node, path: string[]): void => {
    for (const kind of ['on', 'after'] as const) {
      const map = (node as StateConfig)[kind];
      if (!map) continue;
      for (const key of Object.keys(map)) {
        const next = candidatesOf(map[key]).flatMap((c) => fn(c, { path, kind, key }) ?? []);
        const written = writeCandidates(next);
        if (written !== undefined) map[key] = written;
        else {
          delete map[key];
          if (kind === 'on') emptied.push(key);
        }
      }
      if (Object.keys(map).length === 0) delete (node as StateConfig)[kind];
    }
    const state = node as StateConfig;
    if (state.always !== undefined) {
      const next = candidatesOf(state.always).flatMap((c) => fn(c, { path, kind: 'always', key: '' }) ?? []);
      const written = writeCandidates(next);
      if (written === undefined) delete state.always;
      else state.always = written;
    }
    for (const [key, child] of Object.entries(node.states ?? {})) visit(child, [...path, key]);
  };
  visit(machine, []);
  return emptied;
}

/**
 * The stage (dotted path) a target of a transition declared on the state at `source`
 * leads to, the way XState resolves it: a sibling by name ("b", "b.c"), a child with
 * ".c", or absolute with "#<machineId>.a.b". Undefined when it names no state.
 */
export function resolveTarget(machine: MachineConfig, source: string[], target: string): string | undefined {
  let base: string[];
  let rest: string[];
  if (target.startsWith('#')) {
    const [id, ...keys] = target.slice(1).split('.');
    if (id !== machine.id) return undefined;
    [base, rest] = [[], keys];
  } else if (target.startsWith('.')) [base, rest] = [source, target.slice(1).split('.')];
  else if (source.length === 0) return undefined;
  else [base, rest] = [source.slice(0, -1), target.split('.')];
  let states: Record<string, StateConfig> | undefined = base.reduce<Record<string, StateConfig> | undefined>(
    (s, k) => s?.[k]?.states,
    machine.states,
  );
  for (const key of rest) {
    if (!states || !Object.hasOwn(states, key)) return undefined;
    states = states[key].states;
  }
  return [...base, ...rest].join('.');
}

/** How a transition declared at `source` names the stage at `target` (both dotted; "" is the root). */
export function targetText(machineId: string, source: string, target: string): string {
  if (source === '') return `.${target}`;
  const parent = source.includes('.') ? source.slice(0, source.lastIndexOf('.')) : '';
  if (parent === '') return target;
  return target.startsWith(`${parent}.`) ? target.slice(parent.length + 1) : `#${machineId}.${target}`;
}

/** Every event name handled anywhere in the machine. */
export function eventsInUse(machine: MachineConfig): Set<string> {
  const used = new Set<string>();
  const visit = (node: Node): void => {
    for (const key of Object.keys(node.on ?? {})) used.add(key);
    for (const child of Object.values(node.states ?? {})) visit(child);
  };
  visit(machine);
  return used;
}

/** Drop the labels of events no transition handles any more. */
export function pruneEventLabels(machine: MachineConfig, candidates: Iterable<string>): void {
  const labels = machine.meta?.events;
  const senders = machine.meta?.senders;
  if (!labels && !senders) return;
  const used = eventsInUse(machine);
  for (const event of candidates) {
    if (used.has(event)) continue;
    if (labels) delete labels[event];
    // Who may send an event goes with the event (the loader refuses a declaration for none).
    if (senders) delete senders[event];
  }
  if (senders && Object.keys(senders).length === 0 && machine.meta) delete machine.meta.senders;
}
