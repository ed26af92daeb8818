/**
 * Checks of what the designer edits in each stage's `meta` and of the machine's event
 * labels: required fields and reminder fields exist in the schema, a reminder that sends
 * an event sends one the stage can handle, activity and reminder ids are unique within
 * their stage, and every event has vi/en labels in `meta.events` (the buttons need them).
 */
import type { Issue } from '../errors.js';
import { isRecord, pointerOf } from './json-pointer.js';
import { statesOf, type StateVisit } from './machine-walk.js';

/**
 * Every problem with stage metadata and event labels, with pointers into the machine file.
 *
 * @example
 * checkStages(machine, ['amount', 'title'])
 * // [{ pointer: '/states/proposal/meta/requiredFields/0', message: 'state "proposal" requires field "amout", …' }]
 */
export function checkStages(machine: unknown, fields: string[]): Issue[] {
  const states = statesOf(machine);
  const issues: Issue[] = [];
  for (const state of states) {
    const meta = state.node.meta;
    if (state.path.length === 0 || !isRecord(meta)) continue;
    const name = `state "${state.path.join('.')}"`;
    const at = (...keys: (string | number)[]) => state.pointer + pointerOf('meta', ...keys);
    const verbs = { requiredFields: 'requires', hiddenFields: 'hides', lockedFields: 'locks' } as const;
    for (const [key, verb] of Object.entries(verbs)) {
      const listed = meta[key];
      if (!Array.isArray(listed)) continue;
      listed.forEach((field, i) => {
        if (typeof field === 'string' && !fields.includes(field)) {
          issues.push({
            pointer: at(key, i),
            message: `${name} ${verb} field "${field}", which is not in the schema (fields: ${fields.join(', ') || 'none'})`,
          });
        }
      });
    }
    issues.push(...duplicateIds(meta.activities, name, 'activity', at('activities')));
    issues.push(...duplicateIds(meta.reminders, name, 'reminder', at('reminders')));
    if (!Array.isArray(meta.reminders)) continue;
    meta.reminders.forEach((reminder, i) => {
      if (!isRecord(reminder)) return;
      const id = typeof reminder.id === 'string' ? reminder.id : String(i);
      if (reminder.after === undefined && reminder.field === undefined) {
        issues.push({
          pointer: at('reminders', i),
          message: `${name}: reminder "${id}" needs "after" (a duration in the stage) or "field" (a date field)`,
        });
      }
      if (typeof reminder.field === 'string' && !fields.includes(reminder.field)) {
        issues.push({
          pointer: at('reminders', i, 'field'),
          message: `${name}: reminder "${id}" is relative to field "${reminder.field}", which is not in the schema`,
        });
      }
      const action = reminder.do;
      if (
        isRecord(action) &&
        action.type === 'send' &&
        typeof action.event === 'string' &&
        !handles(states, state, action.event)
      ) {
        issues.push({
          pointer: at('reminders', i, 'do', 'event'),
          message: `${name}: reminder "${id}" sends event "${action.event}", which no transition of this state, its parents or its children handles`,
        });
      }
    });
  }
  return [...issues, ...missingEventLabels(machine, states), ...unknownSenderEvents(machine, states)];
}

function duplicateIds(list: unknown, name: string, what: string, pointer: string): Issue[] {
  if (!Array.isArray(list)) return [];
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  list.forEach((item, i) => {
    const id = isRecord(item) ? item.id : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      issues.push({
        pointer: `${pointer}${pointerOf(i, 'id')}`,
        message: `${name} has two ${what} entries with id "${id}" (#${first} and #${i})`,
      });
  });
  return issues;
}

/** Whether a reminder firing while `stage` is active can be handled: by it, an ancestor or a descendant. */
function handles(states: StateVisit[], stage: StateVisit, event: string): boolean {
  const prefix = (a: string[], b: string[]) => a.length <= b.length && a.every((k, i) => b[i] === k);
  return states.some(
    (s) =>
      (prefix(s.path, stage.path) || prefix(stage.path, s.path)) &&
      isRecord(s.node.on) &&
      Object.hasOwn(s.node.on, event),
  );
}

/** Who may send an event is declared only for events the machine has (a typo would let anyone). */
function unknownSenderEvents(machine: unknown, states: StateVisit[]): Issue[] {
  const meta = isRecord(machine) ? machine.meta : undefined;
  const senders = isRecord(meta) && isRecord(meta.senders) ? meta.senders : {};
  const handled = new Set(states.flatMap((s) => (isRecord(s.node.on) ? Object.keys(s.node.on) : [])));
  return Object.keys(senders)
    .filter((event) => !handled.has(event))
    .map((event) => ({ pointer: pointerOf('meta', 'senders', event), message: `"${event}" is not an event of this machine: no stage accepts it` }));
}

function missingEventLabels(machine: unknown, states: StateVisit[]): Issue[] {
  const meta = isRecord(machine) ? machine.meta : undefined;
  const labelled = isRecord(meta) && isRecord(meta.events) ? meta.events : {};
  const reported = new Set<string>();
  const issues: Issue[] = [];
  for (const state of states) {
    if (!isRecord(state.node.on)) continue;
    for (const event of Object.keys(state.node.on)) {
      if (event === '*' || Object.hasOwn(labelled, event) || reported.has(event)) continue;
      reported.add(event);
      issues.push({
        pointer: state.pointer + pointerOf('on', event),
        message: `event "${event}" has no labels: add "${event}": { "vi": …, "en": … } to the machine's meta.events`,
      });
    }
  }
  return issues;
}
