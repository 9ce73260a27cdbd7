import { describe, expect, it } from 'vitest';
import type { CoverProblem, CoverSolution } from '../../../src/core/siting/coverProblem';
import { evaluateCover } from '../../../src/core/siting/coverSets';
import { crossCoverPlans } from '../../../src/core/siting/crossCoverPlans';
import { seededRandom } from '../../../src/core/util/seededRandom';
import { coverOf, geometricInstance, type RawInstance, rawValue } from './randomInstances';

const closeTo = (value: number, expected: number) => Math.abs(value - expected) <= 1e-9 * Math.max(1, expected);

function randomPlan(next: () => number, candidates: number, size: number): number[] {
  const order = Array.from({ length: candidates }, (_, j) => j);
  for (let j = candidates - 1; j > 0; j--) {
    const k = Math.floor(next() * (j + 1));
    [order[j], order[k]] = [order[k], order[j]];
  }
  return order.slice(0, size);
}

/**
 * The best child by brute force, computed independently: the differing sites grouped by a breadth-first search over
 * "covers a raw demand point the other covers too, which no shared site covers" (no merged items, no union-find),
 * every combination of sides within the site budget valued from scratch on the raw instance.
 */
function bruteForceChild(instance: RawInstance, a: number[], b: number[], maxSites: number): number {
  const inA = new Set(a);
  const inB = new Set(b);
  const common = a.filter((j) => inB.has(j));
  const differing = [...a.filter((j) => !inB.has(j)), ...b.filter((j) => !inA.has(j))];
  // Points the shared sites cover are covered whatever the groups choose: they link nothing.
  const coveredByCommon = new Set(common.flatMap((j) => instance.lists[j]));
  const shares = (x: number, y: number) =>
    instance.lists[x].some((d) => !coveredByCommon.has(d) && instance.lists[y].includes(d));
  const groups: number[][] = [];
  const seen = new Set<number>();
  for (const start of differing) {
    if (seen.has(start)) continue;
    const group = [start];
    seen.add(start);
    for (let g = 0; g < group.length; g++) {
      for (const other of differing) {
        if (!seen.has(other) && shares(group[g], other)) {
          seen.add(other);
          group.push(other);
        }
      }
    }
    groups.push(group);
  }
  expect(groups.length).toBeLessThanOrEqual(14);
  let best = Number.NEGATIVE_INFINITY;
  for (let mask = 0; mask < 1 << groups.length; mask++) {
    const child = [...common];
    groups.forEach((group, g) => {
      child.push(...group.filter((j) => (mask & (1 << g) ? inB.has(j) : inA.has(j))));
    });
    if (child.length <= maxSites) best = Math.max(best, rawValue(instance, child));
  }
  return best;
}

