/**
 * Paths of transition edges in a left-to-right pipeline: forward edges curve gently
 * (parallel ones fan out), backward edges to another row make an S, backward edges in
 * the same row run below both stages, a self-loop arcs above.
 */
import { NODE_HEIGHT } from './geometry.js';

export interface EdgeGeometry {
  path: string;
  labelX: number;
  labelY: number;
}

const FAN = 30;
/** Horizontal room a label needs between two stages. */
const TIGHT_GAP = 140;

export function edgePath(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  offset: number,
  self: boolean,
): EdgeGeometry {
  if (self) {
    const lift = 70 + Math.abs(offset) * FAN;
    return {
      path: `M ${sx} ${sy} C ${sx + 60} ${sy - lift}, ${tx - 60} ${ty - lift}, ${tx} ${ty}`,
      labelX: (sx + tx) / 2,
      labelY: sy - lift * 0.75,
    };
  }
  if (tx > sx + 10) {
    const dx = Math.max(24, (tx - sx) / 2);
    const off = offset * FAN * 1.6;
    // Between stages too close for a label, it goes above them.
    const cramped = tx - sx < TIGHT_GAP && Math.abs(ty - sy) < NODE_HEIGHT;
    return {
      path: `M ${sx} ${sy} C ${sx + dx} ${sy + off}, ${tx - dx} ${ty + off}, ${tx} ${ty}`,
      labelX: (sx + tx) / 2,
      labelY: cramped
        ? Math.min(sy, ty) - NODE_HEIGHT / 2 - 16 - Math.abs(offset) * 26
        : (sy + ty) / 2 + off * 0.75,
    };
  }
  if (Math.abs(ty - sy) > NODE_HEIGHT) {
    // Backwards to another row: an S from the exit handle into the entry handle.
    const reach = Math.max(70, Math.abs(tx - sx) / 2);
    const off = offset * FAN;
    return {
      path: `M ${sx} ${sy} C ${sx + reach} ${sy + off}, ${tx - reach} ${ty + off}, ${tx} ${ty}`,
      labelX: (sx + tx) / 2,
      labelY: (sy + ty) / 2 + off,
    };
  }
  const dip = Math.max(sy, ty) + 80 + (offset + 1) * FAN;
  return {
    path: `M ${sx} ${sy} C ${sx + 70} ${sy}, ${sx + 70} ${dip}, ${sx} ${dip} L ${tx} ${dip} C ${tx - 70} ${dip}, ${tx - 70} ${ty}, ${tx} ${ty}`,
    labelX: (sx + tx) / 2,
    labelY: dip,
  };
}
