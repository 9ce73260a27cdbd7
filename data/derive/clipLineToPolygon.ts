import type { Position } from 'geojson';
import { pointInRings } from './pointInRings';

interface Edge {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Polygon edges bucketed by latitude band, for quick segment-edge intersection tests. */
export class EdgeIndex {
  readonly rings: Position[][];
  private readonly bands = new Map<number, Edge[]>();
  private readonly bandSize: number;

  constructor(rings: Position[][], bandSize = 0.02) {
    this.rings = rings;
    this.bandSize = bandSize;
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1];
        const [bx, by] = ring[i];
        const edge: Edge = {
          ax,
          ay,
          bx,
          by,
          minX: Math.min(ax, bx),
          minY: Math.min(ay, by),
          maxX: Math.max(ax, bx),
          maxY: Math.max(ay, by),
        };
        for (let band = this.band(edge.minY); band <= this.band(edge.maxY); band++) {
          const list = this.bands.get(band);
          if (list) list.push(edge);
          else this.bands.set(band, [edge]);
        }
      }
    }
  }

  private band(y: number): number {
    return Math.floor(y / this.bandSize);
  }

  /** Distinct edges whose latitude band overlaps [minY, maxY]. */
  candidates(minY: number, maxY: number): Edge[] {
    const seen = new Set<Edge>();
    for (let band = this.band(minY); band <= this.band(maxY); band++) {
      for (const edge of this.bands.get(band) ?? []) seen.add(edge);
    }
    return [...seen];
  }
}

/**
 * Parameters t in (0, 1) where segment p→q crosses or touches polygon edges (planar lon/lat, as GeoJSON is read).
 * Collinear overlaps add no parameter: the pieces' midpoint test decides them.
 */
function crossingParameters(index: EdgeIndex, p: Position, q: Position): number[] {
  const minX = Math.min(p[0], q[0]);
  const maxX = Math.max(p[0], q[0]);
  const ts: number[] = [];
  const rx = q[0] - p[0];
  const ry = q[1] - p[1];
  for (const edge of index.candidates(Math.min(p[1], q[1]), Math.max(p[1], q[1]))) {
    if (edge.maxX < minX || edge.minX > maxX || edge.maxY < Math.min(p[1], q[1]) || edge.minY > Math.max(p[1], q[1])) {
      continue;
    }
    const sx = edge.bx - edge.ax;
    const sy = edge.by - edge.ay;
    const denominator = rx * sy - ry * sx;
    if (denominator === 0) continue;
    const wx = edge.ax - p[0];
    const wy = edge.ay - p[1];
    const t = (wx * sy - wy * sx) / denominator;
    const u = (wx * ry - wy * rx) / denominator;
    if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
  }
  return ts.sort((a, b) => a - b);
}

function lerp(p: Position, q: Position, t: number): Position {
  if (t === 0) return [p[0], p[1]];
  if (t === 1) return [q[0], q[1]];
  return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
}

/**
 * The parts of a polyline inside the polygon: every segment is cut at its intersections with the polygon's edges
 * and each piece is kept when its midpoint is inside (even-odd over all rings). Consecutive kept pieces are joined.
 */
export function clipLineToPolygon(line: readonly Position[], index: EdgeIndex): Position[][] {
  const parts: Position[][] = [];
  let current: Position[] | null = null;
  for (let i = 1; i < line.length; i++) {
    const p = line[i - 1];
    const q = line[i];
    if (p[0] === q[0] && p[1] === q[1]) continue;
    const ts = [0, ...crossingParameters(index, p, q), 1];
    for (let k = 1; k < ts.length; k++) {
      const t0 = ts[k - 1];
      const t1 = ts[k];
      if (t1 <= t0) continue;
      const mid = lerp(p, q, (t0 + t1) / 2);
      if (pointInRings(index.rings, mid[0], mid[1])) {
        const start = lerp(p, q, t0);
        if (!current) {
          current = [start];
          parts.push(current);
        }
        current.push(lerp(p, q, t1));
      } else {
        current = null;
      }
    }
  }
  return parts;
}
