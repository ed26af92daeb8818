/**
 * What changed between the saved version and the draft, as items the UI words in the
 * chosen language (the save dialog proposes them as the version's summary).
 */
import { labelIn, sameContent, stageAt, type Draft, type Lang } from './draft.js';
import { listFields } from './fields.js';
import { listStages } from './stages.js';
import type { StateConfig } from './pack-types.js';
import { listTransitions, type TransitionInfo } from './transitions.js';

export type ChangeCode =
  | 'stageAdded'
  | 'stageRemoved'
  | 'stageChanged'
  | 'requiredFieldAdded'
  | 'requiredFieldRemoved'
  | 'reminderAdded'
  | 'reminderRemoved'
  | 'activityAdded'
  | 'activityRemoved'
  | 'transitionAdded'
  | 'transitionRemoved'
  | 'transitionChanged'
  | 'initialChanged'
  | 'fieldAdded'
  | 'fieldRemoved'
  | 'fieldChanged'
  | 'fieldRenamed'
  | 'eventLabelsChanged'
  | 'stagesReordered'
  | 'layoutChanged';

export interface Change {
  code: ChangeCode;
  /** Named parts of the sentence: stage, field, event, from, to… */
  params: Record<string, string>;
}

/** A stage without where it is drawn and where it sits in the order (reported apart). */
function withoutPosition(state: StateConfig): StateConfig {
  const { position: _position, order: _order, ...meta } = state.meta;
  return { ...state, meta };
}

function ids(list: { id: string }[] | undefined): Set<string> {
  return new Set((list ?? []).map((x) => x.id));
}

function stageChanges(
  key: string,
  name: string,
  before: StateConfig,
  after: StateConfig,
  renamed: Map<string, string>,
  out: Change[],
): void {
  const bm = before.meta;
  const am = after.meta;
  // A renamed field is still the same requirement.
  const required = (bm.requiredFields ?? []).map((f) => renamed.get(f) ?? f);
  for (const f of am.requiredFields ?? [])
    if (!required.includes(f)) out.push({ code: 'requiredFieldAdded', params: { stage: name, field: f } });
  for (const f of required)
    if (!am.requiredFields?.includes(f))
      out.push({ code: 'requiredFieldRemoved', params: { stage: name, field: f } });
  const [br, ar] = [ids(bm.reminders), ids(am.reminders)];
  for (const id of ar)
    if (!br.has(id)) out.push({ code: 'reminderAdded', params: { stage: name, reminder: id } });
  for (const id of br)
    if (!ar.has(id)) out.push({ code: 'reminderRemoved', params: { stage: name, reminder: id } });
  const [ba, aa] = [ids(bm.activities), ids(am.activities)];
  for (const id of aa)
    if (!ba.has(id)) out.push({ code: 'activityAdded', params: { stage: name, activity: id } });
  for (const id of ba)
    if (!aa.has(id)) out.push({ code: 'activityRemoved', params: { stage: name, activity: id } });
  const counted = out.filter((c) => c.params.stage === name).length;
  const renamedBefore: StateConfig = {
    ...before,
    meta: {
      ...bm,
      ...(bm.requiredFields ? { requiredFields: required } : {}),
      ...(bm.reminders
        ? {
            reminders: bm.reminders.map((r) =>
              r.field ? { ...r, field: renamed.get(r.field) ?? r.field } : r,
            ),
          }
        : {}),
    },
  };
  // Transitions are reported on their own, sub-stages as stages.
  const { on: _a, after: _b, always: _c, states: _s, ...b } = withoutPosition(renamedBefore);
  const { on: _d, after: _e, always: _f, states: _t, ...a } = withoutPosition(after);
  if (counted === 0 && !sameContent(b, a)) out.push({ code: 'stageChanged', params: { stage: name, key } });
}

function transitionKey(t: TransitionInfo): string {
  return `${t.source}|${t.kind}|${t.key}|${t.target ?? ''}`;
}

