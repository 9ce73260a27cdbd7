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
 * 6,371,008.8 m) is at most the sharing distance. The masts are put in latitude strips at least the reach high (a
 * counting sort), each strip sorted by longitude; a mast's candidates are the masts of its own and the two
 * neighbouring strips within its longitude reach (the half-width from the haversine formula at the most poleward
 * latitude in reach), found by binary search, each then checked with the exact distance. Cost ~ n log(n per strip) +
 * candidates: a hash grid's, without a tree (a KDBush range query per mast took 0.25 s for the 87,632 national
 * masts). Not for data crossing the antimeridian.
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

  const { lon: lons, lat: lats, ownerIndex } = towers;
  const angularRadius = Math.min(maxDistanceM / EARTH_MEAN_RADIUS_M, Math.PI);
  // A hair of slack so rounding in the box never drops a pair the exact test would keep.
  const reachLatDeg = (angularRadius / DEG) * (1 + 1e-9) + 1e-12;
  const sinHalf = Math.sin(angularRadius / 2);
  const strips = buildLatitudeStrips(lons, lats, n, reachLatDeg);
  const { order, first } = strips;

  const pairsA: number[] = [];
  const pairsB: number[] = [];
  const distances: number[] = [];
  for (let strip = 0; strip < strips.count; strip++) {
    const firstStrip = Math.max(0, strip - 1);
    const lastStrip = Math.min(strips.count - 1, strip + 1);
    // One longitude reach for the strip: at the most poleward latitude any of its masts can reach (a box at least as
    // wide as each mast's own).
    let poleward = 0;
    for (let k = first[strip]; k < first[strip + 1]; k++) poleward = Math.max(poleward, Math.abs(lats[order[k]]));
    poleward = Math.min(90, poleward + reachLatDeg);
    const cosPoleward = Math.cos(poleward * DEG);
    const ratio = cosPoleward > 0 ? sinHalf / cosPoleward : 2;
    const reachLonDeg = ratio >= 1 ? 180 : ((2 * Math.asin(ratio)) / DEG) * (1 + 1e-9) + 1e-12;
    for (let k = first[strip]; k < first[strip + 1]; k++) {
      const i = order[k];
      const lon = lons[i];
      const lat = lats[i];
      const west = lon - reachLonDeg;
      const east = lon + reachLonDeg;
      for (let s = firstStrip; s <= lastStrip; s++) {
        const end = first[s + 1];
        // The first mast of the strip at or east of `west` (the strip is sorted by longitude).
        let lo = first[s];
        let hi = end;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (lons[order[mid]] < west) lo = mid + 1;
          else hi = mid;
        }
        for (let m = lo; m < end; m++) {
          const j = order[m];
          if (lons[j] > east) break;
          if (j <= i || ownerIndex[j] === ownerIndex[i] || Math.abs(lats[j] - lat) > reachLatDeg) continue;
          const threshold = perTower ? Math.max(perTower[i], perTower[j]) : maxDistanceM;
          const distance = haversineDistanceM(lon, lat, lons[j], lats[j]);
          if (distance <= threshold) {
            pairsA.push(i);
            pairsB.push(j);
            distances.push(distance);
          }
        }
      }
    }
  }
  const sorted = pairsA.map((_, k) => k).sort((x, y) => pairsA[x] - pairsA[y] || pairsB[x] - pairsB[y]);
  return {
    count: sorted.length,
    a: Uint32Array.from(sorted, (k) => pairsA[k]),
    b: Uint32Array.from(sorted, (k) => pairsB[k]),
    distanceM: Float64Array.from(sorted, (k) => distances[k]),
  };
}

/**
 * The masts in latitude strips of height at least `minHeightDeg` from the southernmost mast (a counting sort; at
 * most about 2n strips however small the height), each strip's masts sorted by longitude: strip s holds
 * order[first[s]] .. order[first[s + 1] - 1].
 */
function buildLatitudeStrips(
  lons: Float64Array,
  lats: Float64Array,
  n: number,
  minHeightDeg: number,
): { count: number; order: Uint32Array; first: Uint32Array } {
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    south = Math.min(south, lats[i]);
    north = Math.max(north, lats[i]);
  }
  const heightDeg = Math.max(minHeightDeg, (north - south) / (2 * n), 1e-9);
  const count = Math.min(2 * n + 1, Math.floor((north - south) / heightDeg) + 1);
  const stripOf = new Uint32Array(n);
  const first = new Uint32Array(count + 1);
  for (let i = 0; i < n; i++) {
    stripOf[i] = Math.min(count - 1, Math.floor((lats[i] - south) / heightDeg));
    first[stripOf[i] + 1]++;
  }
  for (let s = 0; s < count; s++) first[s + 1] += first[s];
  const order = new Uint32Array(n);
  const next = first.slice(0, count);
  for (let i = 0; i < n; i++) order[next[stripOf[i]]++] = i;
  // Each strip by longitude, then index: an insertion sort where a strip holds a few masts (a sort call per strip
  // cost more than the search), a sort where it holds many.
  for (let s = 0; s < count; s++) {
    if (first[s + 1] - first[s] > 32) {
      const strip = order.subarray(first[s], first[s + 1]);
      strip.set(Array.from(strip).sort((x, y) => lons[x] - lons[y] || x - y));
      continue;
    }
    for (let k = first[s] + 1; k < first[s + 1]; k++) {
      const mast = order[k];
      const lon = lons[mast];
      let at = k;
      while (at > first[s] && (lons[order[at - 1]] > lon || (lons[order[at - 1]] === lon && order[at - 1] > mast))) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = mast;
    }
  }
  return { count, order, first };
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
  // Keyed by the file's own words: no inherited member (see util/ownProperty).
  const result: Record<string, number> = Object.create(null);
  for (const key of [...counts.keys()].sort()) result[key] = counts.get(key) as number;
  return result;
}
