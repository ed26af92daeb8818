/**
 * The pure core of the runtime: from a record and an event to the next state, data,
 * effects and timers, with no I/O (STYLE.md §1). XState's `transition()` computes the
 * step; guards are the registry's; data actions are applied here, effects only planned.
 */
import { isRecord } from '../../definitions/json-pointer.js';
import { computeFields } from './field-roles.js';
import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';
import { startOf, stepOf } from './xstate-steps.js';
import type { Labels } from '../../definitions/definition.js';
import { UnexpectedError, UserError } from '../../errors.js';
import type { GuardContext, RecordData, RecordFacts } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';
import { stagePath, type CompiledDefinition } from './compiled-definition.js';
import { isPresent, readField } from './field-path.js';
import { withGuardEnv, type GuardEnv, type GuardTraceEntry } from './guard-evaluation.js';

export type TimerOp =
  | { op: 'schedule'; id: string; event: { type: string }; delay: number }
  | { op: 'cancel'; id: string };

export interface PlannedEffect {
  action: string;
  params: unknown;
}

export interface TransitionPlan {
  stateValue: unknown;
  stage: string;
  status: 'active' | 'done';
  data: RecordData;
  activitiesDone: string[];
  effects: PlannedEffect[];
  timers: TimerOp[];
  trace: GuardTraceEntry[];
}

interface ExecutableAction {
  type: string;
  params?: unknown;
}

function stageMetaLookup(compiled: CompiledDefinition): GuardContext['stageMeta'] {
  return (stage) => {
    const info = compiled.stages.get(stage);
    return info && { requiredFields: info.requiredFields, activities: info.activities };
  };
}

/** A field's schema at a dotted path (`lines.amount` looks inside list items). */
function fieldAt(schema: unknown, path: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const key of path.split('.')) {
    if (isRecord(node) && isRecord(node.items)) node = node.items;
    node = isRecord(node) && isRecord(node.properties) ? node.properties[key] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

export function guardEnv(compiled: CompiledDefinition, registry: Registry, record: RecordFacts): GuardEnv {
  const schema = compiled.definition.schema;
  const fieldLabel = (path: string): Labels => {
    const labels = fieldAt(schema, path)?.['x-labels'];
    return isRecord(labels) && typeof labels.vi === 'string' && typeof labels.en === 'string' ? { vi: labels.vi, en: labels.en } : { vi: path, en: path };
  };
  const valueLabel = (path: string, value: unknown): Labels | undefined => {
    const labels = fieldAt(schema, path)?.['x-enumLabels'];
    const found = isRecord(labels) ? labels[String(value)] : undefined;
    return isRecord(found) && typeof found.vi === 'string' && typeof found.en === 'string' ? { vi: found.vi, en: found.en } : undefined;
  };
  return { registry, record, stageMeta: stageMetaLookup(compiled), fieldLabel, valueLabel, trace: [] };
}

function assertValid(compiled: CompiledDefinition, data: RecordData, what: string): void {
  const issues = compiled.validateData(data);
  if (issues.length > 0) throw new UserError('validation-failed', `${what}: ${issues[0]?.message}`, { issues });
}

/** Required fields of a stage and of the stages that contain it. */
export function requiredFieldsOf(compiled: CompiledDefinition, stage: string): string[] {
  const fields: string[] = [];
  const parts = stage.split('.');
  for (let i = 1; i <= parts.length; i++) fields.push(...(compiled.stages.get(parts.slice(0, i).join('.'))?.requiredFields ?? []));
  return fields;
}

function assertStageRequirements(compiled: CompiledDefinition, stage: string, data: RecordData): void {
  const missing = stage
    .split(',')
    .flatMap((leaf) => requiredFieldsOf(compiled, leaf))
    .filter((field) => !isPresent(readField(data, field)));
  if (missing.length === 0) return;
  throw new UserError('required-fields-missing', `Stage ${stage} requires: ${missing.join(', ')}`, {
    issues: missing.map((field) => ({ pointer: `/data/${field.replace(/\./g, '/')}`, message: `${field} is required in stage ${stage}` })),
    extra: { stage, missingFields: missing },
  });
}

/** Apply data actions in order, and sort the rest into effects and timers. */
function processActions(
  actions: ExecutableAction[],
  registry: Registry,
  env: GuardEnv,
  startData: RecordData,
  event: GuardContext['event'],
): Pick<TransitionPlan, 'data' | 'effects' | 'timers'> {
  let data = startData;
  const effects: PlannedEffect[] = [];
  const timers: TimerOp[] = [];
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    if (action.type === 'xstate.raise' && typeof params.delay === 'number') {
      timers.push({ op: 'schedule', id: String(params.id), event: params.event as { type: string }, delay: params.delay });
      continue;
    }
    if (action.type === 'xstate.cancel') {
      timers.push({ op: 'cancel', id: String(params.sendId) });
      continue;
    }
    const def = registry.action(action.type);
    if (!def) throw new UnexpectedError(`Action "${action.type}" is not registered`);
    if (def.kind === 'effect') {
      effects.push({ action: action.type, params });
      continue;
    }
    const patch = def.apply({ data, event, record: env.record, stageMeta: env.stageMeta }, params as never);
    data = { ...data, ...patch };
  }
  return { data, effects, timers };
}

