import Flatbush from 'flatbush';
import type { LonLatPolygon } from './lonLatPolygon';
import { pointInLonLatPolygon } from './pointInLonLatPolygon';

/** Point-in-polygon queries against many polygons: a Flatbush index of their bounding boxes, then the exact test. */
export interface LonLatPolygonIndex {
  polygonCount: number;
  /** Indices (into the polygons given) of every polygon containing the point, ascending. */
  polygonsContaining(lon: number, lat: number): number[];
  /** Whether any polygon contains the point. */
  containsPoint(lon: number, lat: number): boolean;
}

export function indexLonLatPolygons(polygons: readonly LonLatPolygon[]): LonLatPolygonIndex {
  if (polygons.length === 0) {
    return { polygonCount: 0, polygonsContaining: () => [], containsPoint: () => false };
  }
  const index = new Flatbush(polygons.length);
  for (const polygon of polygons) {
    let minLon = Number.POSITIVE_INFINITY;
    let minLat = Number.POSITIVE_INFINITY;
    let maxLon = Number.NEGATIVE_INFINITY;
    let maxLat = Number.NEGATIVE_INFINITY;
    // The outer ring bounds the polygon; holes lie inside it.
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    if (minLon > maxLon)
      index.add(0, 0, -1, -1); // empty polygon: a box nothing falls in
    else index.add(minLon, minLat, maxLon, maxLat);
  }
  index.finish();
  return {
    polygonCount: polygons.length,
    polygonsContaining(lon, lat) {
      return index
        .search(lon, lat, lon, lat)
        .filter((k) => pointInLonLatPolygon(lon, lat, polygons[k]))
        .sort((a, b) => a - b);
    },
    containsPoint(lon, lat) {
      let found = false;
      index.search(lon, lat, lon, lat, (k) => {
        if (!found && pointInLonLatPolygon(lon, lat, polygons[k])) found = true;
        return false;
      });
      return found;
    },
  };
}
