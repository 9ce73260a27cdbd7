import { simplify } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { roundPath } from './geojsonFiles';

/** Planar (degree²) area of a closed ring, by the shoelace formula; positive when counter-clockwise. */
export function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return twice / 2;
}

function closed(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/**
 * One ring simplified (turf simplify, Douglas-Peucker with radial pre-pass) and rounded to 6 decimals. A ring the
 * simplification collapses (fewer than 4 distinct vertices, or less than half or more than 1.5 times its area)
 * is kept as it was, rounded: small islands must never disappear or turn into slivers.
 */
export function simplifyRing(ring: readonly Position[], tolerance: number): { ring: Position[]; kept: boolean } {
  const original = closed(roundPath(ring));
  let simplified: Position[];
  try {
    const polygon: Polygon = { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] };
    simplified = closed(roundPath(simplify(polygon, { tolerance, highQuality: false }).coordinates[0]));
  } catch {
    return { ring: original, kept: true };
  }
  const areaOriginal = Math.abs(ringArea(original));
  const areaSimplified = Math.abs(ringArea(simplified));
  const collapsed = simplified.length < 5 || areaSimplified < 0.5 * areaOriginal || areaSimplified > 1.5 * areaOriginal;
  return collapsed ? { ring: original, kept: true } : { ring: simplified, kept: false };
}

export interface SimplifyStats {
  rings: number;
  keptOriginal: number;
}

/** A Polygon or MultiPolygon with every ring simplified (see simplifyRing); no part or hole is ever dropped. */
export function simplifyKeepingRings(
  geometry: Polygon | MultiPolygon,
  tolerance: number,
  stats?: SimplifyStats,
): Polygon | MultiPolygon {
  const simplifyPolygon = (rings: Position[][]) =>
    rings.map((ring) => {
      const result = simplifyRing(ring, tolerance);
      if (stats) {
        stats.rings++;
        if (result.kept) stats.keptOriginal++;
      }
      return result.ring;
    });
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: simplifyPolygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(simplifyPolygon) };
}

/** Polygon or MultiPolygon with every ring rounded to 6 decimals (no simplification). */
export function roundPolygonal(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const roundRings = (rings: Position[][]) => rings.map((ring) => closed(roundPath(ring)));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: roundRings(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(roundRings) };
}
