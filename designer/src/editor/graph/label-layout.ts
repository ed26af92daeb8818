/**
 * Keep transition labels readable: each label is nudged up or down (a little, then
 * more) until it overlaps neither a stage nor a label placed before it. Sizes are
 * estimates from the text; this runs on every graph change, so it stays a greedy pass.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelRequest {
  id: string;
  /** Centre of the label where its edge would put it. */
  x: number;
  y: number;
  text: string;
  twoLines: boolean;
}

const STEP = 24;
const TRIES = [0, 1, -1, 2, -2, 3, -3, 4, -4];

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function labelBox(request: LabelRequest, dy = 0): Box {
  const w = Math.min(170, 18 + request.text.length * 6.6);
  const h = request.twoLines ? 34 : 20;
  return { x: request.x - w / 2, y: request.y + dy - h / 2, w, h };
}

/** Vertical shift of each label so that labels avoid stages and each other. */
export function placeLabels(requests: LabelRequest[], stages: Box[]): Map<string, number> {
  const obstacles: Box[] = stages.map((b) => ({ x: b.x - 4, y: b.y - 4, w: b.w + 8, h: b.h + 8 }));
  const shifts = new Map<string, number>();
  for (const request of [...requests].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const dy =
      TRIES.map((k) => k * STEP).find((d) => !obstacles.some((o) => overlaps(o, labelBox(request, d)))) ?? 0;
    shifts.set(request.id, dy);
    obstacles.push(labelBox(request, dy));
  }
  return shifts;
}
