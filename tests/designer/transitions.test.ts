/** Transitions as edges: ids, connecting, changing the event or target, deleting. */
import { describe, expect, it } from 'vitest';
import {
  addTransition,
  deleteTransition,
  findTransition,
  listTransitions,
  updateTransition,
} from '../../designer/src/model/transitions.js';
import { dealDraft, engineIssues } from './mini-crm-draft.js';

describe('transitions', () => {
  it('lists one transition per candidate, machine-wide ones with source ""', () => {
    const list = listTransitions(dealDraft());
    expect(list.map((t) => [t.id, t.target ?? null])).toEqual([
      ['::on::TOUCH::0', null],
      ['open::on::PROPOSE::0', 'proposal'],
      ['open::on::LOSE::0', 'lost'],
      ['proposal::on::NEGOTIATE::0', 'negotiation'],
      ['proposal::on::LOSE::0', 'lost'],
      ['negotiation::on::WIN::0', 'won'],
      ['negotiation::on::LOSE::0', 'lost'],
    ]);
    expect(findTransition(dealDraft(), 'negotiation::on::WIN::0')?.guard).toMatchObject({
      type: 'fieldCompare',
    });
  });

  it('connects two stages with a labelled event named after the target, unique in its stage', () => {
    const first = addTransition(dealDraft(), 'open', 'negotiation');
    expect(first.id).toBe('open::on::NEGOTIATION::0');
    expect(first.draft.machine.meta!.events!.NEGOTIATION).toEqual({
      vi: 'Chuyển sang Đàm phán',
      en: 'Move to Negotiation',
    });
    const second = addTransition(first.draft, 'open', 'negotiation');
    expect(second.id).toBe('open::on::NEGOTIATION_2::0');
    expect(engineIssues(second.draft)).toEqual([]);
  });

  it('renames an event: the candidate moves, labels follow, unused labels go', () => {
    const { draft, id } = updateTransition(dealDraft(), 'open::on::PROPOSE::0', { key: 'QUOTE' });
    expect(id).toBe('open::on::QUOTE::0');
    expect(draft.machine.states.open.on).toEqual({ LOSE: 'lost', QUOTE: 'proposal' });
    expect(draft.machine.meta!.events!.QUOTE).toEqual({ vi: 'Gửi đề xuất', en: 'Propose' });
    expect(draft.machine.meta!.events!.PROPOSE).toBeUndefined();
    // Onto an event the stage already has: a second candidate, tried after the first.
    const merged = updateTransition(dealDraft(), 'negotiation::on::LOSE::0', { key: 'WIN' });
    expect(merged.id).toBe('negotiation::on::WIN::1');
    expect(merged.draft.machine.states.negotiation.on!.WIN).toHaveLength(2);
    expect(engineIssues(merged.draft)).toEqual([]);
  });

  it('changes target, guard and actions, and deletes', () => {
    const { draft } = updateTransition(dealDraft(), 'open::on::PROPOSE::0', {
      target: 'negotiation',
      guard: { type: 'fieldsPresent', params: { fields: ['amount'] } },
      actions: [{ type: 'incrementField', params: { field: 'touches' } }],
    });
    expect(draft.machine.states.open.on!.PROPOSE).toEqual({
      target: 'negotiation',
      guard: { type: 'fieldsPresent', params: { fields: ['amount'] } },
      actions: [{ type: 'incrementField', params: { field: 'touches' } }],
    });
    const bare = updateTransition(draft, 'open::on::PROPOSE::0', { guard: null, actions: [] }).draft;
    expect(bare.machine.states.open.on!.PROPOSE).toBe('negotiation');
    const deleted = deleteTransition(bare, 'open::on::PROPOSE::0');
    expect(deleted.machine.states.open.on).toEqual({ LOSE: 'lost' });
    expect(deleted.machine.meta!.events!.PROPOSE).toBeUndefined();
  });
});

describe('who may send an event', () => {
  it('is set per event, goes with the event when it is renamed, and goes away with its last transition', async () => {
    const { setEventSenders } = await import('../../designer/src/model/transitions.js');
    let draft = setEventSenders(dealDraft(), 'WIN', ['manager']);
    expect(draft.machine.meta?.senders).toEqual({ WIN: ['manager'] });
    expect(engineIssues(draft)).toEqual([]);
    draft = updateTransition(draft, 'negotiation::on::WIN::0', { key: 'CLOSE_WON' }).draft;
    expect(draft.machine.meta?.senders).toEqual({ CLOSE_WON: ['manager'] });
    expect(engineIssues(draft)).toEqual([]);
    draft = setEventSenders(draft, 'TOUCH', 'system');
    expect(draft.machine.meta?.senders).toEqual({ CLOSE_WON: ['manager'], TOUCH: 'system' });
    draft = deleteTransition(draft, 'negotiation::on::CLOSE_WON::0');
    expect(draft.machine.meta?.senders).toEqual({ TOUCH: 'system' });
    // Anyone again: the declaration goes, and an empty map with it.
    draft = setEventSenders(draft, 'TOUCH', undefined);
    expect(draft.machine.meta).not.toHaveProperty('senders');
  });
});
