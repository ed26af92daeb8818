/**
 * Stage edits: add (at the top level or inside another stage), rename (every reference
 * follows), delete (transitions into it go too), start and end stages, stage metadata and
 * positions. Stages are named by dotted paths ("open.proposal").
 */
import {
  camelName,
  childPath,
  containerAt,
  edit,
  keyOf,
  parentOf,
  stageAt,
  uniqueName,
  type Draft,
} from './draft.js';
import { mapCandidates, pruneEventLabels, resolveTarget, targetsOf } from './machine-walk.js';
import type { Labels, MachineConfig, NamedRef, StageMeta, StateConfig } from './pack-types.js';

export interface StageInfo {
  path: string;
  parent: string;
  state: StateConfig;
  labels: Labels;
  /** The start stage of its parent (of the pipeline, for a top-level stage). */
  initial: boolean;
  final: boolean;
  compound: boolean;
  depth: number;
}

/**
 * A container's stages in the order people see them (board columns, the record's steps,
 * Alt+←/→): by `meta.order`, lower first; a stage without one keeps its declaration place.
 */
export function orderedStates(states: Record<string, StateConfig>): [string, StateConfig][] {
  return Object.entries(states)
    .map((entry, index) => ({ entry, index, rank: entry[1].meta?.order ?? index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.entry);
}

/** Move a stage to `index` among its siblings; every sibling is numbered so the order is explicit. */
export function reorderStage(draft: Draft, path: string, index: number): Draft {
  const parent = parentOf(path);
  const key = keyOf(path);
  return edit(draft, ({ machine }) => {
    const host = containerAt(machine, parent);
    if (!host?.states?.[key]) return;
    const keys = orderedStates(host.states).map(([k]) => k).filter((k) => k !== key);
    keys.splice(Math.max(0, Math.min(index, keys.length)), 0, key);
    keys.forEach((k, i) => {
      const state = host.states![k];
      state.meta = { ...state.meta, order: i };
    });
  });
}

/** Every stage, parents before their children, siblings in their order (`orderedStates`). */
export function listStages(draft: Draft): StageInfo[] {
  const out: StageInfo[] = [];
  const visit = (
    states: Record<string, StateConfig>,
    parent: string,
    initial: string | undefined,
    depth: number,
  ): void => {
    for (const [key, state] of orderedStates(states)) {
      const path = childPath(parent, key);
      const children = state.states ?? {};
      const compound = Object.keys(children).length > 0;
      out.push({
        path,
        parent,
        state,
        labels: state.meta.labels,
        initial: initial === key,
        final: state.type === 'final',
        compound,
        depth,
      });
      if (compound) visit(children, path, state.initial, depth + 1);
    }
  };
  visit(draft.machine.states, '', draft.machine.initial, 0);
  return out;
}

/** Add a stage (inside `parent`, or at the top level); its key comes from the English label. */
export function addStage(
  draft: Draft,
  labels: Labels,
  position: { x: number; y: number },
  parent = '',
  /** A sibling the new stage comes right after in the order (default: last). */
  after?: string,
): { draft: Draft; key: string } {
  const container = containerAt(draft.machine, parent);
  const key = uniqueName(camelName(labels.en) || 'stage', Object.keys(container?.states ?? {}));
  const next = edit(draft, ({ machine }) => {
    const host = containerAt(machine, parent);
    if (!host) return;
    const states = (host.states ??= {});
    states[key] = { meta: { labels, position: { x: Math.round(position.x), y: Math.round(position.y) } } };
    // A stage given its first sub-stage starts there.
    if (parent !== '' && (host as StateConfig).initial === undefined) (host as StateConfig).initial = key;
  });
  const path = childPath(parent, key);
  if (after === undefined || parentOf(after) !== parent) return { draft: next, key: path };
  const index = orderedStates(containerAt(next.machine, parent)?.states ?? {}).findIndex(([k]) => k === keyOf(after));
  return { draft: reorderStage(next, path, index + 1), key: path };
}

function renamePath(text: string, from: string, to: string): string {
  if (text === from) return to;
  return text.startsWith(`${from}.`) ? to + text.slice(from.length) : text;
}

/** Guard and action params that name a stage (`stage`, a path from the root) follow a rename. */
function renameStageParams(ref: NamedRef, from: string, to: string): NamedRef {
  if (typeof ref === 'string' || typeof ref.params?.stage !== 'string') return ref;
  return { ...ref, params: { ...ref.params, stage: renamePath(ref.params.stage, from, to) } };
}

function renameInRefs(value: StateConfig['entry'], from: string, to: string): StateConfig['entry'] {
  if (value === undefined) return undefined;
  return Array.isArray(value)
    ? value.map((r) => renameStageParams(r, from, to))
    : renameStageParams(value, from, to);
}

function forEachState(machine: MachineConfig, fn: (state: StateConfig) => void): void {
  const visit = (states: Record<string, StateConfig> | undefined): void => {
    for (const state of Object.values(states ?? {})) {
      fn(state);
      visit(state.states);
    }
  };
  visit(machine.states);
}

/** Rename the last key of a stage's path; targets, start stages and `stage` params follow. */
export function renameStage(draft: Draft, path: string, key: string): Draft {
  const parent = parentOf(path);
  const to = childPath(parent, key);
  if (path === to || !stageAt(draft, path) || stageAt(draft, to)) return draft;
  return edit(draft, ({ machine }) => {
    // Rewrite each target in its own form (sibling, ".child" or "#id.path") after the rename.
    mapCandidates(machine, (candidate, { path: source }) => {
      const rename = (target: string): string => {
        const resolved = resolveTarget(machine, source, target);
        if (resolved === undefined || renamePath(resolved, path, to) === resolved) return target;
        const renamed = renamePath(resolved, path, to);
        if (target.startsWith('#')) return `#${machine.id}.${renamed}`;
        if (target.startsWith('.')) return `.${renamed.split('.').slice(source.length).join('.')}`;
        return renamed
          .split('.')
          .slice(source.length - 1)
          .join('.');
      };
      const next = { ...candidate };
      if (typeof next.target === 'string') next.target = rename(next.target);
      else if (Array.isArray(next.target)) next.target = next.target.map(rename);
      if (next.guard !== undefined) next.guard = renameStageParams(next.guard, path, to);
      if (next.actions !== undefined) next.actions = renameInRefs(next.actions, path, to);
      return next;
    });
    forEachState(machine, (state) => {
      if (state.entry !== undefined) state.entry = renameInRefs(state.entry, path, to);
      if (state.exit !== undefined) state.exit = renameInRefs(state.exit, path, to);
    });
    const host = containerAt(machine, parent)!;
    const old = keyOf(path);
    host.states = Object.fromEntries(
      Object.entries(host.states ?? {}).map(([k, v]) => [k === old ? key : k, v]),
    );
    if (host.initial === old) host.initial = key;
  });
}

/** Delete a stage (and its sub-stages) and every transition that leads into it. */
export function deleteStage(draft: Draft, path: string): Draft {
  if (!stageAt(draft, path)) return draft;
  return edit(draft, ({ machine }) => {
    const parent = parentOf(path);
    const removed = [...collectEvents(stageAt({ machine } as Draft, path))];
    const emptied = mapCandidates(machine, (candidate, { path: source }) => {
      const into = targetsOf(candidate).some((t) => {
        const resolved = resolveTarget(machine, source, t);
        return resolved !== undefined && (resolved === path || resolved.startsWith(`${path}.`));
      });
      return into ? null : candidate;
    });
    const host = containerAt(machine, parent)!;
    const key = keyOf(path);
    delete host.states?.[key];
    if (parent !== '') {
      const state = host as StateConfig;
      const left = Object.keys(state.states ?? {});
      if (left.length === 0) {
        delete state.states;
        delete state.initial;
      } else if (state.initial === key) state.initial = left[0];
    }
    pruneEventLabels(machine, [...removed, ...emptied]);
  });
}

function collectEvents(state: StateConfig | undefined, out = new Set<string>()): Set<string> {
  for (const event of Object.keys(state?.on ?? {})) out.add(event);
  for (const child of Object.values(state?.states ?? {})) collectEvents(child, out);
  return out;
}

/** Make a stage the start of its parent (of the pipeline, for a top-level stage). */
export function setInitialStage(draft: Draft, path: string): Draft {
  return edit(draft, ({ machine }) => {
    const host = containerAt(machine, parentOf(path));
    if (host) host.initial = keyOf(path);
  });
}

/** Make a stage an end stage (its ways out and sub-stages are removed) or a normal one again. */
export function setFinalStage(draft: Draft, path: string, final: boolean): Draft {
  return edit(draft, ({ machine }) => {
    const state = stageAt({ machine } as Draft, path);
    if (!state) return;
    if (!final) {
      delete state.type;
      return;
    }
    const events = collectEvents(state);
    state.type = 'final';
    for (const key of ['on', 'after', 'always', 'states', 'initial'] as const) delete state[key];
    pruneEventLabels(machine, events);
  });
}

/** Change some of a stage's meta; a key set to undefined (or an empty list) is removed. */
export function updateStageMeta(draft: Draft, path: string, patch: Partial<StageMeta>): Draft {
  return edit(draft, ({ machine }) => {
    const state = stageAt({ machine } as Draft, path);
    if (!state) return;
    const meta: StageMeta = { ...state.meta, ...patch };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || (Array.isArray(v) && v.length === 0)) delete meta[k];
    }
    state.meta = meta;
  });
}

/** Store layout positions (rounded; a sub-stage's is relative to its parent). */
export function setPositions(draft: Draft, positions: Record<string, { x: number; y: number }>): Draft {
  return edit(draft, ({ machine }) => {
    for (const [path, { x, y }] of Object.entries(positions)) {
      const state = stageAt({ machine } as Draft, path);
      if (state) state.meta = { ...state.meta, position: { x: Math.round(x), y: Math.round(y) } };
    }
  });
}
