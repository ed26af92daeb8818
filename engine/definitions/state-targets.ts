/**
 * Resolve a transition target the way XState v5 does, without building the machine:
 *
 * - `"b"` or `"b.c"`: a sibling of the state declaring the transition (and a path below it);
 * - `".c"` or `".c.d"`: a child of the declaring state (the only relative form allowed on
 *   the machine root);
 * - `"#<machineId>"` or `"#<machineId>.a.b"`: absolute, from the root. Custom state ids
 *   are not part of the pack format, so `#` always starts with the machine's id.
 */
import { isRecord } from './json-pointer.js';

export type TargetResolution = { ok: true; path: string[] } | { ok: false; reason: string };

/**
 * The state node at a path of keys from the root, if there is one.
 *
 * @example
 * stateAt(machine, ['active', 'quoting'])
 */
export function stateAt(machine: unknown, path: string[]): Record<string, unknown> | undefined {
  let node: unknown = machine;
  for (const key of path) {
    const states = isRecord(node) ? node.states : undefined;
    node = isRecord(states) && Object.hasOwn(states, key) ? states[key] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

/** Keys of a state node's children. */
export function childKeys(node: Record<string, unknown> | undefined): string[] {
  return node && isRecord(node.states) ? Object.keys(node.states) : [];
}

/**
 * Resolve `target` of a transition declared on the state at `source`.
 *
 * @example
 * resolveTarget(machine, ['open'], 'won') // { ok: true, path: ['won'] }
 * resolveTarget(machine, [], 'won') // { ok: false, reason: 'a target on the machine root must be written ".won" …' }
 */
export function resolveTarget(machine: unknown, source: string[], target: string): TargetResolution {
  const machineId = isRecord(machine) && typeof machine.id === 'string' ? machine.id : '';
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    if (id !== machineId) {
      return { ok: false, reason: `an absolute target must start with the machine id "#${machineId}"` };
    }
    return below(machine, [], rest);
  }
  if (target.startsWith('.')) return below(machine, source, target.slice(1).split('.'));
  if (source.length === 0) {
    return {
      ok: false,
      reason: `a target on the machine root must be written ".${target}" or "#${machineId}.${target}"`,
    };
  }
  return below(machine, source.slice(0, -1), target.split('.'));
}

function below(machine: unknown, base: string[], keys: string[]): TargetResolution {
  const path = [...base];
  for (const key of keys) {
    const parent = stateAt(machine, path);
    if (!childKeys(parent).includes(key)) {
      const where =
        path.length === 0 ? 'the machine has no state' : `state "${path.join('.')}" has no child state`;
      const known = childKeys(parent);
      const hint = known.length > 0 ? ` (there are: ${known.join(', ')})` : '';
      return { ok: false, reason: `${where} "${key}"${hint}` };
    }
    path.push(key);
  }
  return { ok: true, path };
}
