/**
 * The filter bar's pure parts: which operators a field offers, old segments (one field =
 * value) read as conditions, drafts checked into conditions, chips' sentences in vi and en,
 * and business-zone days.
 */
import { describe, expect, it } from 'vitest';
import { labelIn, type Lang } from '../../designer/src/model/draft.js';
import { conditionText, monthName, type ConditionWords } from '../../designer/src/workspace/condition-text.js';
import { addDays, businessDay, dayStart } from '../../designer/src/workspace/filter-dates.js';
import { conditionOfDraft, draftOf, EMPTY_DRAFT } from '../../designer/src/workspace/filter-draft.js';
import { fieldKind, filterFields, opsFor, type Condition } from '../../designer/src/workspace/filter-ops.js';
import { INITIAL_CONTROLS } from '../../designer/src/workspace/list-filter.js';
import { workMessages } from '../../designer/src/workspace/messages.js';
import { listFields, type Stage } from '../../designer/src/workspace/pipeline-model.js';
import { readSavedControls } from '../../designer/src/workspace/saved-controls.js';
import { schema } from './list-filter-schema.js';

const fields = listFields(schema);
const field = (key: string) => fields.find((f) => f.key === key);
const stages: Stage[] = [
  { path: 'open.new', labels: { vi: 'Mới', en: 'New' }, parents: [{ vi: 'Đang mở', en: 'Open' }], requiredFields: [], hiddenFields: [], lockedFields: [], activities: [], final: false },
  { path: 'won', labels: { vi: 'Thắng', en: 'Won' }, parents: [], requiredFields: [], hiddenFields: [], lockedFields: [], activities: [], final: true },
];
const words = (lang: Lang): ConditionWords => ({
  w: (key, params) => workMessages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params?.[name] ?? whole)),
  label: (labels, fallback = '') => labelIn(labels, lang, fallback),
  lang,
  stages,
});
const text = (condition: Condition, lang: Lang) => conditionText(condition, field(condition.field), words(lang));

describe('filterable fields and their operators', () => {
  it('gives each field a kind, stage and owner first, objects left out', () => {
    expect(filterFields(fields).map((f) => [f.key, f.kind])).toEqual([
      ['@stage', 'stage'],
      ['@owner', 'owner'],
      ['name', 'text'],
      ['province', 'text'],
      ['tier', 'enum'],
      ['stars', 'enum'],
      ['budget', 'number'],
      ['rating', 'number'],
      ['vip', 'boolean'],
      ['dateOfBirth', 'date'],
      ['dueOn', 'date'],
      ['seenAt', 'dateTime'],
      ['tags', 'list'],
      ['interests', 'list'],
    ]);
    expect(fieldKind({ type: 'array', items: { type: 'object' } })).toBeUndefined();
    expect(opsFor('date')).toContain('thisMonth');
    expect(opsFor('dateTime')).not.toContain('thisMonth');
    expect(opsFor('text')).toEqual(['contains', 'is', 'isEmpty', 'isNotEmpty']);
  });
});

