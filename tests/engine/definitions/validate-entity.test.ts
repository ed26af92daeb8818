import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../../engine/definitions/validate-entity.js';
import { checkWithXState } from '../../../engine/definitions/xstate-check.js';
import type { Json } from './fixture-packs.js';
import { testRegistry } from './test-registry.js';

const registry = testRegistry();
const l = (en: string) => ({ vi: `${en} (vi)`, en });
/** A state node with the labels every state needs. */
const st = (name: string, rest: Json = {}): Json => ({ meta: { labels: l(name) }, ...rest });

const schema = {
  type: 'object',
  'x-labels': l('Job'),
  properties: {
    title: { type: 'string', 'x-labels': l('Title') },
    dueAt: { type: 'string', format: 'date-time', 'x-labels': l('Due at') },
  },
};

function machine(states: Json, extra: Json = {}): Json {
  const events = ['GO', 'BACK', 'NEXT', 'ESCALATE', 'RESET'];
  return {
    id: 'job',
    initial: 'a',
    meta: { events: Object.fromEntries(events.map((e) => [e, l(e)])) },
    states,
    ...extra,
  };
}

function check(m: Json, s: Json = schema, knownEntities?: string[]) {
  return validateEntity(
    { entity: 'job', schema: s, machine: m },
    registry,
    knownEntities ? { knownEntities } : {},
  );
}

describe('validateEntity: targets', () => {
  it('accepts sibling, dotted sibling, child and absolute targets', () => {
    const m = machine({
      a: st('A', { on: { GO: 'b', NEXT: 'b.y' } }),
      b: st('B', {
        initial: 'x',
        on: { BACK: '#job.a', NEXT: '.y' },
        states: { x: st('X'), y: st('Y', { on: { GO: '#job.b.x' } }) },
      }),
    });
    expect(check(m)).toEqual([]);
  });

  it('rejects a plain target on the machine root and an absolute target with another id', () => {
    const m = machine({ a: st('A', { on: { GO: '#other.a' } }) }, { on: { RESET: 'a' } });
    expect(check(m)).toEqual([
      {
        file: 'job.machine.json',
        pointer: '/on/RESET',
        message:
          'transition "RESET" of the machine targets "a": a target on the machine root must be written ".a" or "#job.a"',
      },
      {
        file: 'job.machine.json',
        pointer: '/states/a/on/GO',
        message:
          'transition "GO" of state "a" targets "#other.a": an absolute target must start with the machine id "#job"',
      },
    ]);
  });

  it('names the missing child of a nested target', () => {
    const m = machine({
      a: st('A', { on: { GO: 'b.z', NEXT: 'b' } }),
      b: st('B', { initial: 'x', states: { x: st('X') } }),
    });
    expect(check(m)).toEqual([
      {
        file: 'job.machine.json',
        pointer: '/states/a/on/GO',
        message:
          'transition "GO" of state "a" targets "b.z": state "b" has no child state "z" (there are: x)',
      },
    ]);
  });
});

describe('validateEntity: reachability', () => {
  it('counts initial children, delayed, eventless and root transitions as ways in', () => {
    const m = machine(
      {
        a: st('A', { after: { PT1H: 'b' } }),
        b: st('B', { always: { target: 'c' } }),
        c: st('C', { initial: 'x', states: { x: st('X') } }),
        d: st('D'),
      },
      { on: { RESET: '.d' } },
    );
    expect(check(m)).toEqual([]);
  });

  it('reports only the topmost state of an unreachable subtree, and a child no one enters', () => {
    const m = machine({
      a: st('A', { on: { GO: 'b' } }),
      b: st('B', { initial: 'x', states: { x: st('X'), lonely: st('Lonely') } }),
      island: st('Island', { initial: 'inner', states: { inner: st('Inner') } }),
    });
    expect(check(m).map((i) => [i.pointer, i.message])).toEqual([
      [
        '/states/b/states/lonely',
        'state "b.lonely" is unreachable: no transition leads to it and it is not an initial state',
      ],
      [
        '/states/island',
        'state "island" is unreachable: no transition leads to it and it is not an initial state',
      ],
    ]);
  });
});

