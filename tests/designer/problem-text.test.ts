/** A refused write in people's words: codes in their language, fields by their labels, guards by their reasons. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../designer/src/api/client.js';
import type { EntitySchema, Labels } from '../../designer/src/model/pack-types.js';
import { workMessages, type WorkKey } from '../../designer/src/workspace/messages.js';
import { problemText } from '../../designer/src/workspace/problem-text.js';

const schema = {
  type: 'object',
  'x-labels': { vi: 'Hợp đồng', en: 'Contract' },
  properties: { balanceAmount: { type: 'integer', 'x-labels': { vi: 'Số tiền còn lại (VND)', en: 'Balance (VND)' } } },
} as EntitySchema;
const inVi = (key: WorkKey, params?: Record<string, string | number>) =>
  workMessages.vi[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params?.[name] ?? whole));
const label = (labels: Partial<Labels> | undefined, fallback = '') => labels?.vi ?? fallback;

describe('problemText', () => {
  it('names the fields a refusal points at by their labels, in the language of the page', () => {
    const error = new ApiError(422, 'field-read-only', 'Not writable: balanceAmount', [{ pointer: '/data/balanceAmount', message: 'balanceAmount is set by the system' }]);
    expect(problemText(error, schema, inVi, label)).toBe('Không sửa được ở đây: Số tiền còn lại (VND)');
  });

  it("gives a guard's reasons, and the server's detail for codes without words of their own", () => {
    const refused = new ApiError(422, 'guard-refused', 'WIN refused: Amount must be greater than 0', [], { reasons: [{ vi: 'Giá trị phải lớn hơn 0', en: 'Amount must be greater than 0' }] });
    expect(problemText(refused, schema, inVi, label)).toBe('Giá trị phải lớn hơn 0');
    expect(problemText(new ApiError(400, 'invalid-request', 'The request is not valid'), schema, inVi, label)).toBe('The request is not valid');
    expect(problemText(new ApiError(409, 'event-not-allowed', 'Stage won does not accept WIN'), schema, inVi, label)).toBe('Hồ sơ không nhận bước này ở giai đoạn hiện tại.');
    // A refusal that says itself in both languages is said in the page's.
    const forbidden = new ApiError(403, 'forbidden', 'Only the owner (lan) … hands this lead over', [], { labels: { vi: 'Chỉ người phụ trách được giao hồ sơ này.', en: 'Only the owner hands it over.' } });
    expect(problemText(forbidden, schema, inVi, label)).toBe('Chỉ người phụ trách được giao hồ sơ này.');
    expect(problemText(new ApiError(403, 'forbidden', 'A write from x is not accepted'), schema, inVi, label)).toBe('A write from x is not accepted');
  });
});
