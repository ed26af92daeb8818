/**
 * Checks of a machine's shape that the meta-schema cannot express: the initial states
 * exist, compound/atomic/final nodes are consistent, final states have no way out, every
 * transition target is a state, and every state is reachable (see reachability.ts).
 */
import type { Issue } from '../errors.js';
import { pointerOf } from './json-pointer.js';
import { statesOf, transitionsOf, type StateVisit } from './machine-walk.js';
import { findUnreachableStates } from './reachability.js';
import { childKeys, resolveTarget } from './state-targets.js';

/**
 * Every structural problem of a machine, with pointers into the machine file.
 *
 * @example
 * checkMachine({ id: 'm', initial: 'x', states: { a: { meta } } })
 * // [{ pointer: '/initial', message: 'the machine\'s initial state "x" is not one of its states (a)' }, …]
 */
export function checkMachine(machine: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const state of statesOf(machine)) {
    issues.push(...checkNode(state));
    for (const transition of transitionsOf(state)) {
      for (const { target, pointer } of transition.targets) {
        const resolved = resolveTarget(machine, state.path, target);
        if (!resolved.ok)
          issues.push({
            pointer,
            message: `${transitionName(state, transition.kind, transition.key)} targets "${target}": ${resolved.reason}`,
          });
      }
    }
  }
  issues.push(...findUnreachableStates(machine));
  return issues;
}

function checkNode(state: StateVisit): Issue[] {
  const { node, pointer } = state;
  const name = state.path.length === 0 ? 'the machine' : `state "${state.path.join('.')}"`;
  const children = childKeys(node);
  const issues: Issue[] = [];
  if (node.type === 'final') {
    for (const key of ['on', 'after', 'always', 'states'] as const) {
      if (node[key] !== undefined) {
        issues.push({
          pointer: pointer + pointerOf(key),
          message: `${name} is final: it cannot have "${key}" (a final state has no way out)`,
        });
      }
    }
    return issues;
  }
  if (node.type === 'atomic' && children.length > 0) {
    issues.push({
      pointer: pointer + pointerOf('states'),
      message: `${name} is declared atomic but has child states`,
    });
  }
  if (node.type === 'compound' && children.length === 0) {
    issues.push({ pointer, message: `${name} is declared compound but has no child states` });
  }
  if (children.length === 0) {
    if (node.initial !== undefined && state.path.length > 0) {
      issues.push({
        pointer: pointer + pointerOf('initial'),
        message: `${name} has an initial state but no child states`,
      });
    }
    return issues;
  }
  if (node.initial === undefined) {
    issues.push({
      pointer,
      message: `${name} has child states but no "initial" (one of: ${children.join(', ')})`,
    });
  } else if (typeof node.initial === 'string' && !children.includes(node.initial)) {
    const whose = state.path.length === 0 ? "the machine's" : `${name}'s`;
    issues.push({
      pointer: pointer + pointerOf('initial'),
      message: `${whose} initial state "${node.initial}" is not one of its states (${children.join(', ')})`,
    });
  }
  return issues;
}

/** "transition "WIN" of state "open"", as used in messages. */
export function transitionName(
  state: StateVisit,
  kind: 'on' | 'after' | 'always',
  key: string | undefined,
): string {
  const owner = state.path.length === 0 ? 'the machine' : `state "${state.path.join('.')}"`;
  if (kind === 'always') return `the eventless transition of ${owner}`;
  return `${kind === 'after' ? 'the delayed transition' : 'transition'} "${key}" of ${owner}`;
}
