/**
 * The registry the definition tests validate against: the engine's real built-in guards
 * and actions (fieldCompare, fieldsPresent, stageRequiredFieldsPresent, activitiesDone,
 * setField, incrementField, createRecord, sendEvent, notify).
 */
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';

export function testRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  return registry;
}