/** Fields removed and added with the same schema: renamed, old key → new key. */
function renamedFields(saved: Draft, draft: Draft): Map<string, string> {
  const before = saved.schema.properties ?? {};
  const after = draft.schema.properties ?? {};
  const added = Object.keys(after).filter((k) => !before[k]);
  const renamed = new Map<string, string>();
  for (const old of Object.keys(before).filter((k) => !after[k])) {
    const match = added.find((k) => ![...renamed.values()].includes(k) && sameContent(before[old], after[k]));
    if (match) renamed.set(old, match);
  }
  return renamed;
}

/** The changes from `saved` to `draft`, stages first, then transitions, then fields. */
export function describeChanges(saved: Draft, draft: Draft, lang: Lang): Change[] {
  const out: Change[] = [];
  const renamed = renamedFields(saved, draft);
  const stageName = (d: Draft, key: string) =>
    key === '' ? '*' : labelIn(stageAt(d, key)?.meta.labels, lang, key);
  let moved = false;
  const order = (d: Draft) => listStages(d).map((s) => s.path).filter((p) => stageAt(saved, p) && stageAt(draft, p));
  const reordered = !sameContent(order(saved), order(draft));
  for (const { path, state: after } of listStages(draft)) {
    const before = stageAt(saved, path);
    if (!before) out.push({ code: 'stageAdded', params: { stage: stageName(draft, path) } });
    else {
      stageChanges(path, stageName(draft, path), before, after, renamed, out);
      if (!sameContent(before.meta.position, after.meta.position)) moved = true;
    }
  }
  for (const { path } of listStages(saved))
    if (!stageAt(draft, path)) out.push({ code: 'stageRemoved', params: { stage: stageName(saved, path) } });
  if (saved.machine.initial !== draft.machine.initial)
    out.push({ code: 'initialChanged', params: { stage: stageName(draft, draft.machine.initial) } });

  const before = new Map(listTransitions(saved).map((t) => [transitionKey(t), t]));
  const after = new Map(listTransitions(draft).map((t) => [transitionKey(t), t]));
  const describe = (d: Draft, t: TransitionInfo) => ({
    event: t.key || t.kind,
    from: stageName(d, t.source),
    to: t.target ? stageName(d, t.target) : '—',
  });
  for (const [k, t] of after) {
    const old = before.get(k);
    if (!old) out.push({ code: 'transitionAdded', params: describe(draft, t) });
    else if (!sameContent(old.candidate, t.candidate))
      out.push({ code: 'transitionChanged', params: describe(draft, t) });
  }
  for (const [k, t] of before)
    if (!after.has(k)) out.push({ code: 'transitionRemoved', params: describe(saved, t) });

  const bf = new Map(listFields(saved).map((f) => [f.key, f]));
  for (const [from, to] of renamed) {
    out.push({ code: 'fieldRenamed', params: { from, to } });
    bf.delete(from);
  }
  const renamedTo = new Set(renamed.values());
  for (const f of listFields(draft)) {
    if (renamedTo.has(f.key)) continue;
    const old = bf.get(f.key);
    if (!old) out.push({ code: 'fieldAdded', params: { field: labelIn(f.labels, lang, f.key) } });
    else if (!sameContent(old.schema, f.schema) || old.required !== f.required)
      out.push({ code: 'fieldChanged', params: { field: labelIn(f.labels, lang, f.key) } });
    bf.delete(f.key);
  }
  for (const f of bf.values())
    out.push({ code: 'fieldRemoved', params: { field: labelIn(f.labels, lang, f.key) } });

  if (
    !sameContent(saved.machine.meta?.events, draft.machine.meta?.events) &&
    !out.some((c) => c.code.startsWith('transition'))
  ) {
    out.push({ code: 'eventLabelsChanged', params: {} });
  }
  if (reordered) out.push({ code: 'stagesReordered', params: {} });
  if (moved && out.length === 0) out.push({ code: 'layoutChanged', params: {} });
  return out;
}
