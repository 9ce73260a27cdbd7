import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * All rings (outer rings and holes) of a Polygon or MultiPolygon. For a valid geometry (parts not overlapping,
 * holes inside their outer ring) a point is inside exactly when a ray from it crosses these rings an odd number
 * of times (even-odd rule), which handles holes and multipolygons alike.
 */
export function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Even-odd point-in-polygon (ray cast towards +x) over all rings. */
export function pointInRings(rings: readonly Position[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const yi = ring[i][1];
      const yj = ring[j][1];
      if (yi > y !== yj > y) {
        const crossX = ring[i][0] + ((y - yi) * (ring[j][0] - ring[i][0])) / (yj - yi);
        if (x < crossX) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Longitudes where the horizontal line at latitude `y` crosses the rings' edges, sorted ascending
 * (same half-open edge rule as pointInRings, so results agree exactly).
 */
export function scanlineCrossings(rings: readonly Position[][], y: number): number[] {
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const yi = ring[i][1];
      const yj = ring[j][1];
      if (yi > y !== yj > y) crossings.push(ring[i][0] + ((y - yi) * (ring[j][0] - ring[i][0])) / (yj - yi));
    }
  }
  return crossings.sort((a, b) => a - b);
}

/**
 * Inside-mask of points on one latitude `y` with ascending longitudes `xs`: a point is inside when an odd number of
 * crossings lie strictly east of it, exactly as in pointInRings.
 */
export function scanlineRowMask(rings: readonly Position[][], y: number, xs: ArrayLike<number>): Uint8Array {
  const crossings = scanlineCrossings(rings, y);
  const mask = new Uint8Array(xs.length);
  let passed = 0; // crossings[0..passed) are not strictly east of the current point
  for (let k = 0; k < xs.length; k++) {
    while (passed < crossings.length && !(xs[k] < crossings[passed])) passed++;
    mask[k] = (crossings.length - passed) % 2;
  }
  return mask;
}
