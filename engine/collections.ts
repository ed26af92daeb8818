/**
 * The names of the store's collections, in one module that imports nothing. Every part of
 * the engine (records, timers, channels, access, the scheduler, backups) names its
 * collections here instead of importing them from the module that writes them, so that
 * naming a collection never pulls in (or cycles through) a service.
 */

// Records and what happens to them (engine/runtime/services).
export const RECORDS = 'records';
/** The event log: every record's timeline. */
export const EVENTS = 'events';
/** What a command with an idempotency key did, so that a repeat answers the same. */
export const IDEMPOTENCY = 'idempotency';
export const TIMERS = 'timers';
/** Effects to run after their commit (at least once, in order per record). */
export const OUTBOX = 'outbox';
/** The in-app notifications of each user (their inbox). */
export const NOTIFICATIONS = 'notifications';
export const MIGRATIONS = 'migrations';
export const ASSIGNMENT_TURNS = 'assignment-turns';
export const ASSIGNMENT_RULES = 'assignment-rules';
export const FORM_RATES = 'form-rates';
/** What each web-form submission with an idempotency key did, so that a repeat answers the same. */
export const FORM_SUBMISSIONS = 'form-submissions';

// The read side (engine/runtime/read).
export const SEGMENTS = 'segments';
export const DASHBOARDS = 'dashboards';
export const CONVERSATION_READS = 'conversation-reads';

// Access (engine/runtime/access).
export const USERS = 'users';
export const SESSIONS = 'sessions';
/**
 * Sign-in attempts, counted before any password is hashed: per address (`address:…`, every
 * attempt, a short window) and per user id and address (`user:…`, wrong passwords in a
 * row, then a lock). Keys are hashes; an unknown user id leaves nothing of its own.
 */
export const FAILURES = 'sign-in-failures';

// Channels (engine/runtime/services/channels).
/** Secrets the server makes once and keeps (the tracking links' signing key). */
export const SETTINGS = 'settings';
export const TEMPLATE_EDITS = 'message-templates';
export const SHORT_LINKS = 'short-links';
export const MESSAGES = 'messages';
export const BULK_SENDS = 'bulk-sends';
export const BULK_RECIPIENTS = 'bulk-recipients';
export const INBOUND = 'inbound';
export const CHANNEL_MEMORY = 'channel-memory';

// Definitions (engine/definitions).
export const DEFINITIONS = 'definitions';
/** At most one draft per entity, `_id` the entity (engine/definitions/definition-drafts.ts). */
export const DEFINITION_DRAFTS = 'definition-drafts';

// The scheduler on the embedded store (engine/scheduler).
export const AGENDA_JOBS = 'agenda-jobs';
