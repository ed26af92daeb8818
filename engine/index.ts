/** The engine's public surface: everything outside engine/ imports from here or engine/plugins. */
export { openTourflow, startServer, findPacks } from './bootstrap.js';
export type { Tourflow } from './bootstrap.js';
export { readConfig } from './config.js';
export type { Config } from './config.js';
export { createEngine } from './runtime/create-engine.js';
export type { EngineOptions } from './runtime/create-engine.js';
export type { Engine, Actor, ListQuery, DefinitionInput } from './runtime/engine-port.js';
export type { RecordView, AllowedEvent, EventLogDoc } from './runtime/record.js';
export type { EntityDefinition, MachineConfig, EntitySchema, Labels, StageMeta } from './definitions/definition.js';
export { Registry } from './plugins/registry.js';
export { registerBuiltins } from './runtime/builtins/index.js';
export type { Store, Filter, Sort, Pipeline, WriteOp } from './store/store.js';
export { UserError, OperationalError, UnexpectedError, VersionConflictError } from './errors.js';
export type { Issue, ErrorCode } from './errors.js';
