/**
 * Dry runs of a definition for the designer: from sample data (and optionally a stage),
 * apply a list of events and activity changes with the pure planner and report, for each
 * step, the guards' verdicts with their reasons, the effects and timers that would be
 * queued, the reminders of a stage entered and the data after. Nothing is stored.
 */
import type { Labels, ReminderDecl } from '../../definitions/definition.js';
import { TourflowError, UserError, ensureError, type Issue } from '../../errors.js';
import type { RecordData, RecordFacts } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';
import { allowedEvents } from './allowed-events.js';
import { stagePath, stateValueOf, type CompiledDefinition } from './compiled-definition.js';
import type { GuardTraceEntry } from './guard-evaluation.js';
import {
  planCreate,
  planEvent,
  type PlannedEffect,
  type TimerOp,
  type TransitionPlan,
} from './plan-transition.js';
import type { AllowedEvent } from './record.js';

/** One step of a simulation: an event, or marking an activity of the current stage done. */
export type SimulationStep = { type: string; data?: RecordData } | { activity: string; done: boolean };

export interface SimulationInput {
  data: RecordData;
  /** Start in this state instead of creating the record (e.g. a copy of a real record). */
  stateValue?: unknown;
  activitiesDone?: string[];
  events: SimulationStep[];
}

/** Where the simulated record is between steps. */
export interface SimulatedRecord {
  stage: string;
  stateValue: unknown;
  status: 'active' | 'done';
  data: RecordData;
  activitiesDone: string[];
  allowedEvents: AllowedEvent[];
}

export interface SimulationProblem {
  code: string;
  message: string;
  reasons?: Labels[];
  missingFields?: string[];
  issues?: Issue[];
}

export interface SimulatedStep {
  step: SimulationStep;
  ok: boolean;
  from: string;
  to: string;
  guards: GuardTraceEntry[];
  effects: PlannedEffect[];
  timers: TimerOp[];
  /** Reminders of the stage entered by this step (none when the stage did not change). */
  reminders: ReminderDecl[];
  /** Fields whose value differs after the step. */
  changed: string[];
  error?: SimulationProblem;
  record: SimulatedRecord;
}

export interface SimulationResult {
  /** The record after creation (or as given by `stateValue`); `error` when it cannot start. */
  start: Omit<SimulatedStep, 'step' | 'from'> & { created: boolean };
  steps: SimulatedStep[];
}

const SIMULATED_ID = 'simulation';

function problemOf(error: unknown): SimulationProblem {
  if (!(error instanceof TourflowError) || error.kind !== 'user') throw ensureError(error);
  const { reasons, missingFields } = error.extra as { reasons?: Labels[]; missingFields?: string[] };
  return {
    code: error.code,
    message: error.message,
    ...(reasons ? { reasons } : {}),
    ...(missingFields ? { missingFields } : {}),
    ...(error.issues.length > 0 ? { issues: error.issues } : {}),
  };
}

function changedFields(before: RecordData, after: RecordData): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

function remindersOf(compiled: CompiledDefinition, stage: string): ReminderDecl[] {
  return stage.split(',').flatMap((leaf) => {
    let node: { states?: Record<string, unknown> } | undefined = compiled.definition.machine;
    let state: { meta?: { reminders?: ReminderDecl[] } } | undefined;
    for (const key of leaf.split('.')) {
      state = node?.states?.[key] as typeof state;
      node = state as typeof node;
    }
    return state?.meta?.reminders ?? [];
  });
}

function facts(
  entity: string,
  record: SimulatedRecord,
): RecordFacts & { stateValue: unknown; data: RecordData } {
  return {
    id: SIMULATED_ID,
    entity,
    stage: record.stage,
    activitiesDone: record.activitiesDone,
    stateValue: record.stateValue,
    data: record.data,
  };
}

function withAllowed(
  compiled: CompiledDefinition,
  registry: Registry,
  record: Omit<SimulatedRecord, 'allowedEvents'>,
): SimulatedRecord {
  const entity = compiled.definition.entity;
  const allowed =
    record.status === 'done'
      ? []
      : allowedEvents(compiled, registry, facts(entity, { ...record, allowedEvents: [] }));
  return { ...record, allowedEvents: allowed };
}

function fromPlan(compiled: CompiledDefinition, registry: Registry, plan: TransitionPlan): SimulatedRecord {
  return withAllowed(compiled, registry, {
    stage: plan.stage,
    stateValue: plan.stateValue,
    status: plan.status,
    data: plan.data,
    activitiesDone: plan.activitiesDone,
  });
}

/** A dotted path as XState's nested state value: "open.proposal" → { open: "proposal" }. */
/**
 * The full state value of a start given as a stage path or a state value; a stage with
 * sub-stages starts in its initial one. Throws `invalid-request` when it names no stage.
 */
