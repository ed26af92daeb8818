/** A condition as people read it on its chip: "Hạng khách hàng là VIP1", "Date of birth in this month". Pure. */
import type { Lang } from '../model/draft.js';
import type { Labels } from '../model/pack-types.js';
import { enumOptions } from './enum-labels.js';
import { isMoney, OWNER_FIELD, STAGE_FIELD, type Condition } from './filter-ops.js';
import type { WorkKey } from './messages.js';
import { stageOf, stageTitle, type Field, type Stage } from './pipeline-model.js';

/** What naming a condition needs: the workspace's text functions and the pipeline's stages. */
export interface ConditionWords {
  w: (key: WorkKey, params?: Record<string, string | number>) => string;
  label: (labels: Partial<Labels> | undefined, fallback?: string) => string;
  lang: Lang;
  stages: Stage[];
}

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/**
 * The name of a filterable field: the stage, the owner, or the schema field's label.
 *
 * @example filterFieldLabel('@stage', undefined, words) // 'Giai đoạn'
 */
export function filterFieldLabel(key: string, field: Field | undefined, words: ConditionWords): string {
  if (key === STAGE_FIELD) return words.w('record.stage');
  if (key === OWNER_FIELD) return words.w('record.owner');
  return words.label(field?.labels, key);
}

/**
 * The name of a month of the year in `lang`.
 *
 * @example monthName(11, 'en') // 'November'
 * monthName(11, 'vi') // 'tháng 11'
 */
export function monthName(month: number, lang: Lang): string {
  // ICU versions disagree on the case of Vietnamese month names ("Tháng 11" / "tháng 11").
  if (lang === 'vi') return `tháng ${month}`;
  return new Intl.DateTimeFormat(locale(lang), { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

/** One value of a condition for reading: labelled choice, grouped number, local date. */
function valueText(condition: Condition, value: string, field: Field | undefined, words: ConditionWords): string {
  const { lang } = words;
  if (condition.field === STAGE_FIELD) return stageTitle(stageOf(words.stages, value), words.label, value);
  const option = enumOptions(field?.schema, lang)?.find((o) => o.key === value);
  if (option) return option.label;
  const schema = (field?.schema ?? {}) as { type?: unknown };
  if ((schema.type === 'integer' || schema.type === 'number') && value !== '' && Number.isFinite(Number(value)))
    return new Intl.NumberFormat(locale(lang)).format(Number(value)) + (isMoney(field) ? ' ₫' : '');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  return value;
}

/**
 * The sentence a condition's chip shows, in the words' language.
 *
 * @example
 * conditionText({ field: 'tier', op: 'anyOf', value: ['VIP1', 'VIP2'] }, tierField, words) // 'Tier is VIP1 or VIP2'
 */
export function conditionText(condition: Condition, field: Field | undefined, words: ConditionWords): string {
  const { w } = words;
  const name = filterFieldLabel(condition.field, field, words);
  const values = Array.isArray(condition.value) ? condition.value : condition.value === undefined ? [] : [condition.value];
  const shown = (v: string) => valueText(condition, v, field, words);
  const params: Record<string, string> = { field: name };
  if (condition.op === 'between') {
    params.from = shown(values[0] ?? '');
    params.to = shown(values[1] ?? '');
  } else if (condition.op === 'inMonth') {
    params.value = monthName(Number(values[0]), words.lang);
  } else if (condition.op === 'lastDays' || condition.op === 'nextDays') {
    params.value = values[0] ?? '';
  } else {
    params.value = values.map(shown).join(w('filter.or'));
  }
  return w(`filter.chip.${condition.op}`, params);
}
