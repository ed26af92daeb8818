/**
 * An entity definition made ready to execute: the XState machine built from its JSON
 * config with the registry's guards and actions, the data validator and a stage index.
 * Built once per (entity, version) and cached: versions are immutable.
 */
import { createActor, setup, type AnyActorScope, type AnyStateMachine } from 'xstate';
import type { EntityDefinition, ReminderDecl, StateConfig } from '../../definitions/definition.js';
import type { Registry } from '../../plugins/registry.js';
import { compileDataValidator, type DataValidator } from './data-validator.js';
import { durationMs } from './duration.js';
import { fieldRoles, type FieldRoles } from './field-roles.js';
import { evaluateGuard, INERT_CONTEXT } from './guard-evaluation.js';

export interface StageInfo {
  path: string;
  final: boolean;
  requiredFields: string[];
  /** Fields the form hides in this stage (its own declaration; see `fieldsOfStage`). */
  hiddenFields: string[];
  /** Fields people may not change in this stage (its own declaration). */
  lockedFields: string[];
  activities: { id: string; type: string; required: boolean }[];
  labels?: { vi: string; en: string };
  /** Reminders declared on this stage (they run while it, or a child of it, is active). */
  reminders: ReminderDecl[];
}

export interface CompiledDefinition {
  definition: EntityDefinition;
  machine: AnyStateMachine;
  /** One inert actor scope for every step planned on this machine (./xstate-steps.ts). */
  scope: AnyActorScope;
  validateData: DataValidator;
  stages: Map<string, StageInfo>;
  /** Read-only and computed fields (./field-roles.ts). */
  roles: FieldRoles;
}

function indexStages(states: Record<string, StateConfig>, prefix: string, out: Map<string, StageInfo>): void {
  for (const [key, state] of Object.entries(states)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.set(path, {
      path,
      final: state.type === 'final',
      requiredFields: state.meta?.requiredFields ?? [],
      hiddenFields: state.meta?.hiddenFields ?? [],
      lockedFields: state.meta?.lockedFields ?? [],
      activities: (state.meta?.activities ?? []).map((a) => ({ id: a.id, type: a.type, required: a.required ?? false })),
      labels: state.meta?.labels,
      reminders: state.meta?.reminders ?? [],
    });
    if (state.states) indexStages(state.states, path, out);
  }
}

/** Named delays for every ISO-8601 `after` key, which XState would otherwise fire at once. */
function isoDelays(states: Record<string, StateConfig>, out: Record<string, number> = {}): Record<string, number> {
  for (const state of Object.values(states)) {
    for (const key of Object.keys(state.after ?? {})) {
      const ms = durationMs(key);
      if (ms !== undefined) out[key] = ms;
    }
    if (state.states) isoDelays(state.states, out);
  }
  return out;
}

/** Build the executable form of a definition. */
export function compileDefinition(definition: EntityDefinition, registry: Registry): CompiledDefinition {
  const guards = Object.fromEntries(
    registry.listGuards().map(({ name }) => [
      name,
      ({ context, event }: { context: Record<string, unknown>; event: { type: string } }, params: unknown) =>
        evaluateGuard(name, params, context, event),
    ]),
  );
  // Actions are never executed by XState here: `transition()` returns them and the
  // runtime applies data actions in the commit and queues effects in the outbox.
  const actions = Object.fromEntries(registry.listActions().map(({ name }) => [name, () => undefined]));
  const delays = isoDelays(definition.machine.states);
  const machine = setup({ guards, actions, delays }).createMachine({
    ...(definition.machine as object),
    context: ({ input }: { input: unknown }) => (input ?? { [INERT_CONTEXT]: true }) as Record<string, unknown>,
  } as never) as unknown as AnyStateMachine;
  const stages = new Map<string, StageInfo>();
  indexStages(definition.machine.states, '', stages);
  return { definition, machine, scope: inertScope(machine), validateData: compileDataValidator(definition.schema), stages, roles: fieldRoles(definition.schema) };
}

/**
 * An actor scope that runs nothing, built once per compiled machine. XState's own
 * `transition()` and `initialTransition()` build one (an actor, its initial snapshot, a
 * system) for every call; the planner reuses this one (./xstate-steps.ts). Its actor starts
 * without input, so its context is marked inert and no guard is evaluated for it.
 */
function inertScope(machine: AnyStateMachine): AnyActorScope {
  const self = createActor(machine);
  return {
    self,
    defer: () => undefined,
    id: '',
    logger: () => undefined,
    sessionId: '',
    stopChild: () => undefined,
    system: self.system,
    emit: () => undefined,
    actionExecutor: () => undefined,
  };
}

/** Dotted leaf paths of a state value: "won", {active: "quoting"} → "active.quoting". */
export function stagePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => {
        const rest = stagePath(child);
        return rest ? `${key}.${rest}` : key;
      })
      .join(',');
  }
  return '';
}

/** The state value of a stage, the inverse of `stagePath`: "won"; "open.proposal" → {open: 'proposal'}; "a.b,a.c". */
export function stateValueOf(stage: string): unknown {
  const paths = stage.split(',');
  if (paths.length === 1 && !paths[0].includes('.')) return paths[0];
  const value: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let node = value;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        if (!(key in node)) node[key] = {};
        return;
      }
      const child = node[key];
      node = (typeof child === 'object' && child !== null ? child : (node[key] = {})) as Record<string, unknown>;
    });
  }
  return collapse(value);
}

/** `{a: {}}` leaves become strings: `{open: {proposal: {}}}` → `{open: 'proposal'}`. */
function collapse(node: Record<string, unknown>): unknown {
  const entries = Object.entries(node);
  if (entries.length === 1 && Object.keys(entries[0][1] as object).length === 0) return entries[0][0];
  return Object.fromEntries(entries.map(([key, child]) => [key, Object.keys(child as object).length === 0 ? {} : collapse(child as Record<string, unknown>)]));
}
