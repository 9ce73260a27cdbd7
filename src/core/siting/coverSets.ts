import { forEachCellWithinRadius } from '../coverage/forEachCellWithinRadius';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import type { Demand } from './buildDemand';

/**
 * A maximal-covering instance in compressed form. Demand cells covered by exactly the same set of candidates are
 * merged into one "item" whose weight is their sum (their contribution is always identical), and cells no candidate
 * reaches are dropped (their weight is in `unreachableWeight`). Both directions are CSR typed arrays.
 */
export interface CoverSets {
  candidateCount: number;
  itemCount: number;
  itemWeight: Float64Array;
  /** Items covered by candidate j: candidateItems[candidateStarts[j] .. candidateStarts[j + 1]), ascending. */
  candidateStarts: Uint32Array;
  candidateItems: Uint32Array;
  /** Candidates covering item i: itemCandidates[itemStarts[i] .. itemStarts[i + 1]), ascending. */
  itemStarts: Uint32Array;
  itemCandidates: Uint32Array;
  /** Demand indices merged into item i: itemDemand[itemDemandStarts[i] .. itemDemandStarts[i + 1]), ascending. */
  itemDemandStarts: Uint32Array;
  itemDemand: Uint32Array;
  /** Total weight of the demand no candidate covers. */
  unreachableWeight: number;
  /** Number of demand points before merging (reachable ones). */
  reachableDemandCount: number;
}

export interface BuildCoverSetsRequest {
  grid: GridGeometry;
  demand: Pick<Demand, 'count' | 'cellIndex' | 'weight'>;
  candidateCount: number;
  candidateLon: ArrayLike<number>;
  candidateLat: ArrayLike<number>;
  /** Reach of each candidate, metres: one number or one per candidate. */
  radiusM: number | ArrayLike<number>;
}

/**
 * Cover sets on a population grid: candidate j covers demand cell i when the cell's centre is within j's radius
 * (haversine, the coverage engine's own test: forEachCellWithinRadius).
 */
export async function buildCoverSets(
  request: BuildCoverSetsRequest,
  options: LongCallOptions = {},
): Promise<CoverSets> {
  const { grid, demand, candidateCount, candidateLon, candidateLat, radiusM } = request;
  const demandOfCell = new Int32Array(grid.width * grid.height).fill(-1);
  for (let d = 0; d < demand.count; d++) demandOfCell[demand.cellIndex[d]] = d;
  const checkpoint = createYieldClock(options);
  const starts = new Uint32Array(candidateCount + 1);
  let entries = new Uint32Array(Math.max(1024, candidateCount * 16));
  let length = 0;
  for (let j = 0; j < candidateCount; j++) {
    if ((j & 63) === 0) await checkpoint((0.8 * j) / Math.max(1, candidateCount));
    const radius = typeof radiusM === 'number' ? radiusM : radiusM[j];
    forEachCellWithinRadius(grid, candidateLon[j], candidateLat[j], radius, (cell) => {
      const d = demandOfCell[cell];
      if (d < 0) return;
      if (length === entries.length) {
        const grown = new Uint32Array(entries.length * 2);
        grown.set(entries);
        entries = grown;
      }
      entries[length++] = d;
    });
    starts[j + 1] = length;
  }
  options.onProgress?.(0.8);
  return mergeCoverSets(demand.weight, starts, entries.subarray(0, length));
}

/**
 * Merge demand points with identical candidate sets. `candidateStarts`/`candidateDemand` list, per candidate, the
 * demand indices it covers (CSR, ascending within a candidate, no repeats).
 */