function finishPlan(
  compiled: CompiledDefinition,
  registry: Registry,
  env: GuardEnv,
  next: AnyMachineSnapshot,
  actions: ExecutableAction[],
  data: RecordData,
  event: GuardContext['event'],
  previousStage: string | undefined,
): TransitionPlan {
  const acted = processActions(actions, registry, env, data, event);
  const processed = { ...acted, data: computeFields(compiled.roles, acted.data) };
  assertValid(compiled, processed.data, 'The transition would leave the data invalid');
  const stage = stagePath(next.value);
  if (stage !== previousStage) assertStageRequirements(compiled, stage, processed.data);
  return {
    stateValue: next.value,
    stage,
    status: next.status === 'done' ? 'done' : 'active',
    activitiesDone: stage === previousStage ? env.record.activitiesDone : [],
    trace: env.trace,
    ...processed,
  };
}

/** Plan the creation of a record: validate its data and enter the initial stage. */
export function planCreate(compiled: CompiledDefinition, registry: Registry, facts: Omit<RecordFacts, 'stage' | 'activitiesDone'>, input: RecordData): TransitionPlan {
  const data = computeFields(compiled.roles, input);
  assertValid(compiled, data, 'The data does not match the schema');
  const env = guardEnv(compiled, registry, { ...facts, stage: '', activitiesDone: [] });
  const event = { type: 'xstate.init' };
  const [next, actions] = withGuardEnv(env, () => startOf(compiled, data));
  env.record.stage = stagePath(next.value);
  return finishPlan(compiled, registry, env, next, actions, data, event, undefined);
}

/** Labels of an event from the machine's meta, when declared. */
export function eventLabels(compiled: CompiledDefinition, type: string): Labels | undefined {
  return compiled.definition.machine.meta?.events?.[type];
}

/** Plan what an event does to a record; throws a UserError when it may not happen. */
export function planEvent(
  compiled: CompiledDefinition,
  registry: Registry,
  facts: RecordFacts & { stateValue: unknown; data: RecordData },
  event: GuardContext['event'],
): TransitionPlan {
  const data = computeFields(compiled.roles, { ...facts.data, ...(event.data ?? {}) });
  assertValid(compiled, data, 'The data does not match the schema');
  const snapshot = compiled.machine.resolveState({ value: facts.stateValue as never, context: data });
  const candidates = getNextTransitions(snapshot).filter((t) => t.eventType === event.type);
  if (candidates.length === 0) {
    const types: string[] = getNextTransitions(snapshot).map((t) => String(t.eventType));
    const accepted = [...new Set(types)].filter((t) => !t.startsWith('xstate.') && t !== '');
    throw new UserError('event-not-allowed', `Stage ${facts.stage} does not accept ${event.type}`, {
      extra: { stage: facts.stage, event: event.type, acceptedEvents: accepted },
    });
  }
  const env = guardEnv(compiled, registry, facts);
  const [next, actions] = withGuardEnv(env, () => stepOf(compiled, snapshot, { ...event, type: event.type }));
  // XState returns the same snapshot both for a refusal and for a targetless transition
  // that changes nothing visible; only the guards' verdicts tell them apart.
  const refused = next === snapshot && actions.length === 0 && env.trace.length > 0 && env.trace.every((t) => !t.ok);
  if (refused) {
    const reasons = env.trace.filter((t) => !t.ok).map((t) => t.reason as Labels);
    throw new UserError('guard-refused', `${event.type} refused: ${reasons.map((r) => r.en).join('; ')}`, {
      extra: { stage: facts.stage, event: event.type, reasons, guards: env.trace },
    });
  }
  return finishPlan(compiled, registry, env, next, actions, data, event, facts.stage);
}
