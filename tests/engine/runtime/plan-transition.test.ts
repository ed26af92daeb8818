import { describe, expect, it } from 'vitest';
import { UserError } from '../../../engine/errors.js';
import { allowedEvents } from '../../../engine/runtime/core/allowed-events.js';
import { planCreate, planEvent } from '../../../engine/runtime/core/plan-transition.js';
import { compiledTicket } from './sample-definition.js';
import { compileDefinition } from '../../../engine/runtime/core/compiled-definition.js';

const { registry, compiled } = compiledTicket();
const facts = { id: 't1', entity: 'ticket', owner: 'u1', handler: undefined };

function at(stage: string, data: Record<string, unknown>, activitiesDone: string[] = []) {
  return { ...facts, stage, stateValue: stage, data, activitiesDone };
}

function caught(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('planCreate', () => {
  it('enters the initial stage with valid data', () => {
    const plan = planCreate(compiled, registry, facts, { title: 'A' });
    expect(plan).toMatchObject({ stage: 'open', status: 'active', data: { title: 'A' }, effects: [] });
  });

  it('turns an ISO-8601 `after` into a timer of that many milliseconds, not an immediate step', () => {
    const plan = planCreate(compiled, registry, facts, { title: 'A' });
    expect(plan.timers).toEqual([{ op: 'schedule', id: expect.stringContaining('P2D') as string, event: expect.objectContaining({ type: expect.stringContaining('P2D') as string }) as object, delay: 2 * 24 * 3600 * 1000 }]);
  });

  it('refuses data that breaks the schema, listing each failing pointer', () => {
    const error = caught(() => planCreate(compiled, registry, facts, { amount: -1, extra: 1 }));
    expect(error.code).toBe('validation-failed');
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/data/amount', '/data/extra', '/data/title']);
  });
});

describe('planEvent', () => {
  it('moves to the target stage and schedules its delayed transition', () => {
    const plan = planEvent(compiled, registry, at('open', { title: 'A' }), { type: 'START', data: { amount: 5 } });
    expect(plan.stage).toBe('working');
    expect(plan.data).toEqual({ title: 'A', amount: 5 });
    expect(plan.timers).toEqual([{ op: 'cancel', id: expect.stringContaining('P2D') as string }, { op: 'schedule', id: expect.stringContaining('after.60000') as string, event: expect.objectContaining({ type: expect.stringContaining('xstate.after.60000') as string }) as object, delay: 60000 }]);
  });

  it('refuses to enter a stage whose required fields are missing, naming them', () => {
    const error = caught(() => planEvent(compiled, registry, at('open', { title: 'A' }), { type: 'START' }));
    expect(error.code).toBe('required-fields-missing');
    expect(error.issues).toEqual([{ pointer: '/data/amount', message: 'amount is required in stage working' }]);
  });

  it('says which events a stage accepts when it does not accept this one', () => {
    const error = caught(() => planEvent(compiled, registry, at('open', { title: 'A' }), { type: 'FINISH' }));
    expect(error.code).toBe('event-not-allowed');
    expect(error.extra.acceptedEvents).toEqual(['START', 'DROP']);
  });

  it('gives the guard’s reason in both languages when it says no', () => {
    const error = caught(() => planEvent(compiled, registry, at('working', { title: 'A', amount: 50 }), { type: 'FINISH' }));
    expect(error.code).toBe('guard-refused');
    expect(error.extra.reasons).toEqual([{ en: 'Amount must be greater than 100', vi: 'Amount (vi) phải lớn hơn 100' }]);
  });

  it('applies data actions in the plan, queues effects and cancels the stage timer on leaving', () => {
    const plan = planEvent(compiled, registry, at('working', { title: 'A', amount: 500 }), { type: 'FINISH' });
    expect(plan).toMatchObject({ stage: 'done', status: 'done' });
    expect(typeof plan.data.closedAt).toBe('string');
    expect(plan.effects).toEqual([{ action: 'notify', params: { to: 'owner', message: { en: 'Done', vi: 'Done (vi)' } } }]);
    expect(plan.timers).toEqual([{ op: 'cancel', id: expect.stringContaining('after.60000') as string }]);
  });

  it('keeps the stage and its activities on a self-transition with a data action', () => {
    const plan = planEvent(compiled, registry, at('working', { title: 'A', amount: 1, touches: 2 }, ['call']), { type: 'TOUCH' });
    expect(plan.stage).toBe('working');
    expect(plan.data.touches).toBe(3);
    expect(plan.activitiesDone).toEqual(['call']);
  });

  it('validates the event data merged into the record before guards see it', () => {
    const error = caught(() => planEvent(compiled, registry, at('open', { title: 'A' }), { type: 'DROP', data: { reason: 7 } }));
    expect(error.code).toBe('validation-failed');
    expect(error.issues[0]?.pointer).toBe('/data/reason');
  });
});

describe('allowedEvents', () => {
  it('names the fields a target stage requires that the record lacks', () => {
    const events = allowedEvents(compiled, registry, at('open', { title: 'A' }));
    expect(events.find((e) => e.type === 'START')?.missingFields).toEqual(['amount']);
    expect(allowedEvents(compiled, registry, at('open', { title: 'A', amount: 3 })).find((e) => e.type === 'START')?.missingFields).toBeUndefined();
  });

  it('lists accepted events with whether their guards pass and why not', () => {
    const events = allowedEvents(compiled, registry, at('open', { title: 'A', amount: 3 }));
    expect(events).toEqual([
      { type: 'START', labels: { en: 'Start', vi: 'Start (vi)' }, enabled: true, reasons: [], target: 'working' },
      { type: 'DROP', labels: { en: 'Drop', vi: 'Drop (vi)' }, enabled: false, target: 'dropped', reasons: [{ en: 'Missing: Reason', vi: 'Còn thiếu: Reason (vi)' }] },
    ]);
  });
});

describe('the guards a step reports', () => {
  // A start stage that routes at once (as the travel pack's intake does), then a guarded event.
  const routed = (() => {
    const ticket = compiledTicket();
    const machine = {
      id: 'routed',
      initial: 'intake',
      states: {
        intake: { meta: { labels: { vi: 'Tiếp nhận', en: 'Intake' } }, always: [{ target: 'open', guard: { type: 'fieldsPresent', params: { fields: ['title'] } } }, { target: 'open' }] },
        open: { meta: { labels: { vi: 'Mở', en: 'Open' } }, on: { CLOSE: { target: 'closed', guard: { type: 'fieldsPresent', params: { fields: ['amount'] } } } } },
        closed: { type: 'final', meta: { labels: { vi: 'Đóng', en: 'Closed' } } },
      },
    };
    const definition = { ...ticket.compiled.definition, entity: 'routed', machine };
    return compileDefinition(definition as never, ticket.registry);
  })();

  it('are the start stage’s once when a record is created, and only the event’s on a step', () => {
    const created = planCreate(routed, registry, facts, { title: 'A' });
    expect(created.trace.map((t) => [t.guard, t.params])).toEqual([['fieldsPresent', { fields: ['title'] }]]);
    const refused = caught(() => planEvent(routed, registry, { ...facts, stage: 'open', stateValue: 'open', data: { title: 'A' }, activitiesDone: [] }, { type: 'CLOSE' }));
    expect(refused.extra.guards).toEqual([expect.objectContaining({ guard: 'fieldsPresent', params: { fields: ['amount'] }, ok: false })]);
    const closed = planEvent(routed, registry, { ...facts, stage: 'open', stateValue: 'open', data: { title: 'A', amount: 1 }, activitiesDone: [] }, { type: 'CLOSE' });
    expect(closed.trace.map((t) => t.params)).toEqual([{ fields: ['amount'] }]);
  });
});
