/**
 * Walk a machine config (already parsed JSON, maybe malformed) and list its state nodes,
 * transitions and guard/action references with the JSON pointer of each. Every check of
 * a machine is written against these lists, so it never re-implements the traversal.
 * Malformed parts are skipped here: the meta-schema check reports them.
 */
import { isRecord, pointerOf } from './json-pointer.js';

export interface StateVisit {
  /** Keys from the root; [] is the machine itself. */
  path: string[];
  pointer: string;
  node: Record<string, unknown>;
}

export interface RefVisit {
  kind: 'guard' | 'action';
  name: string;
  params: unknown;
  /** Where the reference is; `namePointer` and `paramsPointer` are inside it. */
  pointer: string;
  namePointer: string;
  paramsPointer: string;
}

export interface TransitionVisit {
  source: StateVisit;
  kind: 'on' | 'after' | 'always';
  /** The event type (`on`) or delay (`after`); undefined for `always`. */
  key?: string;
  pointer: string;
  targets: { target: string; pointer: string }[];
  guard?: RefVisit;
  actions: RefVisit[];
}

/**
 * Every state node, parents before children, the machine root first.
 *
 * @example
 * statesOf(machine).map((s) => s.path.join('.')) // ['', 'open', 'won']
 */
export function statesOf(machine: unknown): StateVisit[] {
  if (!isRecord(machine)) return [];
  const out: StateVisit[] = [];
  const visit = (node: Record<string, unknown>, path: string[], pointer: string): void => {
    out.push({ path, pointer, node });
    if (!isRecord(node.states)) return;
    for (const [key, child] of Object.entries(node.states)) {
      if (isRecord(child)) visit(child, [...path, key], pointer + pointerOf('states', key));
    }
  };
  visit(machine, [], '');
  return out;
}

/**
 * The transitions declared directly on one state node (`on`, `after`, `always`), one
 * visit per candidate.
 *
 * @example
 * transitionsOf(state).map((t) => t.key) // ['WIN', 'LOSE']
 */
export function transitionsOf(state: StateVisit): TransitionVisit[] {
  const out: TransitionVisit[] = [];
  for (const kind of ['on', 'after'] as const) {
    const map = state.node[kind];
    if (!isRecord(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      out.push(...candidates(state, kind, key, value, state.pointer + pointerOf(kind, key)));
    }
  }
  if (state.node.always !== undefined) {
    out.push(
      ...candidates(state, 'always', undefined, state.node.always, state.pointer + pointerOf('always')),
    );
  }
  return out;
}

/**
 * Every guard and action reference of the machine: transitions' guards and actions, and
 * states' entry and exit actions.
 *
 * @example
 * refsOf(machine).filter((r) => r.kind === 'guard').map((r) => r.name) // ['fieldCompare']
 */
export function refsOf(machine: unknown): RefVisit[] {
  const out: RefVisit[] = [];
  for (const state of statesOf(machine)) {
    for (const transition of transitionsOf(state)) {
      if (transition.guard) out.push(transition.guard);
      out.push(...transition.actions);
    }
    for (const key of ['entry', 'exit'] as const) {
      out.push(...actionRefs(state.node[key], state.pointer + pointerOf(key)));
    }
  }
  return out;
}

function candidates(
  source: StateVisit,
  kind: TransitionVisit['kind'],
  key: string | undefined,
  value: unknown,
  pointer: string,
): TransitionVisit[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => candidates(source, kind, key, item, pointer + pointerOf(i)));
  }
  const base = { source, kind, key, pointer, targets: [], actions: [] };
  if (typeof value === 'string') return [{ ...base, targets: [{ target: value, pointer }] }];
  if (!isRecord(value)) return [base];
  const targets: TransitionVisit['targets'] = [];
  if (typeof value.target === 'string')
    targets.push({ target: value.target, pointer: pointer + pointerOf('target') });
  if (Array.isArray(value.target)) {
    value.target.forEach((t, i) => {
      if (typeof t === 'string') targets.push({ target: t, pointer: pointer + pointerOf('target', i) });
    });
  }
  const guard = refAt('guard', value.guard, pointer + pointerOf('guard'));
  return [
    {
      ...base,
      targets,
      ...(guard ? { guard } : {}),
      actions: actionRefs(value.actions, pointer + pointerOf('actions')),
    },
  ];
}

function actionRefs(value: unknown, pointer: string): RefVisit[] {
  const list = Array.isArray(value)
    ? value.map((v, i) => refAt('action', v, pointer + pointerOf(i)))
    : [refAt('action', value, pointer)];
  return list.filter((r): r is RefVisit => r !== undefined);
}

function refAt(kind: RefVisit['kind'], value: unknown, pointer: string): RefVisit | undefined {
  if (typeof value === 'string') {
    return { kind, name: value, params: undefined, pointer, namePointer: pointer, paramsPointer: pointer };
  }
  if (isRecord(value) && typeof value.type === 'string') {
    const paramsPointer = value.params === undefined ? pointer : pointer + pointerOf('params');
    return {
      kind,
      name: value.type,
      params: value.params,
      pointer,
      namePointer: pointer + pointerOf('type'),
      paramsPointer,
    };
  }
  return undefined;
}
