/**
 * XState's pure step functions on a compiled machine, with the machine's one inert actor
 * scope (./compiled-definition.ts) instead of a new actor per call: what `transition()` and
 * `initialTransition()` do, without building and throwing away an actor, an initial
 * snapshot and a system on every event. Synchronous: the scope's action executor is set for
 * the call and no other step can interleave.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { CompiledDefinition } from './compiled-definition.js';

type ExecutableAction = { type: string; params?: unknown };

function collecting<T>(compiled: CompiledDefinition, run: () => T): [T, ExecutableAction[]] {
  const actions: ExecutableAction[] = [];
  const scope = compiled.scope as unknown as { actionExecutor: (action: ExecutableAction) => void };
  scope.actionExecutor = (action) => void actions.push(action);
  try {
    return [run(), actions];
  } finally {
    scope.actionExecutor = () => undefined;
  }
}

/** The next snapshot and the actions to execute, as `transition(machine, snapshot, event)`. */
export function stepOf(compiled: CompiledDefinition, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ExecutableAction[]] {
  return collecting(compiled, () => compiled.machine.transition(snapshot, event, compiled.scope as never) as AnyMachineSnapshot);
}

/** The first snapshot and its actions, as `initialTransition(machine, input)`. */
export function startOf(compiled: CompiledDefinition, input: unknown): [AnyMachineSnapshot, ExecutableAction[]] {
  return collecting(compiled, () => compiled.machine.getInitialSnapshot(compiled.scope as never, input) as AnyMachineSnapshot);
}
