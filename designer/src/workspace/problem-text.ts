/**
 * What a refused write says to people (UX.md: "in the person's words, never a path or a
 * key"): the problem's code in their language, with the fields it names by their labels
 * (`/data/balanceAmount` → "Số tiền còn lại"). Codes without words of their own keep the
 * server's detail.
 */
import { ApiError } from '../api/client.js';
import { messageOf } from '../api/loadable.js';
import type { EntitySchema, Labels } from '../model/pack-types.js';
import type { WorkKey } from './messages.js';

/** Codes whose server detail names fields or events by their keys; the others' details are written for people. */
const WORDED: Record<string, WorkKey> = {
  'validation-failed': 'problem.validation-failed',
  'field-read-only': 'problem.field-read-only',
  'required-fields-missing': 'problem.required-fields-missing',
  'event-not-allowed': 'problem.event-not-allowed',
};

/**
 * @example problemText(error, definition.schema, w, label) // 'Không sửa được: Số tiền còn lại'
 */
export function problemText(
  error: unknown,
  schema: EntitySchema | undefined,
  w: (key: WorkKey, params?: Record<string, string | number>) => string,
  label: (labels: Partial<Labels> | undefined, fallback?: string) => string,
): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  // A refusal that says itself in both languages (who may hand a record over).
  const said = error.problem.labels as Partial<Labels> | undefined;
  if (said && typeof said.vi === 'string' && typeof said.en === 'string') return label(said);
  // A guard's refusal carries its reasons in both languages.
  const reasons = error.problem.reasons;
  if (error.code === 'guard-refused' && Array.isArray(reasons)) return reasons.map((r) => label(r as Labels)).join('; ');
  const key = WORDED[error.code];
  if (!key) return error.message;
  const properties = (schema?.properties ?? {}) as Record<string, { 'x-labels'?: Labels }>;
  const fields = [
    ...new Set(
      error.issues
        .map((issue) => /^\/(?:body\/)?data\/([^/]+)/.exec(issue.pointer)?.[1])
        .filter((field): field is string => field !== undefined)
        .map((field) => label(properties[field]?.['x-labels'], field)),
    ),
  ];
  return w(key, { fields: fields.join(', ') }).replace(/:\s*$/, '.');
}
