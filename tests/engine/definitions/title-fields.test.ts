/** `x-title`: the fields that name a record, checked when a definition loads or is saved. */
import { describe, expect, it } from 'vitest';
import { checkEntitySchema } from '../../../engine/definitions/validate-entity.js';
import { recordTitle, titleKeys } from '../../../engine/runtime/core/record-summary.js';

const l = (en: string) => ({ vi: `${en} (vi)`, en });
const schema = (title: unknown) => ({
  type: 'object',
  'x-labels': l('Chat'),
  'x-title': title,
  required: ['channel'],
  properties: {
    channel: { type: 'string', enum: ['zalo'], 'x-labels': l('Channel') },
    customerName: { type: 'string', 'x-labels': l('Customer') },
    phone: { type: 'string', 'x-labels': l('Phone') },
    count: { type: 'integer', 'x-labels': l('Count') },
    leadId: { type: 'string', 'x-ref': 'lead', 'x-labels': l('Lead') },
    tags: { type: 'array', items: { type: 'string' }, 'x-labels': l('Tags') },
    note: { type: 'string', 'x-labels': l('Note') },
  },
});

describe('x-title', () => {
  it('accepts text and number fields', () => {
    expect(checkEntitySchema(schema(['customerName', 'phone', 'count']))).toEqual([]);
  });

  it.each([
    [['ghost'], '/x-title/0', 'not a field'],
    [['customerName', 'channel'], '/x-title/1', 'a choice'],
    [['leadId'], '/x-title/0', 'a reference'],
    [['tags'], '/x-title/0', 'must be text'],
    [[], '/x-title', ''],
    [['phone', 'phone'], '/x-title', ''],
  ])('refuses %j at %s', (title, pointer, words) => {
    const issues = checkEntitySchema(schema(title));
    expect(issues.map((i) => i.pointer)).toContain(pointer);
    expect(issues.map((i) => i.message).join(' ')).toContain(words);
  });

  it('joins the filled fields, shortening long text', () => {
    const s = schema(['customerName', 'note']);
    expect(recordTitle(s, { customerName: 'Lê Hoa', note: 'x'.repeat(200) })).toBe(`Lê Hoa · ${'x'.repeat(79)}…`);
    expect(recordTitle(s, { note: 'gọi lại' })).toBe('gọi lại');
    expect(recordTitle(s, { channel: 'zalo' })).toBeUndefined();
  });

  it('without x-title, a record is named by title, name or fullName, else its first filled required text', () => {
    const plain = { type: 'object', required: ['code', 'subject'], properties: { name: { type: 'string' }, code: { type: 'string', enum: ['a'] }, subject: { type: 'string' } } };
    expect(titleKeys(plain)).toEqual({ keys: ['name', 'subject'], joined: false });
    expect(recordTitle(plain, { subject: 'Hỏi giá' })).toBe('Hỏi giá');
    expect(recordTitle(plain, { name: 'An', subject: 'Hỏi giá' })).toBe('An');
  });
});
