/**
 * Where each stage is drawn: its position (relative to its parent stage, as React Flow
 * and `meta.position` keep it), its size (a stage with sub-stages wraps them) and its
 * absolute position, for label placement and new stages.
 */
import type { Draft } from '../../model/draft.js';
import { listStages } from '../../model/stages.js';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 96;
/** Room inside a stage with sub-stages: its header above them, a margin around them. */
export const GROUP_HEADER = 72;
export const GROUP_PAD = 20;

export type Positions = Record<string, { x: number; y: number }>;

export interface StageBox {
  path: string;
  parent: string;
  compound: boolean;
  /** Relative to the parent stage (the canvas for a top-level stage). */
  x: number;
  y: number;
  w: number;
  h: number;
  absX: number;
  absY: number;
}

/** Boxes of every stage, parents before children. `fallback` holds laid-out positions of unplaced stages. */
export function stageBoxes(draft: Draft, fallback: Positions): Map<string, StageBox> {
  const stages = listStages(draft);
  const boxes = new Map<string, StageBox>();
  const siblings = new Map<string, number>();
  for (const s of stages) {
    const index = siblings.get(s.parent) ?? 0;
    siblings.set(s.parent, index + 1);
    const placed = s.state.meta.position ?? fallback[s.path];
    const start =
      s.parent === ''
        ? { x: index * (NODE_WIDTH + 80), y: 0 }
        : { x: GROUP_PAD + index * (NODE_WIDTH + 40), y: GROUP_HEADER };
    let { x, y } = placed ?? start;
    // A step is drawn inside its stage, below the header, whatever its saved position says.
    if (s.parent !== '') [x, y] = [Math.max(GROUP_PAD, x), Math.max(GROUP_HEADER, y)];
    boxes.set(s.path, {
      path: s.path,
      parent: s.parent,
      compound: s.compound,
      x,
      y,
      w: NODE_WIDTH,
      h: NODE_HEIGHT,
      absX: 0,
      absY: 0,
    });
  }
  // Sizes bottom-up: a stage with sub-stages is as large as they need.
  for (const s of [...stages].reverse()) {
    if (!s.compound) continue;
    const box = boxes.get(s.path)!;
    const children = [...boxes.values()].filter((b) => b.parent === s.path);
    box.w = Math.max(NODE_WIDTH + 2 * GROUP_PAD, ...children.map((c) => c.x + c.w + GROUP_PAD));
    box.h = Math.max(GROUP_HEADER + NODE_HEIGHT + GROUP_PAD, ...children.map((c) => c.y + c.h + GROUP_PAD));
  }
  for (const s of stages) {
    const box = boxes.get(s.path)!;
    const parent = boxes.get(s.parent);
    box.absX = (parent?.absX ?? 0) + box.x;
    box.absY = (parent?.absY ?? 0) + box.y;
  }
  return boxes;
}

/** Move `p` down until its box overlaps none of `taken`. */
export function freeSpot(
  p: { x: number; y: number },
  taken: { x: number; y: number; w: number; h: number }[],
): { x: number; y: number } {
  const spot = { ...p };
  const hits = (t: { x: number; y: number; w: number; h: number }) =>
    spot.x < t.x + t.w + 20 &&
    t.x < spot.x + NODE_WIDTH + 20 &&
    spot.y < t.y + t.h + 20 &&
    t.y < spot.y + NODE_HEIGHT + 20;
  while (taken.some(hits)) spot.y += NODE_HEIGHT + 32;
  return spot;
}
