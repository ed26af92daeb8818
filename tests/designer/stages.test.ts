/** Stage edits keep the machine valid and every reference in step. */
import { describe, expect, it } from 'vitest';
import {
  addStage,
  listStages,
  reorderStage,
  deleteStage,
  renameStage,
  setFinalStage,
  setPositions,
  updateStageMeta,
} from '../../designer/src/model/stages.js';
import { addTransition } from '../../designer/src/model/transitions.js';
import { dealDraft, engineIssues } from './mini-crm-draft.js';

describe('stages', () => {
  it('adds a stage named after its English label; unreachable until connected', () => {
    const { draft, key } = addStage(dealDraft(), { vi: 'Theo dõi', en: 'Follow-up' }, { x: 10.4, y: 20.6 });
    expect(key).toBe('followUp');
    expect(draft.machine.states.followUp).toEqual({
      meta: { labels: { vi: 'Theo dõi', en: 'Follow-up' }, position: { x: 10, y: 21 } },
    });
    expect(engineIssues(draft).map((i) => i.message)).toEqual([
      expect.stringContaining('state "followUp" is unreachable'),
    ]);
    const again = addStage(draft, { vi: 'Theo dõi', en: 'Follow-up' }, { x: 0, y: 0 });
    expect(again.key).toBe('followUp2');
    const connected = addTransition(draft, 'proposal', 'followUp').draft;
    expect(engineIssues(connected)).toEqual([]);
  });

  it('renames a stage: targets, the initial stage, stage params and root targets follow', () => {
    const base = dealDraft();
    base.machine.on = { ...base.machine.on, RESET: '.open' };
    base.machine.states.proposal.on!.NEGOTIATE = {
      target: 'negotiation',
      guard: { type: 'stageRequiredFieldsPresent', params: { stage: 'open' } },
    };
    base.machine.states.negotiation.on!.REOPEN = '#deal.open';
    base.machine.meta!.events!.RESET = { vi: 'Làm lại', en: 'Reset' };
    base.machine.meta!.events!.REOPEN = { vi: 'Mở lại', en: 'Reopen' };
    const renamed = renameStage(base, 'open', 'fresh');
    expect(Object.keys(renamed.machine.states)).toEqual(['fresh', 'proposal', 'negotiation', 'won', 'lost']);
    expect(renamed.machine.initial).toBe('fresh');
    expect(renamed.machine.on?.RESET).toBe('.fresh');
    expect(renamed.machine.states.negotiation.on!.REOPEN).toBe('#deal.fresh');
    expect(renamed.machine.states.proposal.on!.NEGOTIATE).toMatchObject({
      guard: { params: { stage: 'fresh' } },
    });
    expect(engineIssues(renamed)).toEqual([]);
    expect(renameStage(base, 'open', 'proposal')).toBe(base);
  });

  it('deletes a stage with every transition into it, and labels nobody uses any more', () => {
    const draft = deleteStage(dealDraft(), 'negotiation');
    expect(draft.machine.states.negotiation).toBeUndefined();
    expect(draft.machine.states.proposal.on).toEqual({ LOSE: 'lost' });
    expect(Object.keys(draft.machine.meta!.events!)).toEqual(['PROPOSE', 'LOSE', 'TOUCH']);
    expect(engineIssues(draft).map((i) => i.pointer)).toEqual(['/states/won']);
  });

  it('makes a stage an end stage (its ways out go) and edits meta and positions', () => {
    const final = setFinalStage(dealDraft(), 'negotiation', true);
    expect(final.machine.states.negotiation).toMatchObject({ type: 'final' });
    expect(final.machine.states.negotiation.on).toBeUndefined();
    expect(final.machine.meta!.events!.WIN).toBeUndefined();
    const meta = updateStageMeta(dealDraft(), 'proposal', { requiredFields: [], reminders: undefined });
    expect(meta.machine.states.proposal.meta).not.toHaveProperty('requiredFields');
    expect(meta.machine.states.proposal.meta).not.toHaveProperty('reminders');
    expect(setPositions(dealDraft(), { won: { x: 1.2, y: 3.7 } }).machine.states.won.meta.position).toEqual({
      x: 1,
      y: 4,
    });
  });
});

describe('stage order', () => {
  const order = (draft: ReturnType<typeof dealDraft>) => listStages(draft).map((s) => s.path);

  it('puts a stage added next to a selected one right after it, and numbers the siblings', () => {
    const { draft, key } = addStage(dealDraft(), { vi: 'Khảo sát', en: 'Site visit' }, { x: 0, y: 0 }, '', 'open');
    expect(key).toBe('siteVisit');
    expect(order(draft).slice(0, 3)).toEqual(['open', 'siteVisit', 'proposal']);
    expect(draft.machine.states.siteVisit?.meta.order).toBe(1);
    // Only what any new stage has to hear: nothing leads to it yet.
    expect(engineIssues(draft).map((i) => i.message)).toEqual([expect.stringContaining('unreachable')]);
  });

  it('moves a stage among its siblings, and the order survives a save (meta.order)', () => {
    const moved = reorderStage(dealDraft(), 'negotiation', 1);
    expect(order(moved).slice(0, 3)).toEqual(['open', 'negotiation', 'proposal']);
    // Key order in the JSON does not matter: the order is explicit.
    const shuffled = { ...moved, machine: { ...moved.machine, states: Object.fromEntries(Object.entries(moved.machine.states).reverse()) } };
    expect(order(shuffled).slice(0, 3)).toEqual(['open', 'negotiation', 'proposal']);
    expect(engineIssues(moved)).toEqual([]);
  });
});
