import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../../engine/definitions/definition.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { instantOf, isTimeZone, localDate, startOfDay } from '../../../engine/runtime/core/calendar.js';
import { compileDefinition } from '../../../engine/runtime/core/compiled-definition.js';
import { activeStages, planTimerChanges, reminderDue, type TimerPlanInput } from '../../../engine/runtime/core/timer-plan.js';
import type { TimerChange } from '../../../engine/runtime/core/record.js';

const l = (en: string) => ({ en, vi: `${en} (vi)` });
const notify = { type: 'notify' as const, to: 'owner', message: l('Hey') };

const definition: EntityDefinition = {
  entity: 'job',
  pack: 'test',
  version: 1,
  hash: 'x',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'system:test',
  schema: { type: 'object', 'x-labels': l('Job'), properties: { due: { type: 'string', 'x-labels': l('Due') } } },
  machine: {
    id: 'job',
    initial: 'open',
    meta: { events: { GO: l('Go'), BACK: l('Back'), NEXT: l('Next') } },
    states: {
      open: {
        meta: { labels: l('Open'), reminders: [{ id: 'ping', after: 'PT1H', do: notify }] },
        after: { PT2H: 'active' },
        on: { GO: 'active' },
      },
      active: {
        meta: { labels: l('Active'), reminders: [{ id: 'dueSoon', field: 'due', before: 'P1D', do: notify }] },
        initial: 'first',
        on: { BACK: 'open' },
        states: {
          first: { meta: { labels: l('First'), reminders: [{ id: 'step', after: 'PT5M', do: notify }] }, on: { NEXT: 'second' } },
          second: { meta: { labels: l('Second') } },
        },
      },
    },
  },
};

const registry = new Registry();
registerBuiltins(registry);
const compiled = compileDefinition(definition, registry);
const NOW = new Date('2026-05-01T00:00:00.000Z');

function plan(input: Partial<TimerPlanInput> & { stage: string; data?: Record<string, unknown>; version?: number }): TimerChange[] {
  return planTimerChanges({
    compiled,
    record: { id: 'r1', entity: 'job', version: input.version ?? 1, stage: input.stage, data: input.data ?? {} },
    xstate: input.xstate ?? [],
    existing: input.existing ?? [],
    now: NOW,
    timeZone: 'Asia/Ho_Chi_Minh',
    ...(input.previous ? { previous: input.previous } : {}),
  });
}
const summary = (changes: TimerChange[]) => changes.map((c) => `${c.op} ${c.doc.timerId} ${c.doc.dueAt}`);

describe('planning timers (pure)', () => {
  it('lists a stage with the stages containing it, for each active leaf', () => {
    expect([...activeStages('a.b.c,d')]).toEqual(['a', 'a.b', 'a.b.c', 'd']);
    expect([...activeStages('')]).toEqual([]);
  });

  it('arms the delays XState planned and the reminders of the stage entered', () => {
    const changes = plan({ stage: 'open', xstate: [{ op: 'schedule', id: 'xstate.after.PT2H.job.open', event: { type: 'xstate.after.PT2H.job.open' }, delay: 7_200_000 }] });
    expect(summary(changes)).toEqual([
      'schedule xstate.after.PT2H.job.open 2026-05-01T02:00:00.000Z',
      'schedule reminder:open:ping 2026-05-01T01:00:00.000Z',
    ]);
    expect(changes[1]?.doc).toMatchObject({ _id: 'r1:reminder:open:ping', kind: 'reminder', instance: 1, enteredVersion: 1, version: 1 });
  });

  it('disarms the exact instances of the stage left, keeps a parent stage’s reminders in its children', () => {
    const armed = plan({ stage: 'active.first', data: { due: '2026-05-10' }, version: 2, previous: { stage: 'open', data: {} } });
    expect(summary(armed)).toEqual([
      'schedule reminder:active:dueSoon 2026-05-08T17:00:00.000Z',
      'schedule reminder:active.first:step 2026-05-01T00:05:00.000Z',
    ]);
    const existing = armed.map((c) => c.doc);
    const next = plan({ stage: 'active.second', data: { due: '2026-05-10' }, version: 3, existing, previous: { stage: 'active.first', data: { due: '2026-05-10' } } });
    expect(next.map((c) => `${c.op} ${c.doc.timerId} #${c.doc.instance}`)).toEqual(['cancel reminder:active.first:step #2']);
  });

  it('re-arms a date reminder when its field changes, and disarms it when the field is cleared', () => {
    const [armed] = plan({ stage: 'active.second', data: { due: '2026-05-10' }, version: 2, previous: { stage: 'open', data: {} } });
    if (!armed) throw new Error('not armed');
    const moved = plan({ stage: 'active.second', data: { due: '2026-05-20' }, version: 3, existing: [armed.doc], previous: { stage: 'active.second', data: { due: '2026-05-10' } } });
    expect(moved.map((c) => `${c.op} #${c.doc.instance} ${c.doc.dueAt}`)).toEqual([
      'cancel #2 2026-05-08T17:00:00.000Z',
      'schedule #3 2026-05-18T17:00:00.000Z',
    ]);
    expect(moved[1]?.doc.enteredVersion).toBe(2);
    const cleared = plan({ stage: 'active.second', data: {}, version: 4, existing: [moved[1].doc], previous: { stage: 'active.second', data: { due: '2026-05-20' } } });
    expect(cleared.map((c) => c.op)).toEqual(['cancel']);
  });

  it('computes due moments: calendar dates begin at midnight in the time zone, past moments are not armed', () => {
    const before = { id: 'x', field: 'due', before: 'P3D', do: notify };
    const after = { id: 'x', field: 'due', after: 'PT9H', do: notify };
    expect(reminderDue(before, { due: '2026-05-13' }, NOW, 'Asia/Ho_Chi_Minh')?.toISOString()).toBe('2026-05-09T17:00:00.000Z');
    expect(reminderDue(after, { due: '2026-05-13' }, NOW, 'UTC')?.toISOString()).toBe('2026-05-13T09:00:00.000Z');
    expect(reminderDue(after, { due: '2026-05-13T10:00:00+07:00' }, NOW, 'UTC')?.toISOString()).toBe('2026-05-13T12:00:00.000Z');
    expect(reminderDue(before, { due: '2026-05-02' }, NOW, 'UTC')).toBeUndefined();
    expect(reminderDue(before, { due: 'soon' }, NOW, 'UTC')).toBeUndefined();
    expect(reminderDue(before, {}, NOW, 'UTC')).toBeUndefined();
  });
});

describe('calendar', () => {
  it('reads wall clocks and midnights in a zone, across daylight saving time', () => {
    expect(localDate(new Date('2026-05-12T18:30:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({ year: 2026, month: 5, day: 13, hour: 1, minute: 30 });
    expect(startOfDay({ year: 2026, month: 3, day: 8 }, 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay({ year: 2026, month: 3, day: 9 }, 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(instantOf('2026-05-13', 'Asia/Ho_Chi_Minh')?.toISOString()).toBe('2026-05-12T17:00:00.000Z');
    expect(isTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
