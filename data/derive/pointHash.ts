import { EARTH_RADIUS_M, haversineM } from './geodesy';

const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

/** Points bucketed in a lon/lat grid, for haversine neighbour queries over a few kilometres. */
export class PointHash {
  private readonly buckets = new Map<string, number[]>();
  private readonly lons: number[] = [];
  private readonly lats: number[] = [];

  constructor(private readonly cellDeg = 0.01) {}

  get size(): number {
    return this.lons.length;
  }

  /** Adds a point and returns its index (0, 1, 2, ... in insertion order). */
  add(lon: number, lat: number): number {
    const index = this.lons.length;
    this.lons.push(lon);
    this.lats.push(lat);
    const key = `${Math.floor(lon / this.cellDeg)},${Math.floor(lat / this.cellDeg)}`;
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(index);
    else this.buckets.set(key, [index]);
    return index;
  }

  /** Indices of the points within `radiusM` metres (haversine), ascending. */
  within(lon: number, lat: number, radiusM: number): number[] {
    const found: number[] = [];
    const dLat = radiusM / METRES_PER_DEGREE;
    const dLon = dLat / Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180);
    const cx0 = Math.floor((lon - dLon) / this.cellDeg);
    const cx1 = Math.floor((lon + dLon) / this.cellDeg);
    const cy0 = Math.floor((lat - dLat) / this.cellDeg);
    const cy1 = Math.floor((lat + dLat) / this.cellDeg);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        for (const index of this.buckets.get(`${cx},${cy}`) ?? []) {
          if (haversineM(lon, lat, this.lons[index], this.lats[index]) <= radiusM) found.push(index);
        }
      }
    }
    return found.sort((a, b) => a - b);
  }

  /** Distance in metres to the nearest point, or Infinity when none lies within `maxM`. */
  nearestDistance(lon: number, lat: number, maxM: number): number {
    let best = Infinity;
    for (const index of this.within(lon, lat, maxM)) {
      best = Math.min(best, haversineM(lon, lat, this.lons[index], this.lats[index]));
    }
    return best;
  }
}
