/**
 * What the engine offers to its adapters (the HTTP API, the scheduler, plugins' hosts).
 * Implemented by `createEngine` in ./create-engine.ts.
 */
import type { EntityDefinition, EntitySchema, MachineConfig } from '../definitions/definition.js';
import type { Issue } from '../errors.js';
import type { RegistryEntry } from '../plugins/registry.js';
import type { RecordData } from '../plugins/contract.js';
import type { Filter, Sort } from '../store/store.js';
import type { SchedulerPort } from './scheduler-port.js';
import type { DefinitionDrafts } from '../definitions/definition-drafts.js';
import type { ChoiceQueries, ConversationQueries, DashboardBook, DesignerQueries, InboxQueries, NavigationView, RecordReminderQueries, RelatedQueries, ReportQueries, SegmentQueries, UpcomingReminderQueries } from './read/index.js';
import type { Actor, EventLogDoc, ImportOptions, ImportResult, ImportRow, RecordView } from './core/index.js';
import type { AssignmentRuleBook, ChangeFeed, ChannelsPort, DeadLetterQueries, KpiKeeper, Migrations, TierKeeper, WebForms } from './services/index.js';

/** Where a record's automations stand. */
export interface AutomationState {
  /** Effects queued or running (a page follows the record until none is left). */
  pending: number;
  /** Effects that failed for good (an admin may retry them). */
  failed: number;
}

export interface ListQuery {
  filter?: Filter;
  sort?: Sort;
  limit?: number;
  skip?: number;
  /** A number field of the entity to total over every record the filter selects. */
  sum?: string;
}

export interface DefinitionInput {
  schema: EntitySchema;
  machine: MachineConfig;
  summary?: string;
  /** The version the change was made on (0: a new entity); another saved since is a `version-conflict`. */
  baseVersion?: number;
}

export interface Engine extends DesignerQueries, InboxQueries, ConversationQueries, ReportQueries, RelatedQueries, ChoiceQueries, DeadLetterQueries, RecordReminderQueries, UpcomingReminderQueries, SegmentQueries, SchedulerPort {
  /** Latest version of every entity. */
  listDefinitions(): Promise<EntityDefinition[]>;
  /** Records as they change in this process (live pages follow it). */
  changes: ChangeFeed;
  /** Who gets new unowned records: the packs' rules or an admin's edit. */
  assignmentRules: AssignmentRuleBook;
  /** Each role's dashboard, as the packs declare it or an admin arranged it. */
  dashboards: DashboardBook;
  /** Customer tiers applied by the pack's rules (absent without pack.json `tiers`). */
  tiers?: TierKeeper;
  /** KPI targets' actuals computed from the records (absent without pack.json `kpis`). */
  kpis?: KpiKeeper;
  /** One entity's definition (latest, or a given version). Throws `unknown-entity`. */
  getDefinition(entity: string, version?: number): Promise<EntityDefinition>;
  /** Check a candidate definition without saving; [] when valid. */
  validateDefinition(entity: string, input: DefinitionInput): Promise<Issue[]>;
  /** Save a new version of an entity (or a new entity). Throws `invalid-definition` with issues. */
  saveDefinition(entity: string, input: DefinitionInput, actor: Actor): Promise<EntityDefinition>;
  /** Admins' unpublished work on definitions (staff never see it). */
  drafts: DefinitionDrafts;
  /** Moving live records to another version of their definition. */
  migrations: Migrations;
  /** Names, descriptions and params schemas of every registered guard and action. */
  listGuards(): RegistryEntry[];
  listActions(): (RegistryEntry & { kind: 'data' | 'effect' })[];

  create(entity: string, input: { data: RecordData; owner?: string; handler?: string }, actor: Actor): Promise<RecordView>;
  /** Create many records all or nothing (a CSV import); throws `import-rejected` naming every failing row. */
  importRecords(entity: string, rows: ImportRow[], actor: Actor, options?: ImportOptions): Promise<ImportResult>;
  get(entity: string, id: string): Promise<RecordView>;
  /** Who owns and handles a record: what access checks read, without building its view. Throws `not-found`. */
  holders(entity: string, id: string): Promise<{ entity: string; id: string; owner?: string; handler?: string }>;
  /** A page of records, how many match, and with `sum` the total of that field over all of them. Throws `invalid-request` when `sum` is not a number field. */
  list(entity: string, query: ListQuery): Promise<{ items: RecordView[]; total: number; sum?: number }>;
  update(entity: string, id: string, input: { data: RecordData; version?: number }, actor: Actor): Promise<RecordView>;
  remove(entity: string, id: string, input: { version?: number }, actor: Actor): Promise<void>;
  send(
    entity: string,
    id: string,
    event: { type: string; data?: RecordData; payload?: RecordData; version?: number },
    actor: Actor,
    options?: { idempotencyKey?: string },
  ): Promise<RecordView>;
  /** Mark an activity of the record's current stage done (or not done). */
  setActivity(entity: string, id: string, input: { activity: string; done: boolean; version?: number }, actor: Actor): Promise<RecordView>;
  /** Give the record to another owner and/or handler (`handler: null` clears it). */
  assign(entity: string, id: string, input: { owner?: string; handler?: string | null; version?: number }, actor: Actor): Promise<RecordView>;
  timeline(entity: string, id: string): Promise<EventLogDoc[]>;
  /** The workspace's groups of entities, in the order of the business. */
  navigation(): Promise<NavigationView>;
  /** Per record: how many of its automations (effects) are still to run, and how many failed for good. */
  automationsOf(records: { id: string }[]): Promise<Record<string, AutomationState>>;

  /** Public website forms (./web-forms.ts). */
  forms?: WebForms;
  /** Channels, templates, bulk sends and tracking (absent in an engine opened without channels). */
  channels?: ChannelsPort;
  /** Run due outbox effects now (the worker also does this on its own). Returns how many ran. */
  drainOutbox(): Promise<number>;
  close(): Promise<void>;
}
