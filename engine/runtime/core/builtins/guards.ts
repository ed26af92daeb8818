/** Built-in guards: field comparisons, required fields present, activities done. */
import type { Labels } from '../../../definitions/definition.js';
import type { GuardContext, GuardDefinition, GuardVerdict } from '../../../plugins/contract.js';
import { isPresent, readField } from '../field-path.js';

const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'empty'] as const;
type Op = (typeof ops)[number];

const opWords: Record<Op, { en: string; vi: string }> = {
  eq: { en: 'must equal', vi: 'phải bằng' },
  ne: { en: 'must not equal', vi: 'không được bằng' },
  gt: { en: 'must be greater than', vi: 'phải lớn hơn' },
  gte: { en: 'must be at least', vi: 'phải ít nhất là' },
  lt: { en: 'must be less than', vi: 'phải nhỏ hơn' },
  lte: { en: 'must be at most', vi: 'phải nhiều nhất là' },
  in: { en: 'must be one of', vi: 'phải là một trong' },
  nin: { en: 'must not be one of', vi: 'không được là một trong' },
  exists: { en: 'must be filled in', vi: 'phải được nhập' },
  empty: { en: 'must be empty', vi: 'phải để trống' },
};

function compare(actual: unknown, op: Op, expected: unknown): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual);
    case 'nin':
      return Array.isArray(expected) && !expected.includes(actual);
    case 'exists':
      return isPresent(actual);
    case 'empty':
      return !isPresent(actual);
    default: {
      if (typeof actual !== typeof expected || (typeof actual !== 'number' && typeof actual !== 'string')) return false;
      const a = actual;
      const b = expected as number | string;
      return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
    }
  }
}

function verdict(ok: boolean, en: string, vi: string): GuardVerdict {
  return ok ? { ok } : { ok, reason: { en, vi } };
}

const fieldCompare: GuardDefinition<{ field: string; op: Op; value?: unknown }> = {
  description: 'Compare a field of the record with a value.',
  paramsSchema: {
    type: 'object',
    required: ['field', 'op'],
    additionalProperties: false,
    properties: { field: { type: 'string', minLength: 1 }, op: { enum: [...ops] }, value: {} },
  },
  evaluate(ctx, { field, op, value }) {
    const ok = compare(readField(ctx.data, field), op, value);
    const name = ctx.fieldLabel?.(field) ?? { vi: field, en: field };
    const values = Array.isArray(value) ? value : [value];
    const shown = (lang: 'vi' | 'en') =>
      op === 'exists' || op === 'empty' ? '' : ` ${values.map((v) => ctx.valueLabel?.(field, v)?.[lang] ?? JSON.stringify(v)).join(', ')}`;
    return verdict(ok, `${name.en} ${opWords[op].en}${shown('en')}`, `${name.vi} ${opWords[op].vi}${shown('vi')}`);
  },
};

function missingFields(data: Record<string, unknown>, fields: string[]): string[] {
  return fields.filter((f) => !isPresent(readField(data, f)));
}

/** Fields by the names people know them by, in each language. */
function named(ctx: GuardContext, fields: string[]): Labels {
  const labels = fields.map((f) => ctx.fieldLabel?.(f) ?? { vi: f, en: f });
  return { en: labels.map((l) => l.en).join(', '), vi: labels.map((l) => l.vi).join(', ') };
}

function missingVerdict(ctx: GuardContext, missing: string[]): GuardVerdict {
  const names = named(ctx, missing);
  return verdict(missing.length === 0, `Missing: ${names.en}`, `Còn thiếu: ${names.vi}`);
}

const fieldsPresent: GuardDefinition<{ fields: string[] }> = {
  description: 'The listed fields are filled in.',
  paramsSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: { fields: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } },
  },
  evaluate(ctx, { fields }) {
    return missingVerdict(ctx, missingFields(ctx.data, fields));
  },
};

const stageParams = {
  type: 'object',
  additionalProperties: false,
  properties: { stage: { type: 'string', minLength: 1 } },
};

function stageOf(ctx: GuardContext, stage: string | undefined) {
  return ctx.stageMeta(stage ?? ctx.record.stage) ?? { requiredFields: [], activities: [] };
}

const stageRequiredFieldsPresent: GuardDefinition<{ stage?: string }> = {
  description: "The fields a stage's form requires are filled in (the current stage unless one is named).",
  paramsSchema: stageParams,
  evaluate(ctx, { stage }) {
    return missingVerdict(ctx, missingFields(ctx.data, stageOf(ctx, stage).requiredFields));
  },
};

const activitiesDone: GuardDefinition<{ stage?: string }> = {
  description: "Every required activity of a stage is done (the current stage unless one is named).",
  paramsSchema: stageParams,
  evaluate(ctx, { stage }) {
    const open = stageOf(ctx, stage)
      .activities.filter((a) => a.required && !ctx.record.activitiesDone.includes(a.id))
      .map((a) => a.id);
    return verdict(open.length === 0, `Activities not done: ${open.join(', ')}`, `Hoạt động chưa xong: ${open.join(', ')}`);
  },
};

const withinHours: GuardDefinition<{ field: string; hours: number; hoursField?: string; unlessField?: string }> = {
  description:
    'The instant in a field is at most `hours` ago (a reply within a channel’s window after the customer’s last message); `hoursField`: a field of the record holding the hours instead (each channel’s own window; 0: the channel has none), `hours` when it is empty; `unlessField`: a field that, when set, lets it pass anyway (the channel has a fallback after its window).',
  paramsSchema: {
    type: 'object',
    required: ['field', 'hours'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', minLength: 1 },
      hours: { type: 'number', exclusiveMinimum: 0 },
      hoursField: { type: 'string', minLength: 1 },
      unlessField: { type: 'string', minLength: 1 },
    },
  },
  evaluate(ctx, { field, hours, hoursField, unlessField }) {
    const value = readField(ctx.data, field);
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    const own = hoursField === undefined ? undefined : readField(ctx.data, hoursField);
    if (own === 0) return { ok: true };
    const window = typeof own === 'number' && own > 0 ? own : hours;
    const fallback = unlessField === undefined ? undefined : readField(ctx.data, unlessField);
    const ok = (Number.isFinite(at) && Date.now() - at <= window * 3_600_000) || (fallback !== undefined && fallback !== '' && fallback !== false && fallback !== null);
    const name = ctx.fieldLabel?.(field) ?? { vi: field, en: field };
    return verdict(ok, `more than ${window} hours have passed since “${name.en}”: the channel takes no reply now`, `đã quá ${window} giờ kể từ “${name.vi}”: kênh không cho phép trả lời lúc này`);
  },
};

export const builtinGuards = { fieldCompare, fieldsPresent, stageRequiredFieldsPresent, activitiesDone, withinHours };
