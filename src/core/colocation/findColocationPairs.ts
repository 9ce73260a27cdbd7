import KDBush from 'kdbush';
import { EARTH_MEAN_RADIUS_M, haversineDistanceM } from '../geo/haversineDistanceM';
import type { TowerArrays } from '../model/towerArrays';

const DEG = Math.PI / 180;

export interface ColocationPairsRequest {
  towers: Pick<TowerArrays, 'count' | 'lon' | 'lat' | 'ownerIndex'>;
  /**
   * The sharing distance, metres: one number for every mast, or one per mast (from its zone, see
   * sharingDistanceByZone). With distances per mast, a pair counts when its distance is at most the larger of the
   * two: had either mast been the newcomer, its own zone's rule would have required sharing.
   */
  sharingDistanceM: number | Float64Array;
}

/** Unordered pairs as parallel arrays, a < b, sorted by a then b. */
export interface ColocationPairs {
  count: number;
  a: Uint32Array;
  b: Uint32Array;
  /** Great-circle distance of the pair, metres. */
  distanceM: Float64Array;
}

/**
 * Every unordered pair of masts whose OWNERS differ and whose great-circle distance (haversine, Earth radius
 * 6,371,008.8 m) is at most the sharing distance. A KDBush index on lon/lat gives the masts in a box that surely holds
 * every mast within reach (the longitude half-width from the haversine formula at the box's most poleward latitude);
 * each is then checked with the exact distance. Cost ~ n log n + pairs in the boxes. Not for data crossing the
 * antimeridian.
 */
export function findColocationPairs(request: ColocationPairsRequest): ColocationPairs {
  const { towers, sharingDistanceM } = request;
  const n = towers.count;
  const perTower = typeof sharingDistanceM === 'number' ? null : sharingDistanceM;
  if (perTower && perTower.length !== n) {
    throw new RangeError(`sharingDistanceM has ${perTower.length} values for ${n} masts`);
  }
  let maxDistanceM = typeof sharingDistanceM === 'number' ? sharingDistanceM : 0;
  if (perTower) for (let i = 0; i < n; i++) if (perTower[i] > maxDistanceM) maxDistanceM = perTower[i];
  const empty: ColocationPairs = {
    count: 0,
    a: new Uint32Array(0),
    b: new Uint32Array(0),
    distanceM: new Float64Array(0),
  };
  if (n < 2 || !(maxDistanceM >= 0)) return empty;

  const index = new KDBush(n);
  for (let i = 0; i < n; i++) index.add(towers.lon[i], towers.lat[i]);
  index.finish();

  const angularRadius = Math.min(maxDistanceM / EARTH_MEAN_RADIUS_M, Math.PI);
  // A hair of slack so rounding in the box never drops a pair the exact test would keep.
  const reachLatDeg = (angularRadius / DEG) * (1 + 1e-9) + 1e-12;
  const sinHalf = Math.sin(angularRadius / 2);
  const pairsA: number[] = [];
  const pairsB: number[] = [];
  const distances: number[] = [];
  for (let i = 0; i < n; i++) {
    const lon = towers.lon[i];
    const lat = towers.lat[i];
    const poleward = Math.min(90, Math.abs(lat) + reachLatDeg);
    const cosPoleward = Math.cos(poleward * DEG);
    const ratio = cosPoleward > 0 ? sinHalf / cosPoleward : 2;
    const reachLonDeg = ratio >= 1 ? 180 : ((2 * Math.asin(ratio)) / DEG) * (1 + 1e-9) + 1e-12;
    const found = index.range(lon - reachLonDeg, lat - reachLatDeg, lon + reachLonDeg, lat + reachLatDeg);
    for (const j of found) {
      if (j <= i || towers.ownerIndex[j] === towers.ownerIndex[i]) continue;
      const threshold = perTower ? Math.max(perTower[i], perTower[j]) : maxDistanceM;
      const distance = haversineDistanceM(lon, lat, towers.lon[j], towers.lat[j]);
      if (distance <= threshold) {
        pairsA.push(i);
        pairsB.push(j);
        distances.push(distance);
      }
    }
  }
  const order = pairsA.map((_, k) => k).sort((x, y) => pairsA[x] - pairsA[y] || pairsB[x] - pairsB[y]);
  return {
    count: order.length,
    a: Uint32Array.from(order, (k) => pairsA[k]),
    b: Uint32Array.from(order, (k) => pairsB[k]),
    distanceM: Float64Array.from(order, (k) => distances[k]),
  };
}

/**
 * Key of an unordered pair of operators: the two names sorted by JavaScript string comparison (code units, so
 * "MobiFone" < "Viettel" < "VinaPhone") and joined by "|".
 */
export function operatorPairKey(first: string, second: string): string {
  return first < second ? `${first}|${second}` : `${second}|${first}`;
}

/** Number of pairs per operator pair (owners), keys from operatorPairKey, in key order. */
export function countPairsByOperatorPair(
  pairs: ColocationPairs,
  towers: Pick<TowerArrays, 'ownerIndex' | 'operatorNames'>,
): Record<string, number> {
  const counts = new Map<string, number>();
  for (let k = 0; k < pairs.count; k++) {
    const key = operatorPairKey(
      towers.operatorNames[towers.ownerIndex[pairs.a[k]]],
      towers.operatorNames[towers.ownerIndex[pairs.b[k]]],
    );
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const result: Record<string, number> = {};
  for (const key of [...counts.keys()].sort()) result[key] = counts.get(key) as number;
  return result;
}
