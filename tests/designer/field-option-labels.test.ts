/** The Fields tab's choice fields: vi/en labels of their options, kept as x-enumLabels. */
import { describe, expect, it } from 'vitest';
import { addField, listFields, updateField } from '../../designer/src/model/fields.js';
import { localizeIssue } from '../../designer/src/model/issues.js';
import { dealDraft, engineIssues } from './mini-crm-draft.js';

const currency = () => {
  const draft = addField(dealDraft(), 'currency', { vi: 'Tiền tệ', en: 'Currency' }, 'choice');
  return updateField(draft, 'currency', { options: ['VND', 'USD'] });
};

describe('option labels of a choice field', () => {
  it('saves vi/en labels of the options as x-enumLabels, which the engine accepts', () => {
    const draft = updateField(currency(), 'currency', {
      optionLabels: { VND: { vi: 'Việt Nam đồng', en: 'Vietnamese dong' }, USD: { vi: '', en: '' } },
    });
    expect(draft.schema.properties!.currency['x-enumLabels']).toEqual({
      VND: { vi: 'Việt Nam đồng', en: 'Vietnamese dong' },
    });
    expect(listFields(draft).find((f) => f.key === 'currency')?.optionLabels).toEqual({
      VND: { vi: 'Việt Nam đồng', en: 'Vietnamese dong' },
    });
    expect(engineIssues(draft)).toEqual([]);
  });

  it('keeps the labels of the options that stay when the options change, drops the others', () => {
    let draft = updateField(currency(), 'currency', {
      optionLabels: { VND: { vi: 'Đồng', en: 'Dong' }, USD: { vi: 'Đô la Mỹ', en: 'US dollar' } },
    });
    draft = updateField(draft, 'currency', { options: ['VND', 'EUR'] });
    expect(draft.schema.properties!.currency).toEqual({
      type: 'string',
      enum: ['VND', 'EUR'],
      'x-labels': { vi: 'Tiền tệ', en: 'Currency' },
      'x-enumLabels': { VND: { vi: 'Đồng', en: 'Dong' } },
    });
    draft = updateField(draft, 'currency', { optionLabels: {} });
    expect(draft.schema.properties!.currency['x-enumLabels']).toBeUndefined();
    draft = updateField(draft, 'currency', { kind: 'text' });
    expect(draft.schema.properties!.currency['x-enumLabels']).toBeUndefined();
  });

  it('lets the engine name a label that lacks its English half', () => {
    const draft = updateField(currency(), 'currency', { optionLabels: { USD: { vi: 'Đô la Mỹ' } } });
    expect(engineIssues(draft)).toEqual([
      {
        file: 'deal.schema.json',
        pointer: '/properties/currency/x-enumLabels/USD/en',
        message: 'field "currency": x-enumLabels.USD.en must be a non-empty text',
      },
    ]);
    expect(localizeIssue(engineIssues(draft)[0].message, 'vi')).toBe(
      'Nhãn tiếng Anh của lựa chọn "USD" không được để trống',
    );
  });
});
