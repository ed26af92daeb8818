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

export function toFlow({ draft, positions, issues, records, selection, sim, lang }: FlowInput): {
  nodes: StageNode[];
  edges: TransitionEdge[];
} {
  const boxes = stageBoxes(draft, positions);
  const nodes: StageNode[] = listStages(draft).map((s) => {
    const box = boxes.get(s.path)!;
    const meta = s.state.meta;
    return {
      id: s.path,
      type: 'stage',
      position: { x: box.x, y: box.y },
      ...(s.parent === '' ? {} : { parentId: s.parent }),
      selected: selection?.kind === 'stage' && selection.key === s.path,
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
      selected: selection?.kind === 'transition' && selection.id === t.id,
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