describe('segments saved by older versions', () => {
  it('reads one field = value as the condition that filtered the same way', () => {
    const old = { search: 'an', stage: 'won', field: 'tier', value: 'VIP1', sortBy: 'name', direction: 1, skip: 50 };
    expect(readSavedControls(old, fields)).toEqual({
      ...INITIAL_CONTROLS,
      search: 'an',
      stage: 'won',
      sortBy: 'name',
      direction: 1,
      conditions: [{ field: 'tier', op: 'anyOf', value: ['VIP1'] }],
    });
    const condition = (f: string, value: string) => readSavedControls({ field: f, value }, fields).conditions;
    expect(condition('tags', 'vip')).toEqual([{ field: 'tags', op: 'anyOf', value: ['vip'] }]);
    expect(condition('budget', '45.000.000')).toEqual([{ field: 'budget', op: 'eq', value: '45000000' }]);
    expect(condition('vip', 'true')).toEqual([{ field: 'vip', op: 'yes' }]);
    expect(condition('province', ' Hà Nội ')).toEqual([{ field: 'province', op: 'contains', value: 'Hà Nội' }]);
    expect(condition('gone', 'x')).toEqual([{ field: 'gone', op: 'contains', value: 'x' }]);
    expect(condition('tier', '')).toEqual([]);
  });

  it('keeps well-formed conditions, drops the rest, and defaults what is missing', () => {
    const saved = {
      conditions: [
        { field: 'dateOfBirth', op: 'thisMonth' },
        { field: 'tier', op: 'anyOf', value: ['VIP1', 'VIP2'] },
        { field: 'tier', op: 'like', value: 'x' },
        { field: '', op: 'isEmpty' },
        { field: 'budget', op: 'eq', value: 5 },
        'nonsense',
      ],
      direction: 2,
    };
    expect(readSavedControls(saved, fields)).toEqual({
      ...INITIAL_CONTROLS,
      conditions: [
        { field: 'dateOfBirth', op: 'thisMonth' },
        { field: 'tier', op: 'anyOf', value: ['VIP1', 'VIP2'] },
      ],
    });
    expect(readSavedControls(null, fields)).toEqual(INITIAL_CONTROLS);
    expect(readSavedControls([], fields)).toEqual(INITIAL_CONTROLS);
  });
});

describe('drafts into conditions', () => {
  const draft = (patch: Partial<typeof EMPTY_DRAFT>) => ({ ...EMPTY_DRAFT, ...patch });
  it('reads VND amounts with separators and puts bounds in order', () => {
    expect(conditionOfDraft(draft({ field: 'budget', op: 'gte', value: '45.000.000' }), 'number', true)).toEqual({
      condition: { field: 'budget', op: 'gte', value: '45000000' },
    });
    expect(conditionOfDraft(draft({ field: 'budget', op: 'between', value: '9,000', to: '200' }), 'number', true)).toEqual({
      condition: { field: 'budget', op: 'between', value: ['200', '9000'] },
    });
    expect(conditionOfDraft(draft({ field: 'rating', op: 'eq', value: '4,5' }), 'number', false)).toEqual({
      condition: { field: 'rating', op: 'eq', value: '4.5' },
    });
    expect(conditionOfDraft(draft({ field: 'dateOfBirth', op: 'between', value: '2000-01-01', to: '1990-01-01' }), 'date')).toEqual({
      condition: { field: 'dateOfBirth', op: 'between', value: ['1990-01-01', '2000-01-01'] },
    });
  });

  it('says what is missing', () => {
    expect(conditionOfDraft(draft({}), undefined)).toEqual({ problem: 'field' });
    expect(conditionOfDraft(draft({ field: 'province', op: 'contains', value: ' ' }), 'text')).toEqual({ problem: 'value' });
    expect(conditionOfDraft(draft({ field: 'budget', op: 'eq', value: 'abc' }), 'number', true)).toEqual({ problem: 'number' });
    expect(conditionOfDraft(draft({ field: 'dateOfBirth', op: 'on', value: '5/11' }), 'date')).toEqual({ problem: 'date' });
    expect(conditionOfDraft(draft({ field: 'dueOn', op: 'nextDays', value: '0' }), 'date')).toEqual({ problem: 'days' });
    expect(conditionOfDraft(draft({ field: 'dateOfBirth', op: 'inMonth', value: '' }), 'date')).toEqual({ problem: 'month' });
    expect(conditionOfDraft(draft({ field: 'tier', op: 'anyOf' }), 'enum')).toEqual({ problem: 'value' });
    // A text that happens to be the name of a problem is a value like any other.
    expect(conditionOfDraft(draft({ field: 'province', op: 'is', value: 'date' }), 'text')).toEqual({
      condition: { field: 'province', op: 'is', value: 'date' },
    });
  });

  it('splits free-text lists on commas, and round-trips a condition through a draft', () => {
    expect(conditionOfDraft(draft({ field: 'interests', op: 'anyOf', value: 'Phú Quốc, , Đà Lạt' }), 'list')).toEqual({
      condition: { field: 'interests', op: 'anyOf', value: ['Phú Quốc', 'Đà Lạt'] },
    });
    const conditions: Condition[] = [
      { field: 'tier', op: 'anyOf', value: ['VIP1'] },
      { field: 'budget', op: 'between', value: ['1', '2'] },
      { field: 'dateOfBirth', op: 'thisMonth' },
      { field: 'dueOn', op: 'lastDays', value: '7' },
    ];
    const kinds = ['enum', 'number', 'date', 'date'] as const;
    conditions.forEach((c, i) => expect(conditionOfDraft(draftOf(c), kinds[i], true)).toEqual({ condition: c }));
  });
});