describe('validateEntity: states', () => {
  it('reports a machine initial that is not a state and a compound state without initial', () => {
    const m = machine({ a: st('A', { states: { x: st('X') } }) }, { initial: 'start' });
    expect(check(m).map((i) => [i.pointer, i.message])).toEqual([
      ['/initial', 'the machine\'s initial state "start" is not one of its states (a)'],
      ['/states/a', 'state "a" has child states but no "initial" (one of: x)'],
      ['/states/a', 'state "a" is unreachable: no transition leads to it and it is not an initial state'],
    ]);
  });

  it('reports a final state with a way out', () => {
    const m = machine({ a: st('A', { type: 'final', on: { GO: 'a' } }) });
    expect(check(m).map((i) => [i.pointer, i.message])).toEqual([
      ['/states/a/on', 'state "a" is final: it cannot have "on" (a final state has no way out)'],
    ]);
  });

  it('reports missing stage labels and field labels through the meta-schema', () => {
    const m = machine({ a: { on: { GO: 'a' } } });
    const s = { ...schema, properties: { ...schema.properties, note: { type: 'string' } } };
    expect(check(m, s).map((i) => [i.file, i.pointer, i.message])).toEqual([
      ['job.schema.json', '/properties/note', 'field "note" is missing "x-labels"'],
      ['job.machine.json', '/states/a', 'state "a" is missing "meta"'],
    ]);
  });

  it('reports an event without labels once', () => {
    const m = machine({ a: st('A', { on: { PING: 'b' } }), b: st('B', { on: { PING: 'a' } }) });
    expect(check(m).map((i) => [i.pointer, i.message])).toEqual([
      [
        '/states/a/on/PING',
        'event "PING" has no labels: add "PING": { "vi": …, "en": … } to the machine\'s meta.events',
      ],
    ]);
  });
});

describe('validateEntity: reminders', () => {
  const reminder = (event: string) => ({ id: 'nudge', after: 'P1D', do: { type: 'send', event } });

  it('accepts a sent event that the stage, a parent or a child handles', () => {
    const m = machine(
      {
        a: st('A', {
          meta: { labels: l('A'), reminders: [reminder('ESCALATE')] },
          initial: 'x',
          states: { x: st('X', { on: { ESCALATE: '#job.b' } }) },
        }),
        b: st('B', { meta: { labels: l('B'), reminders: [reminder('BACK')] } }),
      },
      { on: { BACK: '.a' } },
    );
    expect(check(m)).toEqual([]);
  });

  it('reports a sent event no transition handles, and a date field that does not exist', () => {
    const m = machine({
      a: st('A', {
        meta: {
          labels: l('A'),
          reminders: [
            reminder('ESCALATE'),
            { id: 'due', field: 'deadline', before: 'PT2H', do: { type: 'send', event: 'GO' } },
          ],
        },
        on: { GO: 'a' },
      }),
    });
    expect(check(m).map((i) => [i.pointer, i.message])).toEqual([
      [
        '/states/a/meta/reminders/0/do/event',
        'state "a": reminder "nudge" sends event "ESCALATE", which no transition of this state, its parents or its children handles',
      ],
      [
        '/states/a/meta/reminders/1/field',
        'state "a": reminder "due" is relative to field "deadline", which is not in the schema',
      ],
    ]);
  });
});

describe('validateEntity: guard and action params', () => {
  it('reports fields, entities and stages named in params that do not exist', () => {
    const m = machine({
      a: st('A', {
        on: {
          GO: {
            target: 'a',
            guard: { type: 'fieldsPresent', params: { fields: ['title', 'owner'] } },
            actions: [
              { type: 'createRecord', params: { entity: 'invoice' } },
              { type: 'setField', params: { field: 'closedAt', now: true } },
            ],
          },
          NEXT: { target: 'a', guard: { type: 'activitiesDone', params: { stage: 'b' } } },
        },
      }),
    });
    expect(check(m, schema, ['job', 'deal']).map((i) => [i.pointer, i.message])).toEqual([
      [
        '/states/a/on/GO/guard/params/fields/1',
        'guard "fieldsPresent" of transition "GO" of state "a": params.fields[1] names "owner", which is not a field of the schema (fields: title, dueAt)',
      ],
      [
        '/states/a/on/GO/actions/0/params/entity',
        'action "createRecord" of transition "GO" of state "a": params.entity names "invoice", which is not an entity of the pack (entities: job, deal)',
      ],
      [
        '/states/a/on/GO/actions/1/params/field',
        'action "setField" of transition "GO" of state "a": params.field names "closedAt", which is not a field of the schema (fields: title, dueAt)',
      ],
      [
        '/states/a/on/NEXT/guard/params/stage',
        'guard "activitiesDone" of transition "NEXT" of state "a": params.stage names "b", which is not a state of the machine',
      ],
    ]);
  });

  it("leaves entity names unchecked when the pack's entities are not given", () => {
    const m = machine({ a: st('A', { entry: { type: 'createRecord', params: { entity: 'invoice' } } }) });
    expect(check(m)).toEqual([]);
  });

  it('reports params missing a required key at the reference itself', () => {
    const m = machine({ a: st('A', { entry: ['incrementField'] }) });
    expect(check(m)).toEqual([
      {
        file: 'job.machine.json',
        pointer: '/states/a/entry/0',
        message: 'action "incrementField" of state "a": params is missing "field"',
      },
    ]);
  });
});

describe('checkWithXState', () => {
  it('reports what XState itself refuses, with the pointer of the whole file', () => {
    expect(checkWithXState({ id: 'm', initial: 'a', states: { a: { states: { x: {} } } } })).toEqual([
      {
        pointer: '',
        message: expect.stringMatching(/^XState rejects the machine: No initial state specified/) as unknown,
      },
    ]);
  });
});
