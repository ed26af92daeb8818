/**
 * Transitions as the designer shows them: one per candidate of a stage's `on`, `after`
 * or `always` (sub-stages' and the machine root's `on` included), each with a stable id,
 * and the edits of one transition that keep the machine's event labels in step.
 */
import { containerAt, edit, eventNameFor, keyOf, stageAt, uniqueName, type Draft } from './draft.js';
import {
  candidatesOf,
  pruneEventLabels,
  targetsOf,
  resolveTarget,
  targetText,
  writeCandidates,
  type TransitionKind,
} from './machine-walk.js';
import type { EventSenders, Labels, MachineConfig, NamedRef, StateConfig, TransitionConfig } from './pack-types.js';

export interface TransitionRef {
  /** The stage's dotted path; '' for the machine root (machine-wide events). */
  source: string;
  kind: TransitionKind;
  /** Event name (`on`), delay (`after`) or '' (`always`). */
  key: string;
  index: number;
}

export interface TransitionInfo extends TransitionRef {
  id: string;
  /** The stage (dotted path) it leads to; undefined when it stays (no target) or names no stage. */
  target?: string;
  candidate: TransitionConfig;
  guard?: NamedRef;
  actions: NamedRef[];
}

export function transitionId(ref: TransitionRef): string {
  return [ref.source, ref.kind, ref.key, String(ref.index)].join('::');
}

export function parseTransitionId(id: string): TransitionRef | undefined {
  const [source, kind, key, index] = id.split('::');
  if (source === undefined || key === undefined || (kind !== 'on' && kind !== 'after' && kind !== 'always'))
    return undefined;
  return { source, kind, key, index: Number(index) };
}

export function actionsOf(candidate: TransitionConfig): NamedRef[] {
  if (candidate.actions === undefined) return [];
  return Array.isArray(candidate.actions) ? candidate.actions : [candidate.actions];
}

function nodeOf(machine: MachineConfig, source: string): StateConfig | MachineConfig | undefined {
  return containerAt(machine, source);
}

function mapOf(
  node: StateConfig | MachineConfig,
  kind: 'on' | 'after',
): Record<string, StateConfig['always']> {
  if (kind === 'on') return (node.on ??= {});
  const state = node as StateConfig;
  return (state.after ??= {});
}

/** Every transition of every stage and of the machine root. */
export function listTransitions(draft: Draft): TransitionInfo[] {
  const { machine } = draft;
  const out: TransitionInfo[] = [];
  const add = (source: string, kind: TransitionKind, key: string, value: StateConfig['always']): void => {
    candidatesOf(value).forEach((candidate, index) => {
      const ref = { source, kind, key, index };
      const [first] = targetsOf(candidate);
      const path = source === '' ? [] : source.split('.');
      out.push({
        ...ref,
        id: transitionId(ref),
        target: first === undefined ? undefined : resolveTarget(machine, path, first),
        candidate,
        ...(candidate.guard === undefined ? {} : { guard: candidate.guard }),
        actions: actionsOf(candidate),
      });
    });
  };
  for (const [key, value] of Object.entries(machine.on ?? {})) add('', 'on', key, value);
  const visit = (states: Record<string, StateConfig>, parent: string): void => {
    for (const [name, state] of Object.entries(states)) {
      const source = parent === '' ? name : `${parent}.${name}`;
      for (const [key, value] of Object.entries(state.on ?? {})) add(source, 'on', key, value);
      for (const [key, value] of Object.entries(state.after ?? {})) add(source, 'after', key, value);
      if (state.always !== undefined) add(source, 'always', '', state.always);
      if (state.states) visit(state.states, source);
    }
  };
  visit(machine.states, '');
  return out;
}

export function findTransition(draft: Draft, id: string): TransitionInfo | undefined {
  return listTransitions(draft).find((t) => t.id === id);
}

/** Connect two stages with a new event named after the target; returns the new transition's id. */
export function addTransition(
  draft: Draft,
  source: string,
  target: string,
  event?: string,
): { draft: Draft; id: string } {
  let id = '';
  const next = edit(draft, ({ machine }) => {
    const node = nodeOf(machine, source);
    if (!node) return;
    const on = mapOf(node, 'on');
    const name = event ?? uniqueName(eventNameFor(keyOf(target)), Object.keys(on), '_');
    const list = candidatesOf(on[name]);
    list.push({ target: targetText(machine.id, source, target) });
    on[name] = writeCandidates(list);
    const labels = (machine.meta ??= {});
    const events = (labels.events ??= {});
    if (!events[name]) {
      const to = stageAt({ machine } as Draft, target)?.meta.labels;
      events[name] = { vi: `Chuyển sang ${to?.vi ?? target}`, en: `Move to ${to?.en ?? target}` };
    }
    id = transitionId({ source, kind: 'on', key: name, index: list.length - 1 });
  });
  return { draft: next, id };
}

