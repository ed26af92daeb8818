/** The public plugin API: the only module plugins import from the engine. */
export type {
  ActionDefinition,
  DataActionDefinition,
  EffectActionDefinition,
  EffectContext,
  EventFacts,
  GuardContext,
  GuardDefinition,
  GuardVerdict,
  JsonSchema,
  Plugin,
  RecordData,
  RecordFacts,
} from './contract.js';
export type { Labels } from '../definitions/definition.js';
