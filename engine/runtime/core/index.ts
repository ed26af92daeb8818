/**
 * The pure core: what a definition means and what a command would do, with no store, no
 * I/O and no HTTP (an ESLint rule keeps it so). Planning a transition, guards and actions
 * (and the built-in ones), timer planning, the business calendar, record views and
 * summaries, migrations and imports as plans, the simulator. Anything may call it.
 * This file is what the other rooms may use.
 */
export { registerBuiltins } from './builtins/index.js';
export { notifyRecipient } from './builtins/actions.js';
export { DEFAULT_TIMEZONE, addDays, isLeapYear, isTimeZone, isoDate, localDate, startOfDay, zonedInstant } from './calendar.js';
export { compileDefinition } from './compiled-definition.js';
export type { CompiledDefinition } from './compiled-definition.js';
export { CompiledDefinitions, unknownEntity } from './definition-source.js';
export type { DefinitionReader } from './definition-source.js';
export { assertMaySend, maySend, sendersOf } from './event-senders.js';
export type { RolesOf } from './event-senders.js';
export { readField } from './field-path.js';
export { COMPUTE_KEYWORD } from './field-roles.js';
export { assertFieldsWritable, planPatch } from './field-writes.js';
export { IMPORT_ROW_LIMIT, importRejected, planImport, planNewRecord } from './import-records.js';
export type { ImportOptions, ImportResult, ImportRow } from './import-records.js';
export { planRecordMigration } from './migration-plan.js';
export type { MigrationProblem, RecordMigration, StageMapping } from './migration-plan.js';
export { eventLabels, planEvent } from './plan-transition.js';
export type { PlannedEffect, TimerOp, TransitionPlan } from './plan-transition.js';
export { recordTitle, summarize, titleKeys } from './record-summary.js';
export type { RecordSummary } from './record-summary.js';
export { recordFacts, toRecordView } from './record-view.js';
export type { Actor, AllowedEvent, EventLogDoc, RecordDoc, RecordView, TimerChange, TimerDoc } from './record.js';
export { isSystemActor, reachedRecord, unreachableInRows, unreachableReferences } from './reference-reach.js';
export type { ReachCheck } from './reference-reach.js';
export { resolvePeriod } from './report-period.js';
export type { Period } from './report-period.js';
export { simulateDefinition } from './simulate-definition.js';
export type { SimulationInput, SimulationResult } from './simulate-definition.js';
export { hasTimers, planTimerChanges } from './timer-plan.js';
export { dashboardIssues, keySource, mayRunReport, pipelineIssues, REPORT_STAGES, ROLLUP_RESERVED, rollupKeyFor } from './report-rules.js';
export type { ReportResult, ReportSummary } from './report-rules.js';
export type { KeySource } from './report-rules.js';
export { renderTemplate, smsSegments, stripDiacritics, templateIssues } from './render-template.js';
export type { Lang } from './render-template.js';
