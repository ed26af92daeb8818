/**
 * The last check of a machine: let XState build it, with do-nothing implementations of
 * the named guards, actions and delays, and compute its initial snapshot. Run only after
 * every other check passed, to catch whatever XState rejects that ours do not know about.
 */
import { initialTransition, setup } from 'xstate';
import type { Issue } from '../errors.js';
import { isRecord } from './json-pointer.js';
import { refsOf, statesOf } from './machine-walk.js';

/**
 * Issues (pointer '') when XState refuses the machine; [] when it builds.
 *
 * @example
 * checkWithXState({ id: 'm', initial: 'a', states: { a: { meta } } }) // []
 */
export function checkWithXState(machine: unknown): Issue[] {
  const guards: Record<string, () => boolean> = {};
  const actions: Record<string, () => void> = {};
  for (const ref of refsOf(machine)) {
    if (ref.kind === 'guard') guards[ref.name] = () => true;
    else actions[ref.name] = () => undefined;
  }
  // Without an implementation XState fires a named delay at once; any number will do here.
  const delays: Record<string, number> = {};
  for (const state of statesOf(machine)) {
    if (!isRecord(state.node.after)) continue;
    for (const key of Object.keys(state.node.after)) if (!/^\d+$/.test(key)) delays[key] = 1;
  }
  try {
    // XState must never see our objects: it may keep references to them.
    const implementations = setup({ guards, actions, delays });
    const config = structuredClone(machine) as Parameters<typeof implementations.createMachine>[0];
    initialTransition(implementations.createMachine(config));
    return [];
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return [{ pointer: '', message: `XState rejects the machine: ${text}` }];
  }
}