describe('partition crossover of two plans (crossCoverPlans)', () => {
  it.each(Array.from({ length: 24 }, (_, seed) => seed + 1))(
    "seed %i: the best combination of the groups' sides, as a brute force over them finds it",
    (seed) => {
      const next = seededRandom(100 + seed);
      const candidates = 14 + Math.floor(next() * 14);
      const instance = geometricInstance(seed, 80, candidates, 0.12 + 0.1 * next());
      const cover = coverOf(instance);
      const maxSites = 3 + Math.floor(next() * 6);
      const problem: CoverProblem = { cover, budget: { maxSites } };
      // Plans of different sizes too, so that the knapsack over the groups' site counts matters.
      const plan = (size: number): CoverSolution => {
        const selected = randomPlan(next, candidates, size);
        return { selected, objective: evaluateCover(cover, selected), costUsd: 0 };
      };
      const a = plan(maxSites);
      const b = plan(Math.max(1, maxSites - Math.floor(next() * 3)));
      const child = crossCoverPlans(problem, a, b);
      expect(new Set(child.selected).size).toBe(child.selected.length);
      expect(child.selected.length).toBeLessThanOrEqual(maxSites);
      expect(closeTo(rawValue(instance, child.selected), child.objective)).toBe(true);
      expect(closeTo(child.objective, bruteForceChild(instance, a.selected, b.selected, maxSites))).toBe(true);
      expect(child.objective).toBeGreaterThanOrEqual(Math.max(a.objective, b.objective));
    },
  );

  it('takes each area from the plan that covers it better (values by hand)', () => {
    // Two areas far apart, each with two demand points and three candidates: the middle one covers both points.
    //   left: points 0 (10 people) and 1 (20); candidates 0 -> {0}, 1 -> {1}, 2 -> {0, 1}
    //   right: points 2 (30) and 3 (40); candidates 3 -> {2}, 4 -> {3}, 5 -> {2, 3}
    const instance: RawInstance = {
      weights: Float64Array.from([10, 20, 30, 40]),
      lists: [[0], [1], [0, 1], [2], [3], [2, 3]],
      costs: new Float64Array(6),
    };
    const cover = coverOf(instance);
    const problem: CoverProblem = { cover, budget: { maxSites: 2 } };
    const a = { selected: [2, 4], objective: 30 + 40, costUsd: 0 }; // left whole, right half
    const b = { selected: [1, 5], objective: 20 + 70, costUsd: 0 }; // left half, right whole
    const child = crossCoverPlans(problem, a, b);
    expect(child.selected.sort()).toEqual([2, 5]);
    expect(child.objective).toBe(100);
  });

  it('weighs the groups within the site budget: a group taking one more site must pay for it', () => {
    // Plan a has one site on each of three points; plan b spends two sites on the first point's area and none on the
    // third: with the budget of 3, b's side of the first area (worth 25 instead of 10) leaves no site for point 2.
    const instance: RawInstance = {
      weights: Float64Array.from([10, 15, 12, 9]),
      lists: [[0], [1], [2], [0, 3], [3]],
      costs: new Float64Array(5),
    };
    const cover = coverOf(instance);
    const problem: CoverProblem = { cover, budget: { maxSites: 3 } };
    const a = { selected: [0, 1, 2], objective: 37, costUsd: 0 };
    const b = { selected: [3, 4, 1], objective: 34, costUsd: 0 };
    // Groups: {0 (a), 3 (b), 4 (b)} linked by points 0 and 3; {2 (a)} alone. Site 1 is shared.
    // Choices: a's sides: 10 + 12 + 15 = 37 (3 sites); b's first group and a's second: 19 + 12 + 15 = 46 in 4 sites,
    // over the budget; b's sides: 19 + 15 = 34. The best within 3 sites is a itself.
    expect(crossCoverPlans(problem, a, b)).toBe(a);
    // With room for 4 sites, the child takes b's first group and keeps a's second.
    const roomier: CoverProblem = { cover, budget: { maxSites: 4 } };
    const child = crossCoverPlans(roomier, a, b);
    expect(child.selected.sort()).toEqual([1, 2, 3, 4]);
    expect(child.objective).toBe(46);
  });

  it('returns the better plan unchanged with a money budget or conflicts', () => {
    const instance: RawInstance = {
      weights: Float64Array.from([10, 20, 30, 40]),
      lists: [[0], [1], [0, 1], [2], [3], [2, 3]],
      costs: Float64Array.from([1, 1, 1, 1, 1, 1]),
    };
    const cover = coverOf(instance);
    const a = { selected: [2, 4], objective: 70, costUsd: 2 };
    const b = { selected: [1, 5], objective: 90, costUsd: 2 };
    const money: CoverProblem = { cover, budget: { maxCostUsd: 2 }, costUsd: instance.costs };
    expect(crossCoverPlans(money, a, b)).toBe(b);
    const conflicts: CoverProblem = {
      cover,
      budget: { maxSites: 2 },
      conflicts: { starts: new Uint32Array(7), neighbours: new Uint32Array(0) },
    };
    expect(crossCoverPlans(conflicts, a, b)).toBe(b);
  });
});