export interface TransitionPatch {
  /** A new event name (`on`) or delay (`after`). */
  key?: string;
  target?: string;
  guard?: NamedRef | null;
  actions?: NamedRef[];
}

/** Change one transition; returns its (possibly new) id. */
export function updateTransition(
  draft: Draft,
  id: string,
  patch: TransitionPatch,
): { draft: Draft; id: string } {
  const ref = parseTransitionId(id);
  if (!ref) return { draft, id };
  let newId = id;
  const next = edit(draft, ({ machine }) => {
    const node = nodeOf(machine, ref.source);
    if (!node) return;
    const read = (): TransitionConfig[] =>
      ref.kind === 'always'
        ? candidatesOf((node as StateConfig).always)
        : candidatesOf(mapOf(node, ref.kind)[ref.key]);
    const write = (key: string, list: TransitionConfig[]): void => {
      if (ref.kind === 'always') {
        const written = writeCandidates(list);
        if (written === undefined) delete (node as StateConfig).always;
        else (node as StateConfig).always = written;
        return;
      }
      const map = mapOf(node, ref.kind);
      const written = writeCandidates(list);
      if (written === undefined) delete map[key];
      else map[key] = written;
    };
    const list = read();
    const candidate = list[ref.index];
    if (!candidate) return;
    if (patch.target !== undefined) candidate.target = targetText(machine.id, ref.source, patch.target);
    if (patch.guard === null) delete candidate.guard;
    else if (patch.guard !== undefined) candidate.guard = patch.guard;
    if (patch.actions !== undefined) {
      if (patch.actions.length === 0) delete candidate.actions;
      else candidate.actions = patch.actions;
    }
    if (patch.key === undefined || patch.key === ref.key || ref.kind === 'always') {
      write(ref.key, list);
      return;
    }
    list.splice(ref.index, 1);
    write(ref.key, list);
    const map = mapOf(node, ref.kind);
    const moved = [...candidatesOf(map[patch.key]), candidate];
    write(patch.key, moved);
    newId = transitionId({ ...ref, key: patch.key, index: moved.length - 1 });
    if (ref.kind === 'on') {
      const events = ((machine.meta ??= {}).events ??= {});
      const old = events[ref.key];
      if (!events[patch.key] && old) events[patch.key] = { ...old };
      const senders = machine.meta.senders;
      const oldSenders = senders?.[ref.key];
      if (senders && oldSenders !== undefined && senders[patch.key] === undefined) senders[patch.key] = oldSenders;
      pruneEventLabels(machine, [ref.key]);
    }
  });
  return { draft: next, id: newId };
}

/** Remove one transition and, when it was the last use of its event, the event's labels. */
export function deleteTransition(draft: Draft, id: string): Draft {
  const ref = parseTransitionId(id);
  if (!ref) return draft;
  return edit(draft, ({ machine }) => {
    const node = nodeOf(machine, ref.source);
    if (!node) return;
    if (ref.kind === 'always') {
      const list = candidatesOf((node as StateConfig).always);
      list.splice(ref.index, 1);
      const written = writeCandidates(list);
      if (written === undefined) delete (node as StateConfig).always;
      else (node as StateConfig).always = written;
      return;
    }
    const map = mapOf(node, ref.kind);
    const list = candidatesOf(map[ref.key]);
    list.splice(ref.index, 1);
    const written = writeCandidates(list);
    if (written === undefined) delete map[ref.key];
    else map[ref.key] = written;
    if (Object.keys(map).length === 0) delete node[ref.kind as 'on'];
    if (ref.kind === 'on') pruneEventLabels(machine, [ref.key]);
  });
}

/** Set the vi/en labels of an event (shared by every transition of that event). */
export function setEventLabels(draft: Draft, event: string, labels: Labels): Draft {
  return edit(draft, ({ machine }) => {
    ((machine.meta ??= {}).events ??= {})[event] = labels;
  });
}

/**
 * Who may send an event (shared by every transition of that event): "system", some roles,
 * or undefined for anyone who sees the record.
 */
export function setEventSenders(draft: Draft, event: string, senders: EventSenders | undefined): Draft {
  return edit(draft, ({ machine }) => {
    const meta = (machine.meta ??= {});
    if (senders === undefined) {
      if (meta.senders) delete meta.senders[event];
      if (meta.senders && Object.keys(meta.senders).length === 0) delete meta.senders;
      return;
    }
    (meta.senders ??= {})[event] = senders;
  });
}
