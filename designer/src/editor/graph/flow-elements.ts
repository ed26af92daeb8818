/** The draft as React Flow nodes (stages; sub-stages inside theirs) and edges (transitions). */
import type { Edge, Node } from '@xyflow/react';
import type { Draft, Lang } from '../../model/draft.js';
import type { IssueIndex } from '../../model/issues.js';
import type { Labels } from '../../model/pack-types.js';
import { listStages } from '../../model/stages.js';
import { listTransitions } from '../../model/transitions.js';
import type { Selection } from '../selection.js';
import { edgePath } from './edge-path.js';
import { GROUP_HEADER, stageBoxes, type Positions, type StageBox } from './geometry.js';
import { placeLabels } from './label-layout.js';

export { NODE_HEIGHT, NODE_WIDTH } from './geometry.js';

export interface StageNodeData extends Record<string, unknown> {
  stage: string;
  labels: Labels;
  /** The start of the pipeline, or of its parent stage. */
  initial: boolean;
  final: boolean;
  /** A stage with sub-stages, drawn around them. */
  compound: boolean;
  activities: number;
  reminders: number;
  requiredFields: number;
  records?: number;
  issues: string[];
  sim?: 'current' | 'visited';
}

export interface TransitionEdgeData extends Record<string, unknown> {
  kind: 'on' | 'after' | 'always';
  eventKey: string;
  eventLabels?: Labels;
  guard?: string;
  actions: number;
  issues: string[];
  /** Position among the edges between the same two stages, centred on 0. */
  offset: number;
  /** Vertical nudge of the label so it does not cover a stage or another label. */
  labelShift: number;
}

export type StageNode = Node<StageNodeData, 'stage'>;
export type TransitionEdge = Edge<TransitionEdgeData, 'transition'>;

export interface FlowInput {
  draft: Draft;
  positions: Positions;
  issues: IssueIndex;
  /** Records per stage path. */
  records: Map<string, number>;
  selection: Selection;
  sim?: { current: string; visited: Set<string> };
  lang: Lang;
}

export interface Flow {
  nodes: StageNode[];
  edges: TransitionEdge[];
}

/**
 * The graph of the draft, nothing selected. Selecting is `withSelection`'s: a click then
 * changes one or two elements, not all of them (React Flow redraws only what changed).
 */
export function toFlow({ draft, positions, issues, records, sim, lang }: Omit<FlowInput, 'selection'>): Flow {
  const boxes = stageBoxes(draft, positions);
  const nodes: StageNode[] = listStages(draft).map((s) => {
    const box = boxes.get(s.path)!;
    const meta = s.state.meta;
    return {
      id: s.path,
      type: 'stage',
      position: { x: box.x, y: box.y },
      ...(s.parent === '' ? {} : { parentId: s.parent }),
      selected: false,
      width: box.w,
      height: box.h,
      // React Flow sizes a node from its content; a frame must be given its size.
      ...(s.compound ? { style: { width: box.w, height: box.h } } : {}),
      ariaLabel: s.path,
      ...(s.compound ? { zIndex: -1 } : {}),
      data: {
        stage: s.path,
        labels: meta.labels,
        initial: s.initial,
        final: s.final,
        compound: s.compound,
        activities: meta.activities?.length ?? 0,
        reminders: meta.reminders?.length ?? 0,
        requiredFields: meta.requiredFields?.length ?? 0,
        records: records.get(s.path),
        issues: (issues.stages.get(s.path) ?? []).map((i) => i.message),
        ...(sim
          ? { sim: sim.current === s.path ? 'current' : sim.visited.has(s.path) ? 'visited' : undefined }
          : {}),
      },
    };
  });
  const drawn = listTransitions(draft).filter(
    (t) => t.source !== '' && t.target !== undefined && boxes.has(t.target),
  );
  const pairs = new Map<string, number>();
  for (const t of drawn)
    pairs.set(`${t.source}>${t.target}`, (pairs.get(`${t.source}>${t.target}`) ?? 0) + 1);
  const seen = new Map<string, number>();
  const edges = drawn.map((t): TransitionEdge => {
    const pair = `${t.source}>${t.target}`;
    const index = seen.get(pair) ?? 0;
    seen.set(pair, index + 1);
    const guard = t.guard === undefined ? undefined : typeof t.guard === 'string' ? t.guard : t.guard.type;
    return {
      id: t.id,
      source: t.source,
      target: t.target!,
      type: 'transition',
      selected: false,
      data: {
        kind: t.kind,
        eventKey: t.key,
        eventLabels: t.kind === 'on' ? draft.machine.meta?.events?.[t.key] : undefined,
        ...(guard === undefined ? {} : { guard }),
        actions: t.actions.length,
        issues: (issues.transitions.get(t.id) ?? []).map((i) => i.message),
        offset: index - ((pairs.get(pair) ?? 1) - 1) / 2,
        labelShift: 0,
      },
    };
  });
  return { nodes, edges: withLabelShifts(boxes, edges, lang) };
}

/**
 * `next`, where an element equal to the one of the same id in `previous` is that one
 * (React Flow redraws an element only when its object changes: a validation that finds
 * nothing new, or counts that did not move, then redraws nothing). The array is `previous`
 * itself when nothing changed at all.
 */
export function keepUnchanged<T extends { id: string }>(previous: readonly T[], next: T[]): T[] {
  if (previous.length === 0) return next;
  const before = new Map(previous.map((item) => [item.id, item]));
  let same = previous.length === next.length;
  const kept = next.map((item, i) => {
    const old = before.get(item.id);
    const reused = old !== undefined && JSON.stringify(old) === JSON.stringify(item) ? old : item;
    if (reused !== previous[i]) same = false;
    return reused;
  });
  return same ? (previous as T[]) : kept;
}

/** `flow` with `selection` selected: the selected element is a copy, every other one is `flow`'s own. */
export function withSelection(flow: Flow, selection: Selection): Flow {
  if (!selection) return flow;
  const pick = <T extends { id: string }>(items: T[], id: string) =>
    items.map((item) => (item.id === id ? { ...item, selected: true } : item));
  return selection.kind === 'stage'
    ? { nodes: pick(flow.nodes, selection.key), edges: flow.edges }
    : { nodes: flow.nodes, edges: pick(flow.edges, selection.id) };
}

/** Where each label would sit (handles are at the middle of a stage's sides), then nudged. */
function withLabelShifts(
  boxes: Map<string, StageBox>,
  edges: TransitionEdge[],
  lang: Lang,
): TransitionEdge[] {
  const requests = edges.flatMap((e) => {
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (!s || !t || !e.data) return [];
    const g = edgePath(
      s.absX + s.w,
      s.absY + s.h / 2,
      t.absX,
      t.absY + t.h / 2,
      e.data.offset,
      e.source === e.target,
    );
    const text = e.data.eventLabels?.[lang] ?? e.data.eventKey;
    return [{ id: e.id, x: g.labelX, y: g.labelY, text, twoLines: e.data.guard !== undefined }];
  });
  // Stages are obstacles; a stage with sub-stages only by its header.
  const obstacles = [...boxes.values()].map((b) => ({
    x: b.absX,
    y: b.absY,
    w: b.w,
    h: b.compound ? GROUP_HEADER : b.h,
  }));
  const shifts = placeLabels(requests, obstacles);
  return edges.map((e) => (e.data ? { ...e, data: { ...e.data, labelShift: shifts.get(e.id) ?? 0 } } : e));
}
