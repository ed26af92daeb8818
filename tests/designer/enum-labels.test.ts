/** Enum values shown by their vi/en labels (x-enumLabels) in forms, cells and filters; raw in the data. */
import { describe, expect, it } from 'vitest';
import type { EntitySchema, FieldSchema } from '../../designer/src/model/pack-types.js';
import { enumLabel, enumOptions, enumText, enumUiSchema } from '../../designer/src/workspace/enum-labels.js';
import { formUiSchema } from '../../designer/src/workspace/form-schema.js';
import { INITIAL_CONTROLS, listFilter } from '../../designer/src/workspace/list-filter.js';
import { listFields } from '../../designer/src/workspace/pipeline-model.js';

const kind: FieldSchema = {
  type: 'string',
  enum: ['individual', 'agent', 'walk-in'],
  'x-labels': { vi: 'Loại khách', en: 'Customer kind' },
  'x-enumLabels': {
    individual: { vi: 'Cá nhân', en: 'Individual' },
    agent: { vi: 'Đại lý', en: 'Agent' },
  },
};
const tags: FieldSchema = {
  type: 'array',
  uniqueItems: true,
  items: { enum: ['vip', 'new'], 'x-enumLabels': { vip: { vi: 'Khách VIP', en: 'VIP guest' } } },
  'x-labels': { vi: 'Nhãn', en: 'Tags' },
};
const stars: FieldSchema = {
  type: 'integer',
  enum: [3, 5],
  'x-labels': { vi: 'Hạng sao', en: 'Stars' },
  'x-enumLabels': { '5': { vi: 'Năm sao', en: 'Five stars' } },
};
const schema: EntitySchema = {
  type: 'object',
  'x-labels': { vi: 'Khách', en: 'Lead' },
  properties: {
    name: { type: 'string', 'x-labels': { vi: 'Tên', en: 'Name' } },
    kind,
    tags,
    stars,
    needs: {
      type: 'object',
      'x-labels': { vi: 'Nhu cầu', en: 'Needs' },
      properties: {
        style: {
          enum: ['relax'],
          'x-labels': { vi: 'Phong cách', en: 'Style' },
          'x-enumLabels': { relax: { vi: 'Nghỉ dưỡng', en: 'Relaxation' } },
        },
      },
    },
    amount: { type: 'integer', 'x-widget': 'money', 'x-labels': { vi: 'Số tiền', en: 'Amount' } },
  },
};

describe('enum labels', () => {
  it('lists the choices of an enum with labels in the language, values as stored', () => {
    expect(enumOptions(kind, 'vi')).toEqual([
      { value: 'individual', key: 'individual', label: 'Cá nhân' },
      { value: 'agent', key: 'agent', label: 'Đại lý' },
      { value: 'walk-in', key: 'walk-in', label: 'walk-in' },
    ]);
    expect(enumOptions(tags, 'en')?.map((o) => o.label)).toEqual(['VIP guest', 'new']);
    expect(enumOptions(stars, 'en')).toEqual([
      { value: 3, key: '3', label: '3' },
      { value: 5, key: '5', label: 'Five stars' },
    ]);
    expect(enumOptions(schema.properties!.name, 'en')).toBeUndefined();
  });

  it('names one value, or a list of them, and falls back to the value', () => {
    expect(enumLabel(kind, 'agent', 'en')).toBe('Agent');
    expect(enumLabel(kind, 'gone', 'en')).toBe('gone');
    expect(enumText(kind, 'individual', 'vi')).toBe('Cá nhân');
    expect(enumText(tags, ['vip', 'new'], 'vi')).toBe('Khách VIP, new');
    expect(enumText(stars, 5, 'vi')).toBe('Năm sao');
    expect(enumText(schema.properties!.name, 'x', 'vi')).toBeUndefined();
  });

  it('gives rjsf ui:enumNames keyed by value, for items and nested fields too', () => {
    const real = { 'ui:optionValueFormat': 'realValue' };
    expect(enumUiSchema(kind, 'en')).toEqual({
      'ui:enumNames': { individual: 'Individual', agent: 'Agent', 'walk-in': 'walk-in' },
      ...real,
    });
    const ui = formUiSchema(schema, 'vi');
    expect(ui.kind).toEqual({
      'ui:enumNames': { individual: 'Cá nhân', agent: 'Đại lý', 'walk-in': 'walk-in' },
      ...real,
    });
    expect(ui.tags).toEqual({
      ...real,
      items: { 'ui:enumNames': { vip: 'Khách VIP', new: 'new' }, ...real },
    });
    expect(ui.stars).toEqual({ 'ui:enumNames': { '3': '3', '5': 'Năm sao' }, ...real });
    expect(ui.needs).toEqual({ style: { 'ui:enumNames': { relax: 'Nghỉ dưỡng' }, ...real } });
    expect(ui.amount).toEqual({ 'ui:widget': 'money' });
    expect(ui.name).toBeUndefined();
  });

  it('labels only the fields of the missing-fields dialog, in its language', () => {
    const ui = formUiSchema(schema, 'en', ['kind']);
    expect(ui.kind).toMatchObject({
      'ui:enumNames': { individual: 'Individual', agent: 'Agent', 'walk-in': 'walk-in' },
    });
    expect(ui.tags).toBeUndefined();
  });

  it('filters a list by the stored value of the chosen option', () => {
    const fields = listFields(schema);
    const context = { now: new Date(), timeZone: 'Asia/Ho_Chi_Minh', me: undefined };
    const filter = (field: string, value: string) =>
      listFilter({ ...INITIAL_CONTROLS, conditions: [{ field, op: 'anyOf', value: [value] }] }, fields, 'name', context);
    expect(filter('kind', 'agent')).toEqual({ 'data.kind': { $in: ['agent'] } });
    expect(filter('stars', '5')).toEqual({ 'data.stars': { $in: [5] } });
    expect(filter('tags', 'vip')).toEqual({ 'data.tags': { $in: ['vip'] } });
  });
});
