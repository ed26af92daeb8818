/**
 * The pack format is the contract between the engine and the designer: its types are
 * generated from the engine's meta-schema (`npm run gen:types`), so they are imported
 * here, as types only, rather than written twice. Nothing else of the engine is imported.
 */
export type {
  ActivityDecl,
  EntitySchema,
  FieldSchema,
  EventSenders,
  Labels,
  MachineConfig,
  NamedRef,
  NamedRefs,
  ReminderAction,
  ReminderDecl,
  StageMeta,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from '../../../engine/definitions/pack-format.gen.js';
