/**
 * Which states of a machine can ever be active.
 *
 * The rule: a state is reachable when the machine can enter it from its start, ignoring
 * guards (any guarded transition may be taken) and following only declared transitions
 * (`on`, `after`, `always`). Entering a state enters its ancestors and, for a compound
 * state, its `initial` child, recursively. While a state is active so are its ancestors,
 * so every transition declared on an entered state counts, the root's `on` included.
 * A state is reported unreachable when it is not entered but its parent is (or it is a
 * top-level state): its own children then need no separate report.
 */
import type { Issue } from '../errors.js';
import { statesOf, transitionsOf } from './machine-walk.js';
import { childKeys, resolveTarget, stateAt } from './state-targets.js';

/**
 * Issues for every state that can never be entered (the topmost of each unreachable subtree).
 *
 * @example
 * findUnreachableStates({ id: 'm', initial: 'a', states: { a: {}, b: {} } })
 * // [{ pointer: '/states/b', message: 'state "b" is unreachable: …' }]
 */
export function findUnreachableStates(machine: unknown): Issue[] {
  const entered = enteredStates(machine);
  const issues: Issue[] = [];
  for (const state of statesOf(machine)) {
    if (state.path.length === 0 || entered.has(key(state.path))) continue;
    if (!entered.has(key(state.path.slice(0, -1)))) continue;
    issues.push({
      pointer: state.pointer,
      message: `state "${state.path.join('.')}" is unreachable: no transition leads to it and it is not an initial state`,
    });
  }
  return issues;
}

/** Keys ("a.b") of every state node that can be entered, the root as "". */
export function enteredStates(machine: unknown): Set<string> {
  const entered = new Set<string>();
  const queue: string[][] = [];
  const enter = (path: string[]): void => {
    for (let i = 0; i <= path.length; i++) add(path.slice(0, i));
    let current = path;
    // A compound state is entered through its initial child, and so on down.
    for (;;) {
      const node = stateAt(machine, current);
      const initial = node?.initial;
      if (typeof initial !== 'string' || !childKeys(node).includes(initial)) break;
      current = [...current, initial];
      add(current);
    }
  };
  const add = (path: string[]): void => {
    if (entered.has(key(path))) return;
    entered.add(key(path));
    queue.push(path);
  };
  enter([]);
  const byPath = new Map(statesOf(machine).map((s) => [key(s.path), s]));
  while (queue.length > 0) {
    const state = byPath.get(key(queue.shift() ?? []));
    if (!state) continue;
    for (const transition of transitionsOf(state)) {
      for (const { target } of transition.targets) {
        const resolved = resolveTarget(machine, state.path, target);
        if (resolved.ok) enter(resolved.path);
      }
    }
  }
  return entered;
}

function key(path: string[]): string {
  return path.join('.');
}
