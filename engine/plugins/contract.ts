/**
 * The public plugin contract (STYLE.md §4): a plugin is an object literal that satisfies
 * `Plugin`. Guards and actions are called with narrow context objects, never the engine.
 */
import type { Labels } from '../definitions/definition.js';

/** A JSON Schema document (draft 2020-12) describing params or config. */
export type JsonSchema = Record<string, unknown>;

export type RecordData = Record<string, unknown>;

/** What a guard or a data action may read about the record being moved. */
export interface RecordFacts {
  id: string;
  entity: string;
  /** Current stage, as a dotted path for nested states ("active.quoting"). */
  stage: string;
  owner?: string;
  handler?: string;
  /** Ids of the current stage's activities that are done. */
  activitiesDone: string[];
}

export interface EventFacts {
  type: string;
  data?: RecordData;
  payload?: RecordData;
}

export interface GuardContext {
  /** The record's data with the event's data merged in. */
  data: RecordData;
  /**
   * The event: `data` is merged into the record's data; `payload` is not (facts about the
   * event itself, e.g. who opened an email), but guards and actions may read it.
   */
  event: EventFacts;
  record: RecordFacts;
  /** Look up a stage's declared meta (required fields, activities). */
  stageMeta(stage: string): { requiredFields: string[]; activities: { id: string; required: boolean }[] } | undefined;
  /** What people call a field (its schema's `x-labels`; the path itself when it has none): reasons name fields by it. */
  fieldLabel?(path: string): Labels;
  /** What people call a value of a field (its `x-enumLabels` entry), when it has a label. */
  valueLabel?(path: string, value: unknown): Labels | undefined;
}

export interface GuardVerdict {
  ok: boolean;
  /** Why the guard said no, shown to the user. */
  reason?: Labels;
}

export interface GuardDefinition<P = Record<string, unknown>> {
  description: string;
  paramsSchema: JsonSchema;
  evaluate(ctx: GuardContext, params: P): GuardVerdict;
}

/** An action that changes the record's data inside the same atomic commit. */
export interface DataActionDefinition<P = Record<string, unknown>> {
  kind: 'data';
  description: string;
  paramsSchema: JsonSchema;
  /** Return the fields to set (a shallow patch of top-level fields). */
  apply(ctx: GuardContext, params: P): RecordData;
}

/** What an effect may do; every call is made idempotent by the engine with `idempotencyKey`. */
export interface EffectContext {
  record: RecordFacts & { data: RecordData; version: number };
  actor: string;
  /** The event whose transition queued this effect (`xstate.init` for a creation). */
  event: EventFacts;
  /** Unique per effect run; stable across retries. */
  idempotencyKey: string;
  /**
   * Aborted when the effect's deadline passes or the engine stops: hand it to `fetch` and
   * the like. The engine stops waiting then anyway, and retries the effect later.
   */
  signal: AbortSignal;
  createRecord(entity: string, input: { data: RecordData; owner?: string; handler?: string }): Promise<{ id: string }>;
  sendEvent(entity: string, id: string, event: { type: string; data?: RecordData; payload?: RecordData }): Promise<void>;
  /** Deliver to a user id, or to every user of a role (`role:manager`). */
  notify(user: string, message: Labels, link?: { entity: string; id: string }): Promise<void>;
  findRecords(entity: string, filter: Record<string, unknown>): Promise<{ id: string; data: RecordData }[]>;
  /** Change fields of the record this effect belongs to (idempotent, version-checked). */
  updateSelf(patch: RecordData): Promise<void>;
}

/** An action that runs after commit, from the outbox, at least once. */
export interface EffectActionDefinition<P = Record<string, unknown>> {
  kind: 'effect';
  description: string;
  paramsSchema: JsonSchema;
  run(ctx: EffectContext, params: P): Promise<void>;
}

export type ActionDefinition<P = Record<string, unknown>> = DataActionDefinition<P> | EffectActionDefinition<P>;

/** A plugin: metadata plus optional capabilities. */
export interface Plugin {
  name: string;
  version: number;
  configSchema?: JsonSchema;
  guards?: Record<string, GuardDefinition<never>>;
  actions?: Record<string, ActionDefinition<never>>;
}
