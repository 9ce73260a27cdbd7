import { haversineDistanceM } from '../geo/haversineDistanceM';
import type { TowerArrays } from '../model/towerArrays';
import type { ColocationPairs } from './findColocationPairs';

export const EXACT_DIAMETER_MAX_MASTS = 500;

/** Masts linked by chains of co-location pairs (single linkage): what a sharing decision treats together. */
export interface ColocationCluster {
  /** Indices into the tower arrays, ascending. */
  towerIndices: number[];
  /** Owners present, in operatorNames order. */
  owners: string[];
  /** Every operator with equipment on any of the masts, in operatorNames order. */
  tenants: string[];
  /** Mean position of the masts, degrees. */
  centroidLon: number;
  centroidLat: number;
  /**
   * Largest distance between two masts of the cluster, metres (chains make it larger than the rule's distance).
   * Exact up to EXACT_DIAMETER_MAX_MASTS masts, beyond that a two-sweep estimate (at least half the true value).
   */
  diameterM: number;
}

/**
 * Clusters of the pairs by union-find (path halving, union by size). Masts in no pair are in no cluster. Clusters are
 * ordered by their smallest tower index.
 */
export function clusterColocationPairs(
  pairs: ColocationPairs,
  towers: Pick<TowerArrays, 'count' | 'lon' | 'lat' | 'ownerIndex' | 'tenantBits' | 'operatorNames'>,
): ColocationCluster[] {
  const parent = new Int32Array(towers.count);
  const size = new Int32Array(towers.count).fill(1);
  for (let i = 0; i < towers.count; i++) parent[i] = i;
  const find = (x: number): number => {
    let node = x;
    while (parent[node] !== node) {
      parent[node] = parent[parent[node]];
      node = parent[node];
    }
    return node;
  };
  for (let k = 0; k < pairs.count; k++) {
    let rootA = find(pairs.a[k]);
    let rootB = find(pairs.b[k]);
    if (rootA === rootB) continue;
    if (size[rootA] < size[rootB]) [rootA, rootB] = [rootB, rootA];
    parent[rootB] = rootA;
    size[rootA] += size[rootB];
  }
  const inPair = new Uint8Array(towers.count);
  for (let k = 0; k < pairs.count; k++) {
    inPair[pairs.a[k]] = 1;
    inPair[pairs.b[k]] = 1;
  }
  const membersByRoot = new Map<number, number[]>();
  for (let i = 0; i < towers.count; i++) {
    if (!inPair[i]) continue;
    const root = find(i);
    const members = membersByRoot.get(root);
    if (members) members.push(i);
    else membersByRoot.set(root, [i]);
  }
  const clusters: ColocationCluster[] = [];
  for (const members of membersByRoot.values()) {
    let ownerBits = 0;
    let tenantBits = 0;
    let sumLon = 0;
    let sumLat = 0;
    let diameterM = 0;
    for (const i of members) {
      ownerBits |= 1 << towers.ownerIndex[i];
      tenantBits |= towers.tenantBits[i];
      sumLon += towers.lon[i];
      sumLat += towers.lat[i];
    }
    const distance = (i: number, j: number) =>
      haversineDistanceM(towers.lon[i], towers.lat[i], towers.lon[j], towers.lat[j]);
    if (members.length <= EXACT_DIAMETER_MAX_MASTS) {
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) diameterM = Math.max(diameterM, distance(members[x], members[y]));
      }
    } else {
      // Chains of thousands of masts (a 500 m rule in a dense area): two sweeps, a lower bound within a factor 2.
      const farthestFrom = (i: number) => members.reduce((best, j) => (distance(i, j) > distance(i, best) ? j : best));
      const end = farthestFrom(members[0]);
      diameterM = distance(end, farthestFrom(end));
    }
    clusters.push({
      towerIndices: members,
      owners: towers.operatorNames.filter((_, k) => ownerBits & (1 << k)),
      tenants: towers.operatorNames.filter((_, k) => tenantBits & (1 << k)),
      centroidLon: sumLon / members.length,
      centroidLat: sumLat / members.length,
      diameterM,
    });
  }
  return clusters.sort((x, y) => x.towerIndices[0] - y.towerIndices[0]);
}
