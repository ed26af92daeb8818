/**
 * The services: they load records, plan through the core and commit to the store, and run
 * what commits leave behind. Records and their timers, firing timers, the outbox and its
 * worker, effects, migrations, assignment, web forms, recurring runs, rollups, tiers and
 * KPIs, dead letters, and the channels (./channels). This file is what the other rooms
 * and the engine's assembly may use.
 */
export { AdminSetting } from './admin-setting.js';
export type { SettingView } from './admin-setting.js';
export { AssignmentRuleBook } from './assignment-rules.js';
export { Assigner } from './assignment.js';
export { ChangeFeed } from './change-feed.js';
export { BULK_PROGRESS_SCHEMA } from './channels/bulk-progress.js';
export type { BulkSenderOptions } from './channels/bulk-send.js';
export { openChannels } from './channels/channels.js';
export type { Channels, ChannelsOptions, ChannelsPort } from './channels/channels.js';
export { escapeHtml } from './channels/compose.js';
export type { InboxDecl } from './channels/inbound.js';
export type { MessageDoc } from './channels/messenger.js';
export { TimersFirst } from './timers-first.js';
export { DEAD_LETTER_SCHEMA, deadLetterQueries } from './dead-letters.js';
export type { DeadLetterQueries } from './dead-letters.js';
export { effectContext } from './effect-context.js';
export { KpiKeeper } from './kpis.js';
export { Migrations } from './migrations.js';
export { OutboxWorker } from './outbox-worker.js';
export type { OutboxWorkerOptions } from './outbox-worker.js';
export type { OutboxEntry } from './outbox.js';
export { RECORD_INDEXES, RecordService } from './record-service.js';
export { runRecurring } from './recurring-run.js';
export type { RecurringOutcome, RecurringRun } from './recurring-run.js';
export type { SummaryDeps } from './report-summary.js';
export { Rollups, rollupCollection } from './rollups.js';
export { TierKeeper } from './tiers.js';
export { TimerFiring } from './timer-firing.js';
export type { DueTimer, TimerOutcome } from './timer-firing.js';
export { TIMER_SYNC_ACTION } from './timers.js';
export type { TimerSink, TimerSyncOp } from './timers.js';
export { HONEYPOT, WebForms } from './web-forms.js';
export type { FormField, FormView } from './web-forms.js';
