/**
 * A condition while the user edits it (every input's text as typed), and the check that
 * turns it into a condition the list can apply. Pure.
 */
import { needsValue, opsFor, type Condition, type FieldKind, type FilterOp } from './filter-ops.js';

export interface ConditionDraft {
  field: string;
  op: FilterOp | '';
  /** The value, or the lower bound of `between`; for a free-text `anyOf`, values separated by commas. */
  value: string;
  /** The upper bound of `between`. */
  to: string;
  /** The chosen keys of an enum's or the stage's `anyOf`. */
  values: string[];
}

export const EMPTY_DRAFT: ConditionDraft = { field: '', op: '', value: '', to: '', values: [] };

/** A draft of an existing condition (to edit it), or of a new one. */
export function draftOf(condition?: Condition): ConditionDraft {
  if (!condition) return EMPTY_DRAFT;
  const { value } = condition;
  if (Array.isArray(value))
    return condition.op === 'between'
      ? { ...EMPTY_DRAFT, field: condition.field, op: condition.op, value: value[0] ?? '', to: value[1] ?? '' }
      : { ...EMPTY_DRAFT, field: condition.field, op: condition.op, value: value.join(', '), values: value };
  return { ...EMPTY_DRAFT, field: condition.field, op: condition.op, value: value ?? '' };
}

/** A draft moved to another field: its kind's first operator, no value. */
export function draftForField(field: string, kind: FieldKind | undefined): ConditionDraft {
  return { ...EMPTY_DRAFT, field, op: kind ? (opsFor(kind)[0] ?? '') : '' };
}

/** Why a draft cannot be applied yet. */
export type DraftProblem = 'field' | 'value' | 'number' | 'date' | 'days' | 'month';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A number as typed ("45.000.000", "1,5") as plain digits, or undefined. */
function numberText(text: string, whole: boolean): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const cleaned = whole ? trimmed.replace(/[^\d-]/g, '') : trimmed.replace(',', '.');
  const n = Number(cleaned);
  return cleaned && Number.isFinite(n) ? String(whole ? Math.trunc(n) : n) : undefined;
}

type Checked = { ok: string } | { problem: DraftProblem };

/** The value of one side, checked for the kind of field. */
function single(text: string, kind: FieldKind, whole: boolean): Checked {
  const trimmed = text.trim();
  if (!trimmed) return { problem: 'value' };
  if (kind === 'number') {
    const n = numberText(trimmed, whole);
    return n === undefined ? { problem: 'number' } : { ok: n };
  }
  if (kind === 'date' || kind === 'dateTime') return DAY.test(trimmed) ? { ok: trimmed } : { problem: 'date' };
  return { ok: trimmed.normalize('NFC') };
}

/**
 * The condition a draft describes, or what is missing. `whole` says a number field holds
 * whole numbers (typed with thousands separators). The bounds of `between` are put in order.
 *
 * @example
 * conditionOfDraft({ ...EMPTY_DRAFT, field: 'budget', op: 'gte', value: '45.000.000' }, 'number', true)
 * // { condition: { field: 'budget', op: 'gte', value: '45000000' } }
 */
export function conditionOfDraft(
  draft: ConditionDraft,
  kind: FieldKind | undefined,
  whole = false,
): { condition: Condition } | { problem: DraftProblem } {
  const { field, op } = draft;
  if (!field || !kind || !op) return { problem: 'field' };
  if (!needsValue(op)) return { condition: { field, op } };
  if (op === 'anyOf') {
    const values =
      kind === 'list' && draft.values.length === 0
        ? draft.value.split(',').map((v) => v.trim().normalize('NFC')).filter(Boolean)
        : draft.values;
    return values.length > 0 ? { condition: { field, op, value: values } } : { problem: 'value' };
  }
  if (op === 'lastDays' || op === 'nextDays') {
    const n = Number(draft.value.trim());
    return draft.value.trim() && Number.isInteger(n) && n >= 1 && n <= 3650
      ? { condition: { field, op, value: String(n) } }
      : { problem: 'days' };
  }
  if (op === 'inMonth') {
    const m = Number(draft.value);
    return Number.isInteger(m) && m >= 1 && m <= 12 ? { condition: { field, op, value: String(m) } } : { problem: 'month' };
  }
  if (op === 'between') {
    const low = single(draft.value, kind, whole);
    const high = single(draft.to, kind, whole);
    if ('problem' in low) return low;
    if ('problem' in high) return high;
    const [from, to] = [low.ok, high.ok];
    const swap = kind === 'number' ? Number(from) > Number(to) : from > to;
    return { condition: { field, op, value: swap ? [to, from] : [from, to] } };
  }
  const value = single(draft.value, kind === 'owner' ? 'text' : kind, whole);
  return 'problem' in value ? value : { condition: { field, op, value: value.ok } };
}
