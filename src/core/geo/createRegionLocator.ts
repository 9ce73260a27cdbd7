import type { LonLatPolygon } from './lonLatPolygon';

/** Which region (a province: a list of polygons) contains a point. */
export interface RegionLocator {
  regionCount: number;
  /** Index of the first region containing the point, or -1. */
  locate(lon: number, lat: number): number;
}

/** Height of the latitude bands the edges are bucketed in, degrees (about 550 m). */
const BAND_DEG = 0.005;

/**
 * Point-in-region queries for many points against regions with many vertices (the 34 provinces have ~88,000).
 * Every ring edge is bucketed in the latitude bands it spans; a query counts, per region, the edges of its band that
 * cross the point's latitude strictly east of it (even-odd over all rings of the region, so holes are cut out and
 * the parts of a MultiPolygon are united). Cost per query: the edges in one band, not the region's vertex count.
 *
 * Same rule and arithmetic as maskCellCentresInPolygons: an edge counts for latitudes in [its lower end, its upper
 * end), the crossing longitude is computed from the edge's first vertex in ring order, and a point exactly on an edge
 * is inside on the western side of a span and outside on the eastern. A point in two overlapping regions goes to the
 * first. Planar in degrees; polygons crossing the antimeridian are not supported.
 */
export function createRegionLocator(regions: ReadonlyArray<readonly LonLatPolygon[]>): RegionLocator {
  const regionOf: number[] = [];
  const coordinates: number[] = [];
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  regions.forEach((polygons, region) => {
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const count = ring.length;
        for (let i = 0; i < count; i++) {
          const [lon1, lat1] = ring[i];
          const [lon2, lat2] = ring[(i + 1) % count];
          if (lat1 === lat2) continue;
          regionOf.push(region);
          coordinates.push(lon1, lat1, lon2, lat2);
          south = Math.min(south, lat1, lat2);
          north = Math.max(north, lat1, lat2);
        }
      }
    }
  });
  const edgeCount = regionOf.length;
  if (edgeCount === 0) return { regionCount: regions.length, locate: () => -1 };

  const bandCount = Math.floor((north - south) / BAND_DEG) + 1;
  const bandOf = (lat: number) => Math.min(bandCount - 1, Math.floor((lat - south) / BAND_DEG));
  // Compressed rows: the edges of band b are entries starts[b] .. starts[b + 1] - 1 of `edges`.
  const starts = new Int32Array(bandCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const lat1 = coordinates[4 * e + 1];
    const lat2 = coordinates[4 * e + 3];
    for (let b = bandOf(Math.min(lat1, lat2)); b <= bandOf(Math.max(lat1, lat2)); b++) starts[b + 1]++;
  }
  for (let b = 0; b < bandCount; b++) starts[b + 1] += starts[b];
  const edges = new Int32Array(starts[bandCount]);
  const next = starts.slice(0, bandCount);
  for (let e = 0; e < edgeCount; e++) {
    const lat1 = coordinates[4 * e + 1];
    const lat2 = coordinates[4 * e + 3];
    for (let b = bandOf(Math.min(lat1, lat2)); b <= bandOf(Math.max(lat1, lat2)); b++) edges[next[b]++] = e;
  }
  const edgeCoordinates = Float64Array.from(coordinates);
  const edgeRegion = Int32Array.from(regionOf);
  const parity = new Uint8Array(regions.length);
  const touched: number[] = [];

  return {
    regionCount: regions.length,
    locate(lon, lat) {
      if (!(lat >= south && lat <= north)) return -1;
      const band = bandOf(lat);
      for (let k = starts[band]; k < starts[band + 1]; k++) {
        const e = edges[k];
        const lon1 = edgeCoordinates[4 * e];
        const lat1 = edgeCoordinates[4 * e + 1];
        const lon2 = edgeCoordinates[4 * e + 2];
        const lat2 = edgeCoordinates[4 * e + 3];
        if (lat1 <= lat === lat2 <= lat) continue;
        if (lon < lon1 + ((lat - lat1) * (lon2 - lon1)) / (lat2 - lat1)) {
          const region = edgeRegion[e];
          if (parity[region] === 0 && !touched.includes(region)) touched.push(region);
          parity[region] ^= 1;
        }
      }
      let found = -1;
      for (const region of touched) {
        if (parity[region] === 1 && (found < 0 || region < found)) found = region;
        parity[region] = 0;
      }
      touched.length = 0;
      return found;
    },
  };
}

/** The region of each point (index or -1), for points given as parallel lon/lat arrays. */
export function locatePointsInRegions(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  regions: ReadonlyArray<readonly LonLatPolygon[]>,
): Int32Array {
  const locator = createRegionLocator(regions);
  const result = new Int32Array(lon.length);
  for (let i = 0; i < lon.length; i++) result[i] = locator.locate(lon[i], lat[i]);
  return result;
}
