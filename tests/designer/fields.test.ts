/** Fields: kinds, edits, renames that follow every use, and where a field is used. */
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../designer/src/model/change-summary.js';
import {
  addField,
  listFields,
  removeField,
  renameField,
  updateField,
} from '../../designer/src/model/fields.js';
import { fieldUsages } from '../../designer/src/model/usages.js';
import { dealDraft, engineIssues } from './mini-crm-draft.js';

describe('fields', () => {
  it('reads each field as a kind the Fields tab edits', () => {
    expect(listFields(dealDraft()).map((f) => [f.key, f.kind, f.required])).toEqual([
      ['title', 'text', true],
      ['amount', 'number', false],
      ['touches', 'integer', false],
      ['inquiryId', 'text', false],
      ['negotiationStartedAt', 'dateTime', false],
      ['lostReason', 'text', false],
    ]);
  });

  it('adds a field, changes its kind, options and required', () => {
    let draft = addField(dealDraft(), 'currency', { vi: 'Tiền tệ', en: 'Currency' }, 'choice');
    draft = updateField(draft, 'currency', { options: ['VND', 'USD'], required: true });
    expect(draft.schema.properties!.currency).toEqual({
      type: 'string',
      enum: ['VND', 'USD'],
      'x-labels': { vi: 'Tiền tệ', en: 'Currency' },
    });
    expect(draft.schema.required).toEqual(['title', 'currency']);
    draft = updateField(draft, 'currency', { kind: 'date', required: false });
    expect(draft.schema.properties!.currency).toEqual({
      type: 'string',
      format: 'date',
      'x-labels': { vi: 'Tiền tệ', en: 'Currency' },
    });
    expect(draft.schema.required).toEqual(['title']);
    expect(engineIssues(draft)).toEqual([]);
  });

  it('finds where a field is used, and removes an unused one', () => {
    const uses = fieldUsages(dealDraft(), 'amount');
    expect(uses).toEqual([
      { kind: 'requiredField', stage: 'proposal' },
      {
        kind: 'guard',
        transitionId: 'negotiation::on::WIN::0',
        source: 'negotiation',
        event: 'WIN',
        name: 'fieldCompare',
      },
    ]);
    expect(fieldUsages(dealDraft(), 'touches')).toEqual([
      { kind: 'action', transitionId: '::on::TOUCH::0', source: '', event: 'TOUCH', name: 'incrementField' },
    ]);
    expect(fieldUsages(dealDraft(), 'negotiationStartedAt')).toEqual([
      { kind: 'stageAction', stage: 'negotiation', name: 'setField' },
    ]);
    expect(fieldUsages(dealDraft(), 'lostReason')).toEqual([]);
    const removed = removeField(dealDraft(), 'lostReason');
    expect(removed.schema.properties).not.toHaveProperty('lostReason');
    expect(engineIssues(removed)).toEqual([]);
  });

  it('renames a field everywhere it is used, and the summary says renamed', () => {
    const draft = renameField(renameField(dealDraft(), 'amount', 'price'), 'touches', 'contacts');
    expect(Object.keys(draft.schema.properties!)).toEqual([
      'title',
      'price',
      'contacts',
      'inquiryId',
      'negotiationStartedAt',
      'lostReason',
    ]);
    expect(draft.machine.states.proposal.meta.requiredFields).toEqual(['price']);
    expect(draft.machine.states.negotiation.on!.WIN).toMatchObject({ guard: { params: { field: 'price' } } });
    expect(draft.machine.on!.TOUCH).toMatchObject({ actions: [{ params: { field: 'contacts' } }] });
    expect(engineIssues(draft)).toEqual([]);
    expect(describeChanges(dealDraft(), draft, 'en').map((c) => [c.code, c.params])).toEqual([
      ['transitionChanged', { event: 'TOUCH', from: '*', to: '—' }],
      ['transitionChanged', { event: 'WIN', from: 'Negotiation', to: 'Won' }],
      ['fieldRenamed', { from: 'amount', to: 'price' }],
      ['fieldRenamed', { from: 'touches', to: 'contacts' }],
    ]);
  });
});

describe('every field kind the pack format has', () => {
  it('adds money, percent, phone, long text, a member of staff and a link to a record, which read back as their kind and validate', () => {
    let draft = dealDraft();
    const kinds = ['money', 'percent', 'phone', 'longText', 'user', 'reference'] as const;
    for (const kind of kinds) draft = addField(draft, `f_${kind}`, { vi: kind, en: kind }, kind, kind === 'reference' ? ['inquiry'] : []);
    const props = draft.schema.properties ?? {};
    expect(props.f_money).toMatchObject({ type: 'number', 'x-widget': 'money', minimum: 0 });
    expect(props.f_user).toMatchObject({ type: 'string', 'x-widget': 'user' });
    expect(props.f_reference).toMatchObject({ type: 'string', 'x-ref': 'inquiry' });
    expect(listFields(draft).filter((f) => f.key.startsWith('f_')).map((f) => f.kind)).toEqual([...kinds]);
    expect(engineIssues(draft)).toEqual([]);
  });
});
