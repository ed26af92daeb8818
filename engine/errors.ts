/**
 * Errors are values with stable codes, grouped by who is at fault (STYLE.md §6).
 * The API maps each code to a problem+json `type` in one place (engine/api/problem.ts).
 */

/** A failing location in a document, as a JSON pointer with a plain message. */
export interface Issue {
  pointer: string;
  message: string;
  /** The file the pointer refers to, when the issue comes from a pack on disk. */
  file?: string;
}

/** Codes for errors caused by the caller's input or rights. */
export type UserErrorCode =
  | 'malformed-json'
  | 'invalid-request'
  | 'validation-failed'
  | 'unknown-entity'
  | 'not-found'
  | 'event-not-allowed'
  | 'guard-refused'
  | 'required-fields-missing'
  | 'field-read-only'
  | 'import-rejected'
  | 'version-conflict'
  | 'entity-archived'
  | 'invalid-definition'
  | 'unauthenticated'
  | 'too-many-attempts'
  | 'forbidden'
  | 'already-running';

/** Codes for errors where a dependency failed and a retry may help. */
export type OperationalErrorCode = 'store-unavailable' | 'store-locked' | 'effect-failed' | 'auth-busy' | 'backup-refused';

export type ErrorCode = UserErrorCode | OperationalErrorCode | 'unexpected';

interface ErrorOptions {
  issues?: Issue[];
  /** Extra machine-readable members for the problem document. */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

export abstract class TourflowError extends Error {
  abstract readonly kind: 'user' | 'operational' | 'unexpected';
  readonly issues: Issue[];
  readonly extra: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.issues = options.issues ?? [];
    this.extra = options.extra ?? {};
  }
}

/** The caller sent something wrong or is not allowed: fix the request, do not retry. */
export class UserError extends TourflowError {
  readonly kind = 'user';
  constructor(code: UserErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** A dependency failed (disk, database, provider): retrying later may succeed. */
export class OperationalError extends TourflowError {
  readonly kind = 'operational';
  constructor(code: OperationalErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** A bug: something the code did not expect. */
export class UnexpectedError extends TourflowError {
  readonly kind = 'unexpected';
  constructor(message: string, options?: ErrorOptions) {
    super('unexpected', message, options);
  }
}

/**
 * Not now: the work may only be done from `at` on (advertising waits for its hours). A
 * queue that meets it tries again then, without counting a failed attempt.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly at: Date,
    message: string,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Normalise anything caught into an Error (STYLE.md §6: `ensureError`). */
export function ensureError(value: unknown): Error {
  if (value instanceof Error) return value;
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return new Error(text);
}

/** Raised by a store when an optimistic-concurrency check fails. */
export class VersionConflictError extends UserError {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(
      'version-conflict',
      actual === undefined
        ? `${collection}/${id} does not exist any more (expected version ${expected})`
        : `${collection}/${id} is at version ${actual}, not ${expected}: reload it and try again`,
      { extra: { expectedVersion: expected, currentVersion: actual ?? null } },
    );
  }
}

/** Raised by a store when an insert meets an existing `_id`. */
export class DuplicateKeyError extends UserError {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super('version-conflict', `${collection}/${id} already exists`);
  }
}
