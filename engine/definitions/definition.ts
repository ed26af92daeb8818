/**
 * The shape of a pack as the engine sees it after loading. The pack format's meta-schema
 * (pack-format.schema.json) is the source of truth: the types of its files are generated
 * from it into pack-format.gen.ts (`npm run gen:types`) and re-exported here under the
 * names the engine uses. Only the stored definition, which is not a file of a pack, is
 * written by hand.
 */
import type { EntitySchema, MachineConfig } from './pack-format.gen.js';

export type {
  Labels,
  NamedRef,
  NamedRefs,
  ActivityDecl,
  ReminderDecl,
  ReminderAction,
  StageMeta,
  TransitionConfig,
  TransitionsConfig,
  StateConfig,
  MachineConfig,
  EntitySchema,
  FieldSchema,
  PackManifest,
  RecurringJobDecl,
  RecurringAction,
  RecordFilter,
  RecordViewDecl,
  RecordViewColumn,
  NavigationGroup,
  EventSenders,
  MessageTemplate,
  WebForm,
  AssignmentRule,
  Report,
  Rollup,
  Dashboard,
  Tiers,
  Kpis,
} from './pack-format.gen.js';

/** One entity of a pack at one version: what every record is executed against. */
export interface EntityDefinition {
  entity: string;
  pack: string;
  version: number;
  schema: EntitySchema;
  machine: MachineConfig;
  hash: string;
  createdAt: string;
  createdBy: string;
  summary?: string;
  /** Where the version came from: its pack file on disk, or a save (designer, API). */
  source?: 'pack' | 'designer';
}
