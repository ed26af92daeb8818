/** Stages inside stages: the opportunity shape of the travel pack (an "active" stage holding steps). */
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../designer/src/model/draft.js';
import { stageAt } from '../../designer/src/model/draft.js';
import { issueTarget } from '../../designer/src/model/issues.js';
import {
  addStage,
  deleteStage,
  listStages,
  renameStage,
  setInitialStage,
} from '../../designer/src/model/stages.js';
import { addTransition, listTransitions, updateTransition } from '../../designer/src/model/transitions.js';
import { dealDraft, engineIssues } from './mini-crm-draft.js';

/** The deal with proposal and negotiation as steps of an "active" stage that LOSE leaves. */
function nestedDeal(): Draft {
  const draft = dealDraft();
  const { proposal, negotiation, ...rest } = draft.machine.states;
  delete proposal.on!.LOSE;
  delete negotiation.on!.LOSE;
  draft.machine.states = {
    open: { ...rest.open, on: { PROPOSE: 'active', LOSE: 'lost' } },
    active: {
      initial: 'proposal',
      meta: { labels: { vi: 'Đang bán', en: 'Active' } },
      on: { LOSE: 'lost' },
      states: { proposal: proposal, negotiation: negotiation },
    },
    won: { ...rest.won, meta: rest.won.meta },
    lost: rest.lost,
  };
  draft.machine.states.active.states!.negotiation.on!.WIN = {
    ...(negotiation.on!.WIN as object),
    target: '#deal.won',
  };
  return draft;
}

describe('nested stages', () => {
  it('is a valid machine whose stages and transitions are named by paths', () => {
    const draft = nestedDeal();
    expect(engineIssues(draft)).toEqual([]);
    expect(listStages(draft).map((s) => [s.path, s.initial, s.compound])).toEqual([
      ['open', true, false],
      ['active', false, true],
      ['active.proposal', true, false],
      ['active.negotiation', false, false],
      ['won', false, false],
      ['lost', false, false],
    ]);
    expect(listTransitions(draft).map((t) => [t.id, t.target ?? null])).toEqual([
      ['::on::TOUCH::0', null],
      ['open::on::PROPOSE::0', 'active'],
      ['open::on::LOSE::0', 'lost'],
      ['active::on::LOSE::0', 'lost'],
      ['active.proposal::on::NEGOTIATE::0', 'active.negotiation'],
      ['active.negotiation::on::WIN::0', 'won'],
    ]);
    expect(
      issueTarget({
        file: 'deal.machine.json',
        pointer: '/states/active/states/negotiation/on/WIN/guard',
        message: '',
      }),
    ).toEqual({
      kind: 'transition',
      stage: 'active.negotiation',
      id: 'active.negotiation::on::WIN::0',
    });
  });

  it('adds a step inside a stage and connects it in the form each target needs', () => {
    const { draft, key } = addStage(
      nestedDeal(),
      { vi: 'Theo dõi', en: 'Follow-up' },
      { x: 20, y: 72 },
      'active',
    );
    expect(key).toBe('active.followUp');
    const inside = addTransition(draft, 'active.proposal', 'active.followUp');
    expect(inside.draft.machine.states.active.states!.proposal.on!.FOLLOW_UP).toBe('followUp');
    const outside = addTransition(inside.draft, 'active.followUp', 'won');
    expect(stageAt(outside.draft, 'active.followUp')!.on!.WON).toBe('#deal.won');
    const fromTop = addTransition(outside.draft, 'open', 'active.followUp');
    expect(fromTop.draft.machine.states.open.on!.FOLLOW_UP).toBe('active.followUp');
    expect(engineIssues(fromTop.draft)).toEqual([]);
    // A stage given its first step starts there.
    const first = addStage(nestedDeal(), { vi: 'Bước', en: 'Step' }, { x: 0, y: 0 }, 'open');
    expect(first.draft.machine.states.open).toMatchObject({ initial: 'step' });
  });

  it('renames a step and the stage around it; every target keeps its form', () => {
    let draft = renameStage(nestedDeal(), 'active.negotiation', 'bargain');
    expect(draft.machine.states.active.states!.proposal.on!.NEGOTIATE).toMatchObject({ target: 'bargain' });
    draft = renameStage(draft, 'active', 'selling');
    expect(draft.machine.states.open.on!.PROPOSE).toBe('selling');
    expect(Object.keys(draft.machine.states.selling.states!)).toEqual(['proposal', 'bargain']);
    draft = updateTransition(draft, 'open::on::LOSE::0', { target: 'selling.bargain' }).draft;
    expect(draft.machine.states.open.on!.LOSE).toBe('selling.bargain');
    expect(stageAt(draft, 'selling.bargain')!.on!.WIN).toMatchObject({ target: '#deal.won' });
    expect(engineIssues(draft).map((i) => i.message)).toEqual([]);
  });

  it('deletes a step: transitions into it go, and its stage starts at the next step', () => {
    const draft = deleteStage(nestedDeal(), 'active.proposal');
    expect(draft.machine.states.active).toMatchObject({ initial: 'negotiation' });
    expect(Object.keys(draft.machine.meta!.events!)).not.toContain('NEGOTIATE');
    const restarted = setInitialStage(nestedDeal(), 'active.negotiation');
    expect(restarted.machine.states.active.initial).toBe('negotiation');
    const empty = deleteStage(draft, 'active.negotiation');
    expect(empty.machine.states.active).not.toHaveProperty('states');
    expect(empty.machine.states.active).not.toHaveProperty('initial');
  });
});
