/** Seeded maximal-covering instances and an exhaustive solver, shared by the siting tests (not a test file). */
import { type CoverSets, mergeCoverSets } from '../../../src/core/siting/coverSets';
import { seededRandom } from '../../../src/core/util/seededRandom';

/** A raw instance: demand weights and, per candidate, the demand indices it covers (ascending). */
export interface RawInstance {
  weights: Float64Array;
  lists: number[][];
  costs: Float64Array;
}

/**
 * Demand points and candidates uniformly in the unit square; a candidate covers the points within `radius`.
 * Weights are heavy-tailed (like population), some demand is reachable by no candidate.
 */
export function geometricInstance(
  seed: number,
  demandCount: number,
  candidateCount: number,
  radius: number,
): RawInstance {
  const next = seededRandom(seed);
  const px = Float64Array.from({ length: demandCount }, () => next());
  const py = Float64Array.from({ length: demandCount }, () => next());
  const weights = Float64Array.from({ length: demandCount }, () => Math.round(next() ** 3 * 1000 * 100) / 100);
  const lists: number[][] = [];
  for (let j = 0; j < candidateCount; j++) {
    const x = next();
    const y = next();
    const list: number[] = [];
    for (let d = 0; d < demandCount; d++) if ((px[d] - x) ** 2 + (py[d] - y) ** 2 <= radius * radius) list.push(d);
    lists.push(list);
  }
  const costs = Float64Array.from({ length: candidateCount }, () => 20_000 + Math.round(next() * 40) * 1000);
  return { weights, lists, costs };
}

export function coverOf(instance: RawInstance): CoverSets {
  const starts = new Uint32Array(instance.lists.length + 1);
  instance.lists.forEach((list, j) => {
    starts[j + 1] = starts[j] + list.length;
  });
  return mergeCoverSets(instance.weights, starts, Uint32Array.from(instance.lists.flat()));
}

/** Value of a choice on the raw instance (no merging): the definition. */
export function rawValue(instance: RawInstance, chosen: readonly number[]): number {
  const covered = new Set<number>();
  for (const j of chosen) for (const d of instance.lists[j]) covered.add(d);
  let total = 0;
  for (const d of covered) total += instance.weights[d];
  return total;
}

/** The optimum by enumerating every subset (candidates <= 20) that meets the count, money and conflict limits. */
export function exhaustiveOptimum(
  instance: RawInstance,
  limits: { maxSites?: number; maxCostUsd?: number; conflicts?: [number, number][] },
): { value: number; chosen: number[] } {
  const count = instance.lists.length;
  if (count > 20) throw new RangeError('too many candidates to enumerate');
  let best = { value: 0, chosen: [] as number[] };
  for (let mask = 0; mask < 1 << count; mask++) {
    const chosen: number[] = [];
    for (let j = 0; j < count; j++) if (mask & (1 << j)) chosen.push(j);
    if (limits.maxSites !== undefined && chosen.length > limits.maxSites) continue;
    if (limits.maxCostUsd !== undefined) {
      let cost = 0;
      for (const j of chosen) cost += instance.costs[j];
      if (cost > limits.maxCostUsd) continue;
    }
    if (limits.conflicts?.some(([a, b]) => mask & (1 << a) && mask & (1 << b))) continue;
    const value = rawValue(instance, chosen);
    if (value > best.value) best = { value, chosen };
  }
  return best;
}
