/**
 * Why an automation did not run, in people's words, from its error code; the engine's own
 * sentence stays available as the detail.
 */
import type { WorkKey } from './messages.js';

const KNOWN = new Set([
  'event-not-allowed',
  'guard-refused',
  'required-fields-missing',
  'validation-failed',
  'field-read-only',
  'not-found',
  'forbidden',
  'effect-timeout',
]);

/** The message key for a failure's code (a generic one for codes without their own). */
export function failureKey(code: string | undefined): WorkKey {
  return `failure.${code && KNOWN.has(code) ? code : 'other'}` as WorkKey;
}
