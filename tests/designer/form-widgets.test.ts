/** Fields shown their own way in generated forms: money, a member of staff (by name), a locked percentage. */
import { describe, expect, it } from 'vitest';
import type { EntitySchema } from '../../designer/src/model/pack-types.js';
import { formUiSchema } from '../../designer/src/workspace/form-schema.js';

const schema: EntitySchema = {
  type: 'object',
  'x-labels': { vi: 'Chỉ tiêu', en: 'Target' },
  properties: {
    userId: { type: 'string', 'x-widget': 'user', 'x-labels': { vi: 'Nhân viên', en: 'User' } },
    target: { type: 'number', 'x-widget': 'money', 'x-labels': { vi: 'Mục tiêu', en: 'Target' } },
    progress: { type: 'number', readOnly: true, 'x-widget': 'percent', 'x-labels': { vi: 'Tiến độ', en: 'Progress' } },
  },
};

describe('form widgets', () => {
  it('picks a member of staff from the directory, types money, and shows a computed percentage as text', () => {
    const ui = formUiSchema(schema, 'vi');
    expect(ui.userId).toEqual({ 'ui:widget': 'user' });
    expect(ui.target).toEqual({ 'ui:widget': 'money' });
    expect(ui.progress).toEqual({ 'ui:widget': 'valueText' });
  });
});
