import type { Highs } from 'highs';
import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CoverProblem, conflictGraphFromPairs, costOf, isFeasible } from '../../../src/core/siting/coverProblem';
import { evaluateCover } from '../../../src/core/siting/coverSets';
import { descendBySwaps } from '../../../src/core/siting/descendBySwaps';
import { improveBySwaps } from '../../../src/core/siting/improveBySwaps';
import { proveCoverOptimum } from '../../../src/core/siting/proveCoverOptimum';
import { reduceCoverProblem } from '../../../src/core/siting/reduceCoverProblem';
import { searchCoverPlan } from '../../../src/core/siting/searchCoverPlan';
import { solveGreedy } from '../../../src/core/siting/solveGreedy';
import { solveLagrangian } from '../../../src/core/siting/solveLagrangian';
import { seededRandom as random } from '../../../src/core/util/seededRandom';
import { coverOf, exhaustiveOptimum, geometricInstance, type RawInstance, rawValue } from './randomInstances';

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

const closeTo = (value: number, expected: number) => Math.abs(value - expected) <= 1e-9 * Math.max(1, expected);

interface Limits {
  maxSites?: number;
  maxCostUsd?: number;
  conflicts?: [number, number][];
}

function problemOf(instance: RawInstance, limits: Limits): CoverProblem {
  return {
    cover: coverOf(instance),
    budget: { maxSites: limits.maxSites, maxCostUsd: limits.maxCostUsd },
    costUsd: limits.maxCostUsd === undefined ? undefined : instance.costs,
    conflicts: limits.conflicts ? conflictGraphFromPairs(instance.lists.length, limits.conflicts) : undefined,
  };
}

/** The optimum of a problem in cover-set form, by enumerating every feasible subset (the reduced problems). */
function enumerateOptimum(problem: CoverProblem): number {
  const count = problem.cover.candidateCount;
  let best = 0;
  for (let mask = 0; mask < 1 << count; mask++) {
    const chosen: number[] = [];
    for (let j = 0; j < count; j++) if (mask & (1 << j)) chosen.push(j);
    if (!isFeasible(problem, chosen)) continue;
    best = Math.max(best, evaluateCover(problem.cover, chosen));
  }
  return best;
}

const cases: { name: string; seed: number; limits: Limits }[] = [];
for (let seed = 1; seed <= 5; seed++) {
  cases.push({ name: `P = 3, seed ${seed}`, seed: seed * 11, limits: { maxSites: 3 } });
  cases.push({ name: `P = 5, seed ${seed}`, seed: seed * 13, limits: { maxSites: 5 } });
  cases.push({ name: `money 90,000 USD, seed ${seed}`, seed: seed * 17, limits: { maxCostUsd: 90_000 } });
  const next = random(seed + 500);
  const conflicts: [number, number][] = [];
  for (let k = 0; k < 10; k++) {
    const a = Math.floor(next() * 14);
    const b = Math.floor(next() * 14);
    if (a !== b) conflicts.push([Math.min(a, b), Math.max(a, b)]);
  }
  cases.push({ name: `P = 4 with conflicts, seed ${seed}`, seed: seed * 19, limits: { maxSites: 4, conflicts } });
}

describe('the Lagrangian heuristic against exhaustive search (every subset of 14 candidates)', () => {
  it.each(cases)('$name: bound >= optimum >= plan, plan feasible and valued as defined', async ({ seed, limits }) => {
    const instance = geometricInstance(seed, 80, 14, 0.22);
    const problem = problemOf(instance, limits);
    const optimum = exhaustiveOptimum(instance, limits).value;
    const greedy = solveGreedy(problem);
    for (const maxIterations of [1, 10, 200]) {
      const result = await solveLagrangian(problem, {
        start: greedy,
        maxIterations,
        planEvery: 3,
        improve: (plan) => descendBySwaps(problem, plan.selected),
      });
      expect(result.upperBound).toBeGreaterThanOrEqual(optimum);
      expect(isFeasible(problem, result.selected)).toBe(true);
      expect(closeTo(result.objective, rawValue(instance, result.selected))).toBe(true);
      expect(result.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
      expect(result.objective).toBeLessThanOrEqual(optimum * (1 + 1e-12));
      // Every candidate's value is the multipliers summed over its items, each within 0..weight.
      for (let i = 0; i < problem.cover.itemCount; i++) {
        expect(result.lambda[i]).toBeGreaterThanOrEqual(0);
        expect(result.lambda[i]).toBeLessThanOrEqual(problem.cover.itemWeight[i]);
      }
    }
  });

  it('the multipliers converge near the LP bound: within 3% of the optimum on these instances', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const instance = geometricInstance(seed * 31, 120, 14, 0.2);
      const problem = problemOf(instance, { maxSites: 4 });
      const optimum = exhaustiveOptimum(instance, { maxSites: 4 }).value;
      const result = await solveLagrangian(problem, { start: solveGreedy(problem), maxIterations: 500 });
      expect(result.upperBound).toBeGreaterThanOrEqual(optimum);
      expect(result.upperBound / optimum).toBeLessThan(1.03);
    }
  });
});