describe('chips', () => {
  it('reads as a sentence in Vietnamese and English', () => {
    expect(text({ field: 'tier', op: 'anyOf', value: ['VIP1'] }, 'vi')).toBe('Hạng khách hàng là VIP1');
    expect(text({ field: 'tier', op: 'anyOf', value: ['VIP1', 'Loyal'] }, 'vi')).toBe('Hạng khách hàng là VIP1 hoặc Thân thiết');
    expect(text({ field: 'province', op: 'contains', value: 'Hà Nội' }, 'vi')).toBe('Tỉnh/thành chứa Hà Nội');
    expect(text({ field: 'province', op: 'contains', value: 'Hà Nội' }, 'en')).toBe('Province contains Hà Nội');
    expect(text({ field: 'dateOfBirth', op: 'thisMonth' }, 'vi')).toBe('Ngày sinh trong tháng này');
    expect(text({ field: 'dateOfBirth', op: 'thisMonth' }, 'en')).toBe('Date of birth in this month');
    expect(text({ field: 'dateOfBirth', op: 'inMonth', value: '11' }, 'en')).toBe('Date of birth in November');
    expect(text({ field: 'dateOfBirth', op: 'inMonth', value: '11' }, 'vi')).toBe('Ngày sinh vào tháng 11');
    expect(text({ field: 'budget', op: 'between', value: ['1000000', '45000000'] }, 'vi')).toBe('Ngân sách từ 1.000.000 ₫ đến 45.000.000 ₫');
    expect(text({ field: 'budget', op: 'gte', value: '45000000' }, 'en')).toBe('Budget ≥ 45,000,000 ₫');
    expect(text({ field: 'dueOn', op: 'nextDays', value: '7' }, 'en')).toBe('Due in the next 7 days');
    expect(text({ field: 'dateOfBirth', op: 'before', value: '1990-01-31' }, 'en')).toBe('Date of birth before 31 Jan 1990');
    expect(text({ field: '@stage', op: 'anyOf', value: ['open.new', 'won'] }, 'en')).toBe('Stage is Open › New or Won');
    expect(text({ field: '@owner', op: 'me' }, 'vi')).toBe('Người phụ trách là tôi');
    expect(text({ field: 'vip', op: 'no' }, 'en')).toBe('VIP: no');
    expect(monthName(3, 'en')).toBe('March');
  });
});

describe('business days', () => {
  it('cuts days in the business zone, whatever the machine\'s', () => {
    expect(businessDay(new Date('2026-05-12T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-05-12');
    expect(businessDay(new Date('2026-05-12T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-05-13');
    expect(dayStart('2026-05-13', 'Asia/Ho_Chi_Minh')).toBe('2026-05-12T17:00:00.000Z');
    // A zone with summer time: Paris is UTC+2 on 29 March 2026 (the change is at 02:00 that night).
    expect(dayStart('2026-03-30', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(dayStart('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