function resolveStart(compiled: CompiledDefinition, given: unknown): unknown {
  const refuse = () =>
    new UserError(
      'invalid-request',
      `The definition has no stage "${stagePath(given)}" to start the simulation in`,
      {
        issues: [{ pointer: '/body/stateValue', message: 'is not a stage of this definition' }],
      },
    );
  let value: unknown;
  try {
    value = compiled.machine.resolveState({ value: (typeof given === 'string' ? stateValueOf(given) : given) as never, context: {} }).value;
  } catch {
    throw refuse();
  }
  const stage = stagePath(value);
  if (stage === '' || stage.split(',').some((leaf) => !compiled.stages.has(leaf))) throw refuse();
  return value;
}

function startRecord(
  compiled: CompiledDefinition,
  registry: Registry,
  input: SimulationInput,
): SimulationResult['start'] {
  const empty = { guards: [], effects: [], timers: [], reminders: [], changed: [] };
  if (input.stateValue !== undefined) {
    const stateValue = resolveStart(compiled, input.stateValue);
    const stage = stagePath(stateValue);
    const final = stage.split(',').every((leaf) => compiled.stages.get(leaf)?.final === true);
    const issues = compiled.validateData(input.data);
    const record = withAllowed(compiled, registry, {
      stage,
      stateValue,
      status: final ? 'done' : 'active',
      data: input.data,
      activitiesDone: input.activitiesDone ?? [],
    });
    if (issues.length > 0)
      return {
        ...empty,
        created: false,
        ok: false,
        to: stage,
        record,
        error: {
          code: 'validation-failed',
          message: `The data does not match the schema: ${issues[0]?.message}`,
          issues,
        },
      };
    return { ...empty, created: false, ok: true, to: stage, record };
  }
  try {
    const plan = planCreate(
      compiled,
      registry,
      { id: SIMULATED_ID, entity: compiled.definition.entity },
      input.data,
    );
    return {
      created: true,
      ok: true,
      to: plan.stage,
      guards: plan.trace,
      effects: plan.effects,
      timers: plan.timers,
      reminders: remindersOf(compiled, plan.stage),
      changed: changedFields(input.data, plan.data),
      record: fromPlan(compiled, registry, plan),
    };
  } catch (error) {
    const initial = {
      stage: '',
      stateValue: null,
      status: 'active' as const,
      data: input.data,
      activitiesDone: [],
      allowedEvents: [],
    };
    return { ...empty, created: true, ok: false, to: '', record: initial, error: problemOf(error) };
  }
}

function runStep(
  compiled: CompiledDefinition,
  registry: Registry,
  record: SimulatedRecord,
  step: SimulationStep,
): SimulatedStep {
  const base = { step, from: record.stage, guards: [], effects: [], timers: [], reminders: [], changed: [] };
  if ('activity' in step) {
    const declared = compiled.stages.get(record.stage)?.activities ?? [];
    if (!declared.some((a) => a.id === step.activity)) {
      const error = {
        code: 'invalid-request',
        message: `Stage ${record.stage} has no activity "${step.activity}"`,
      };
      return { ...base, ok: false, to: record.stage, error, record };
    }
    const done = new Set(record.activitiesDone);
    if (step.done) done.add(step.activity);
    else done.delete(step.activity);
    const next = withAllowed(compiled, registry, { ...record, activitiesDone: [...done] });
    return { ...base, ok: true, to: record.stage, record: next };
  }
  if (record.status === 'done') {
    const error = {
      code: 'event-not-allowed',
      message: `Stage ${record.stage} is final and accepts no events`,
    };
    return { ...base, ok: false, to: record.stage, error, record };
  }
  try {
    const event = { type: step.type, ...(step.data ? { data: step.data } : {}) };
    const plan = planEvent(compiled, registry, facts(compiled.definition.entity, record), event);
    return {
      ...base,
      ok: true,
      to: plan.stage,
      guards: plan.trace,
      effects: plan.effects,
      timers: plan.timers,
      reminders: plan.stage === record.stage ? [] : remindersOf(compiled, plan.stage),
      changed: changedFields(record.data, plan.data),
      record: fromPlan(compiled, registry, plan),
    };
  } catch (error) {
    const problem = problemOf(error);
    const guards = (error as TourflowError).extra.guards as GuardTraceEntry[] | undefined;
    return { ...base, ok: false, to: record.stage, guards: guards ?? [], error: problem, record };
  }
}

/**
 * Simulate a compiled (candidate) definition. Refused steps leave the record as it was
 * and the run goes on with the next step.
 *
 * @example
 * const result = simulateDefinition(compiled, registry, { data: { title: 'T' }, events: [{ type: 'PROPOSE' }] });
 * result.steps[0].error?.reasons // [{ en: 'Missing: amount', vi: 'Còn thiếu: amount' }]
 */
export function simulateDefinition(
  compiled: CompiledDefinition,
  registry: Registry,
  input: SimulationInput,
): SimulationResult {
  const start = startRecord(compiled, registry, input);
  const steps: SimulatedStep[] = [];
  let record = start.record;
  for (const step of input.events) {
    if (!start.ok) break;
    const done = runStep(compiled, registry, record, step);
    steps.push(done);
    record = done.record;
  }
  return { start, steps };
}
