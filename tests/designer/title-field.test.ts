/** The field a list searches by name follows the schema's declaration of what names a record. */
import { describe, expect, it } from 'vitest';
import type { EntitySchema } from '../../designer/src/model/pack-types.js';
import { titleField } from '../../designer/src/workspace/pipeline-model.js';

const l = { vi: 'x', en: 'x' };
const conversation = {
  type: 'object',
  'x-labels': l,
  'x-title': ['customerName', 'phone'],
  required: ['channel'],
  properties: { channel: { type: 'string', enum: ['zalo'], 'x-labels': l }, customerName: { type: 'string', 'x-labels': l }, phone: { type: 'string', 'x-labels': l } },
} as EntitySchema;

describe('titleField', () => {
  it('searches the first x-title field, not a choice', () => {
    expect(titleField(conversation)).toBe('customerName');
  });

  it('without x-title, takes name before the first required text field', () => {
    const { 'x-title': _title, ...plain } = conversation;
    expect(titleField({ ...plain, properties: { ...plain.properties, name: { type: 'string', 'x-labels': l } } })).toBe('name');
  });
});