describe('reducing a problem keeps its optimum', () => {
  it.each(cases)(
    '$name: reduced optimum + fixed weight = optimum (dominance and reduced-cost fixing)',
    async ({ seed, limits }) => {
      const instance = geometricInstance(seed, 80, 14, 0.22);
      const problem = problemOf(instance, limits);
      const optimum = exhaustiveOptimum(instance, limits).value;
      const greedy = solveGreedy(problem);
      const lagrangian = await solveLagrangian(problem, { start: greedy, maxIterations: 300 });
      // Below the optimum (the greedy, or a little under the optimum to force much fixing): the optimum survives.
      for (const lowerBound of [greedy.objective * 0.999, optimum * 0.999]) {
        if (lowerBound >= optimum) continue;
        const reduced = reduceCoverProblem(problem, {
          candidateValue: lagrangian.candidateValue,
          upperBound: lagrangian.multiplierBound,
          lowerBound,
        });
        expect(closeTo(enumerateOptimum(reduced.problem) + reduced.fixedWeight, optimum)).toBe(true);
        expect(
          reduced.problem.cover.candidateCount + reduced.fixedIn.length + reduced.fixedOut + reduced.dominated,
        ).toBe(14);
        for (const j of reduced.fixedIn) expect(costOf(problem, j)).toBeGreaterThanOrEqual(0);
      }
      // Dominance alone.
      const dominance = reduceCoverProblem(problem);
      expect(closeTo(enumerateOptimum(dominance.problem), optimum)).toBe(true);
    },
  );

  it('drops a candidate whose cover is inside another one, and merges the items that then coincide', () => {
    // Candidate 0 covers {0, 1}, candidate 1 covers {0, 1, 2}, candidate 2 covers {2, 3}.
    const instance: RawInstance = {
      weights: Float64Array.from([5, 7, 11, 13]),
      lists: [
        [0, 1],
        [0, 1, 2],
        [2, 3],
      ],
      costs: Float64Array.from([1, 1, 1]),
    };
    const problem = problemOf(instance, { maxSites: 1 });
    expect(problem.cover.itemCount).toBe(3); // {0, 1} share the candidates {0, 1}
    const reduced = reduceCoverProblem(problem);
    expect(reduced.dominated).toBe(1);
    expect(Array.from(reduced.candidateOf)).toEqual([1, 2]);
    expect(reduced.problem.cover.itemCount).toBe(3); // {0, 1} only by 1, {2} by 1 and 2, {3} only by 2
    expect(enumerateOptimum(reduced.problem)).toBe(24);
  });
});

describe('the incremental swap descent', () => {
  it('reaches a 1-swap local optimum (checked move by move), never worse than the start', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const instance = geometricInstance(seed * 7, 300, 40, 0.15);
      const problem = problemOf(instance, { maxSites: 6 });
      const greedy = solveGreedy(problem);
      const descended = await descendBySwaps(problem, greedy.selected);
      expect(descended.localOptimum).toBe(true);
      expect(isFeasible(problem, descended.selected)).toBe(true);
      expect(closeTo(descended.objective, rawValue(instance, descended.selected))).toBe(true);
      expect(descended.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
      const tolerance = 1e-9 * descended.objective;
      for (let out = 0; out < descended.selected.length; out++) {
        for (let j = 0; j < 40; j++) {
          if (descended.selected.includes(j)) continue;
          const swapped = descended.selected.map((s, p) => (p === out ? j : s));
          expect(rawValue(instance, swapped)).toBeLessThanOrEqual(descended.objective + tolerance);
        }
      }
      // The reference descent from the same start ends at a local optimum of the same kind; both are local optima
      // of one neighbourhood, so neither may improve on the other by a single swap.
      const reference = await improveBySwaps(problem, greedy.selected);
      expect(reference.localOptimum).toBe(true);
      expect(Math.abs(reference.objective - descended.objective)).toBeLessThanOrEqual(
        Math.max(0.02 * descended.objective, tolerance),
      );
    }
  });
});

describe('the default search within a time budget', () => {
  it('stops near the budget and is never worse than its start', async () => {
    const instance = geometricInstance(3, 6000, 400, 0.05);
    const problem = problemOf(instance, { maxSites: 40 });
    const greedy = solveGreedy(problem);
    const started = performance.now();
    const cut = await searchCoverPlan(problem, greedy, { timeBudgetMs: 30 });
    // The last step in flight may finish after the budget (a descent move, one subgradient iteration).
    expect(performance.now() - started).toBeLessThan(30 + 500);
    expect(cut.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
    expect(closeTo(cut.objective, rawValue(instance, cut.selected))).toBe(true);
    expect(cut.selected.length).toBeLessThanOrEqual(40);
  });
});

describe('the default search and the exact mode against exhaustive search', () => {
  it.each(cases)('$name', async ({ seed, limits }) => {
    const instance = geometricInstance(seed, 80, 14, 0.22);
    const problem = problemOf(instance, limits);
    const optimum = exhaustiveOptimum(instance, limits).value;
    const greedy = solveGreedy(problem);
    const searched = await searchCoverPlan(problem, greedy, { search: { maxRounds: 20 } });
    expect(isFeasible(problem, searched.selected)).toBe(true);
    expect(closeTo(searched.objective, rawValue(instance, searched.selected))).toBe(true);
    expect(searched.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
    expect(searched.objective).toBeLessThanOrEqual(optimum * (1 + 1e-12));
    expect(searched.upperBound).toBeGreaterThanOrEqual(optimum);
    const exact = await proveCoverOptimum(problem, {
      highs,
      incumbent: searched,
      candidateValue: searched.candidateValue,
      multiplierBound: searched.multiplierBound,
    });
    expect(exact.status).toBe('optimal');
    expect(isFeasible(problem, exact.selected)).toBe(true);
    expect(closeTo(exact.objective, optimum)).toBe(true);
    expect(closeTo(rawValue(instance, exact.selected), optimum)).toBe(true);
    expect(exact.upperBound).toBeGreaterThanOrEqual(optimum * (1 - 1e-9));
    expect(exact.nodes).toBeGreaterThanOrEqual(0);
  });
});
