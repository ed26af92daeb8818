/** `x-compute`, `readOnly` and the stages' hidden and locked fields, checked when a definition loads or is saved. */
import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../../engine/definitions/validate-entity.js';
import { checkEntitySchema } from '../../../engine/definitions/validate-entity.js';
import { computeFields, fieldRoles } from '../../../engine/runtime/core/field-roles.js';
import { testRegistry } from './test-registry.js';

const l = (en: string) => ({ vi: `${en} (vi)`, en });
const schema = (total: Record<string, unknown>) => ({
  type: 'object',
  'x-labels': l('Quote'),
  properties: {
    title: { type: 'string', 'x-labels': l('Title') },
    lines: {
      type: 'array',
      'x-labels': l('Lines'),
      items: {
        type: 'object',
        'x-labels': l('Line'),
        properties: {
          quantity: { type: 'integer', 'x-labels': l('Quantity') },
          unitPrice: { type: 'integer', 'x-labels': l('Unit price') },
          amount: { type: 'integer', 'x-labels': l('Amount'), 'x-compute': { op: 'product', fields: ['quantity', 'unitPrice'] } },
        },
      },
    },
    discount: { type: 'integer', 'x-labels': l('Discount') },
    total: { type: 'integer', 'x-labels': l('Total'), ...total },
  },
});

describe('x-compute', () => {
  it('accepts operations over number fields beside it and over a list’s items', () => {
    expect(checkEntitySchema(schema({ 'x-compute': { op: 'difference', fields: ['lines[].amount', 'discount'] } }))).toEqual([]);
  });

  it.each([
    [{ op: 'average', fields: ['discount'] }, '/properties/total/x-compute', 'needs "op"'],
    [{ op: 'sum', fields: ['ghost'] }, '/properties/total/x-compute/fields/0', 'not a field beside it'],
    [{ op: 'sum', fields: ['title'] }, '/properties/total/x-compute/fields/0', 'does not hold a number'],
    [{ op: 'product', fields: ['lines[].amount'] }, '/properties/total/x-compute/fields/0', 'product multiplies single fields'],
  ])('refuses %j', (compute, pointer, words) => {
    const issues = checkEntitySchema(schema({ 'x-compute': compute }));
    expect(issues.map((i) => i.pointer)).toContain(pointer);
    expect(issues.map((i) => i.message).join(' ')).toContain(words);
  });

  it('refuses a computed field that is not a number', () => {
    const s = schema({});
    (s.properties as Record<string, unknown>).title = { type: 'string', 'x-labels': l('Title'), 'x-compute': { op: 'sum', fields: ['discount'] } };
    expect(checkEntitySchema(s).map((i) => i.message).join(' ')).toContain('must be a number');
  });

  it('computes inner lists first, rounds integers, leaves out what has no operands', () => {
    const roles = fieldRoles(schema({ 'x-compute': { op: 'difference', fields: ['lines[].amount', 'discount'] } }));
    expect([...roles.readOnly].sort()).toEqual(['lines[].amount', 'total']);
    const data = { lines: [{ quantity: 2, unitPrice: 1_000 }, { quantity: 1 }], discount: 300 };
    expect(computeFields(roles, data)).toEqual({ lines: [{ quantity: 2, unitPrice: 1_000, amount: 2_000 }, { quantity: 1 }], discount: 300, total: 1_700 });
    expect(computeFields(roles, { title: 'x' })).toEqual({ title: 'x' });
    expect(data.lines[0]).not.toHaveProperty('amount'); // a copy, not the input
  });
});

describe('hidden and locked fields of a stage', () => {
  it('must name fields of the schema', () => {
    const machine = {
      id: 'q',
      initial: 'draft',
      meta: { events: {} },
      states: { draft: { meta: { labels: l('Draft'), hiddenFields: ['ghost'], lockedFields: ['title', 'phantom'] } } },
    };
    const issues = validateEntity({ entity: 'quote', schema: schema({}), machine }, testRegistry());
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/states/draft/meta/hiddenFields/0', expect.stringContaining('hides field "ghost"')],
      ['/states/draft/meta/lockedFields/1', expect.stringContaining('locks field "phantom"')],
    ]);
  });
});
