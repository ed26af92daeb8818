/**
 * The shape of a pack as the engine sees it after loading. The pack format's
 * meta-schema (engine/definitions/pack-format.schema.json) is the source of truth for
 * what is on disk; these types describe the validated result.
 */

/** A label in both languages the product speaks. */
export interface Labels {
  vi: string;
  en: string;
}

/** A guard or action named from the registry, with its params. A bare string means no params. */
export type NamedRef = string | { type: string; params?: Record<string, unknown> };

export interface ActivityDecl {
  id: string;
  /** call, email, meeting, survey, quote, contract, booking, task, … */
  type: string;
  title: Labels;
  required?: boolean;
}

export interface ReminderDecl {
  id: string;
  /** ISO-8601 duration ("PT4H", "P3D") after entering the stage, or relative to `field`. */
  after?: string;
  /** Date field of the record the reminder is relative to; `before`/`after` its offset. */
  field?: string;
  before?: string;
  onlyIfNoActivity?: boolean;
  do:
    | { type: 'notify'; to: string; message: Labels }
    | { type: 'escalate'; to: string; message: Labels }
    | { type: 'send'; event: string };
}

export interface StageMeta {
  labels: Labels;
  requiredFields?: string[];
  activities?: ActivityDecl[];
  reminders?: ReminderDecl[];
  /** Designer layout position, kept with the definition. */
  position?: { x: number; y: number };
  [key: string]: unknown;
}

export interface TransitionConfig {
  target?: string | string[];
  guard?: NamedRef;
  actions?: NamedRef | NamedRef[];
  description?: string;
  meta?: Record<string, unknown>;
}

export type TransitionsConfig = string | TransitionConfig | TransitionConfig[];

export interface StateConfig {
  type?: 'atomic' | 'compound' | 'final';
  initial?: string;
  meta?: StageMeta;
  on?: Record<string, TransitionsConfig>;
  after?: Record<string, TransitionsConfig>;
  always?: TransitionsConfig;
  entry?: NamedRef | NamedRef[];
  exit?: NamedRef | NamedRef[];
  states?: Record<string, StateConfig>;
}

export interface MachineConfig {
  id: string;
  initial: string;
  states: Record<string, StateConfig>;
  on?: Record<string, TransitionsConfig>;
  meta?: {
    /** vi/en labels of every event the machine accepts. */
    events?: Record<string, Labels>;
    [key: string]: unknown;
  };
}

/** An entity's JSON Schema (2020-12). `x-labels` carries vi/en titles. */
export type EntitySchema = Record<string, unknown> & {
  type?: 'object';
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
};

/** One entity of a pack at one version: what every record is executed against. */
export interface EntityDefinition {
  entity: string;
  pack: string;
  version: number;
  schema: EntitySchema;
  machine: MachineConfig;
  /** Content hash of schema + machine, used to decide whether a load is a new version. */
  hash: string;
  createdAt: string;
  createdBy: string;
  summary?: string;
}
