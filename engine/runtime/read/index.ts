/**
 * The read side: queries and views over what the services committed. Inboxes,
 * conversations, segments, related records and their views, choices for reference fields,
 * reminders to come, reports and dashboards, the designer's queries, navigation. This file
 * is what the other rooms and the engine's assembly may use.
 */
export { conversationQueries, THREAD_MESSAGE_SCHEMA, THREAD_SCHEMA } from './conversation-inbox.js';
export type { ConversationQueries } from './conversation-inbox.js';
export { DashboardBook } from './dashboards.js';
export { designerQueries } from './designer-queries.js';
export type { DesignerQueries } from './designer-queries.js';
export { inboxQueries } from './inbox.js';
export type { InboxItem, InboxPage, InboxQueries } from './inbox.js';
export { navigationView } from './navigation.js';
export type { NavigationView } from './navigation.js';
export { choiceQueries } from './record-choices.js';
export type { ChoiceQueries } from './record-choices.js';
export { recordReminderQueries } from './record-reminders.js';
export type { RecordReminderQueries, RecordReminders } from './record-reminders.js';
export { relatedQueries } from './related-records.js';
export type { RelatedQueries } from './related-records.js';
export { reportQueries } from './reports.js';
export type { ReportQueries } from './reports.js';
export { SEGMENT_CONTROLS_MAX_BYTES, SEGMENT_NAME_MAX, segmentIssues, segmentNameIssues, segmentQueries } from './segments.js';
export type { SegmentQueries } from './segments.js';
export { upcomingReminderQueries } from './upcoming-reminders.js';
export type { UpcomingReminderQueries } from './upcoming-reminders.js';
