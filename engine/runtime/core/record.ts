/** A record as stored and as returned by the engine. */
import type { EventSenders, Labels } from '../../definitions/definition.js';
import type { RecordData } from '../../plugins/contract.js';

/** The stored document of a record (collection `records`). */
export interface RecordDoc {
  _id: string;
  entity: string;
  definitionVersion: number;
  /** XState state value (string, or object for nested states). */
  state: unknown;
  /** Dotted leaf path of the state value, indexed for queries ("won", "active.quoting"). */
  stage: string;
  /** 'active' while running, 'done' once a final state is reached. */
  status: 'active' | 'done';
  data: RecordData;
  /** Ids of activities of the current stage marked done. */
  activitiesDone: string[];
  owner?: string;
  handler?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When the record entered its current stage; records stored before it existed lack it (read: createdAt). */
  stageEnteredAt?: string;
  createdBy: string;
  updatedBy: string;
  [field: string]: unknown;
}

/** An event the record accepts now, with whether its guards pass and why not. */
export interface AllowedEvent {
  type: string;
  labels?: Labels;
  /** Target stage(s) of the first transition whose guards pass (or of the first candidate). */
  target?: string;
  enabled: boolean;
  reasons: Labels[];
  /** Fields the target stage requires that the record lacks: send them as the event's data. */
  missingFields?: string[];
  /** Who may send it, when the pack says (./event-senders.ts): the API keeps only what the reader may send. */
  senders?: EventSenders;
}

/** What the API returns for a record. */
export interface RecordView {
  id: string;
  entity: string;
  definitionVersion: number;
  state: string;
  stateValue: unknown;
  status: 'active' | 'done';
  data: RecordData;
  /** What names it for people (./record-summary.ts `recordTitle`); absent when none of its title fields is filled. */
  title?: string;
  activitiesDone: string[];
  owner?: string;
  handler?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When the record entered its current stage (createdAt for records stored before this was kept). */
  stageEnteredAt: string;
  allowedEvents: AllowedEvent[];
}

/** One entry of a record's event log (collection `events`). */
export type EventLogDoc = {
  _id: string;
  recordId: string;
  entity: string;
  /** The record version this entry produced. */
  version: number;
  type: string;
  kind: 'created' | 'event' | 'updated' | 'assigned' | 'deleted' | 'activity' | 'effect' | 'effect-failed' | 'timer' | 'reminder' | 'message' | 'migrated';
  from?: string;
  to?: string;
  payload?: RecordData;
  actor: string;
  at: string;
  /** Guards evaluated for this step and their verdicts. */
  guards?: { guard: string; ok: boolean }[];
  /** For effect entries: the outbox entry and its error. */
  effect?: { id: string; action: string; attempts: number; error?: string; code?: string; final?: boolean };
};

/** One armed timer (a type literal: it must fit StoredDoc). */
export type TimerDoc = {
  /** `${recordId}:${timerId}`: one live instance per timer of a record. */
  _id: string;
  recordId: string;
  entity: string;
  kind: 'delay' | 'reminder';
  /** XState's delayed event id, or `reminder:<stage>:<reminder id>`. */
  timerId: string;
  /** The event a delay sends. */
  event?: { type: string };
  /** The stage and id of a reminder in the definition. */
  reminder?: { stage: string; id: string };
  dueAt: string;
  /** The record version whose commit armed this instance; also its `version`. */
  instance: number;
  /** The record version at which the timer's stage was entered (activity is counted after it). */
  enteredVersion: number;
  version: number;
};

/** A timer armed or disarmed by a commit. */
export type TimerChange = { op: 'schedule'; doc: TimerDoc } | { op: 'cancel'; doc: TimerDoc };

/** Who does something: a user id, or `system:<what>` for timers and effects. */
export type Actor = string;