export function mergeCoverSets(
  demandWeight: ArrayLike<number>,
  candidateStarts: Uint32Array,
  candidateDemand: Uint32Array,
): CoverSets {
  const candidateCount = candidateStarts.length - 1;
  const demandCount = demandWeight.length;
  // Transpose: demand -> candidates (ascending, since candidates are visited in order).
  const demandStarts = new Uint32Array(demandCount + 1);
  for (let k = 0; k < candidateDemand.length; k++) demandStarts[candidateDemand[k] + 1]++;
  for (let d = 0; d < demandCount; d++) demandStarts[d + 1] += demandStarts[d];
  const demandCandidates = new Uint32Array(candidateDemand.length);
  const fill = demandStarts.slice(0, demandCount);
  for (let j = 0; j < candidateCount; j++) {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) demandCandidates[fill[candidateDemand[k]]++] = j;
  }

  // Group demand points by their candidate list: hash, then compare lists within a bucket.
  const itemOfDemand = new Int32Array(demandCount).fill(-1);
  const representative: number[] = [];
  const buckets = new Map<number, number[]>();
  let unreachableWeight = 0;
  let reachableDemandCount = 0;
  for (let d = 0; d < demandCount; d++) {
    const from = demandStarts[d];
    const to = demandStarts[d + 1];
    if (from === to) {
      unreachableWeight += demandWeight[d];
      continue;
    }
    reachableDemandCount++;
    let hash = 0x811c9dc5 ^ (to - from);
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ demandCandidates[k], 0x01000193);
    const bucket = buckets.get(hash);
    let item = -1;
    if (bucket) {
      for (const candidateItem of bucket) {
        const other = representative[candidateItem];
        const otherFrom = demandStarts[other];
        if (demandStarts[other + 1] - otherFrom !== to - from) continue;
        let same = true;
        for (let k = 0; k < to - from && same; k++)
          same = demandCandidates[from + k] === demandCandidates[otherFrom + k];
        if (same) {
          item = candidateItem;
          break;
        }
      }
    }
    if (item < 0) {
      item = representative.length;
      representative.push(d);
      if (bucket) bucket.push(item);
      else buckets.set(hash, [item]);
    }
    itemOfDemand[d] = item;
  }

  const itemCount = representative.length;
  const itemWeight = new Float64Array(itemCount);
  const itemDemandStarts = new Uint32Array(itemCount + 1);
  for (let d = 0; d < demandCount; d++) {
    const item = itemOfDemand[d];
    if (item < 0) continue;
    itemWeight[item] += demandWeight[d];
    itemDemandStarts[item + 1]++;
  }
  for (let i = 0; i < itemCount; i++) itemDemandStarts[i + 1] += itemDemandStarts[i];
  const itemDemand = new Uint32Array(itemDemandStarts[itemCount]);
  const demandFill = itemDemandStarts.slice(0, itemCount);
  for (let d = 0; d < demandCount; d++) if (itemOfDemand[d] >= 0) itemDemand[demandFill[itemOfDemand[d]]++] = d;

  const itemStarts = new Uint32Array(itemCount + 1);
  for (let i = 0; i < itemCount; i++) {
    const d = representative[i];
    itemStarts[i + 1] = itemStarts[i] + (demandStarts[d + 1] - demandStarts[d]);
  }
  const itemCandidates = new Uint32Array(itemStarts[itemCount]);
  for (let i = 0; i < itemCount; i++) {
    const d = representative[i];
    itemCandidates.set(demandCandidates.subarray(demandStarts[d], demandStarts[d + 1]), itemStarts[i]);
  }
  // Candidate -> items, from the item lists (ascending items per candidate).
  const candidateItemStarts = new Uint32Array(candidateCount + 1);
  for (let k = 0; k < itemCandidates.length; k++) candidateItemStarts[itemCandidates[k] + 1]++;
  for (let j = 0; j < candidateCount; j++) candidateItemStarts[j + 1] += candidateItemStarts[j];
  const candidateItems = new Uint32Array(itemCandidates.length);
  const itemFill = candidateItemStarts.slice(0, candidateCount);
  for (let i = 0; i < itemCount; i++) {
    for (let k = itemStarts[i]; k < itemStarts[i + 1]; k++) candidateItems[itemFill[itemCandidates[k]]++] = i;
  }
  return {
    candidateCount,
    itemCount,
    itemWeight,
    candidateStarts: candidateItemStarts,
    candidateItems,
    itemStarts,
    itemCandidates,
    itemDemandStarts,
    itemDemand,
    unreachableWeight,
    reachableDemandCount,
  };
}

/** Total weight of the items covered by at least one of the selected candidates. */
export function evaluateCover(cover: CoverSets, selected: readonly number[]): number {
  const covered = new Uint8Array(cover.itemCount);
  let total = 0;
  for (const j of selected) {
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
      const item = cover.candidateItems[k];
      if (covered[item]) continue;
      covered[item] = 1;
      total += cover.itemWeight[item];
    }
  }
  return total;
}
