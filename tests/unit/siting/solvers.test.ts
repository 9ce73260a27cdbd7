import type { Highs } from 'highs';
import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundMaximalCover } from '../../../src/core/siting/boundMaximalCover';
import { type CoverProblem, conflictGraphFromPairs, isFeasible } from '../../../src/core/siting/coverProblem';
import { evaluateCover } from '../../../src/core/siting/coverSets';
import { improveByRuinAndRecreate } from '../../../src/core/siting/improveByRuinAndRecreate';
import { improveBySwaps } from '../../../src/core/siting/improveBySwaps';
import { solveExactHighs, writeLpModel } from '../../../src/core/siting/solveExactHighs';
import { solveGreedy } from '../../../src/core/siting/solveGreedy';
import { seededRandom as random } from '../../../src/core/util/seededRandom';
import { coverOf, exhaustiveOptimum, geometricInstance, rawValue } from './randomInstances';

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

/** Relative tolerance for comparing sums of the same weights added in other orders. */
const closeTo = (value: number, expected: number) => Math.abs(value - expected) <= 1e-9 * Math.max(1, expected);

interface Limits {
  maxSites?: number;
  maxCostUsd?: number;
  conflicts?: [number, number][];
}

/** Every solver on one small instance against the exhaustive optimum. */
async function checkAgainstExhaustive(seed: number, limits: Limits) {
  const instance = geometricInstance(seed, 80, 14, 0.22);
  const cover = coverOf(instance);
  const problem: CoverProblem = {
    cover,
    budget: { maxSites: limits.maxSites, maxCostUsd: limits.maxCostUsd },
    costUsd: limits.maxCostUsd === undefined ? undefined : instance.costs,
    conflicts: limits.conflicts ? conflictGraphFromPairs(14, limits.conflicts) : undefined,
  };
  const optimum = exhaustiveOptimum(instance, limits);

  const greedy = solveGreedy(problem);
  expect(isFeasible(problem, greedy.selected)).toBe(true);
  expect(closeTo(greedy.objective, rawValue(instance, greedy.selected))).toBe(true);
  expect(greedy.objective).toBeLessThanOrEqual(optimum.value * (1 + 1e-12));
  if (limits.maxCostUsd === undefined && !limits.conflicts) {
    expect(greedy.objective).toBeGreaterThanOrEqual((1 - 1 / Math.E) * optimum.value - 1e-9);
  }

  const swapped = await improveBySwaps(problem, greedy.selected);
  expect(isFeasible(problem, swapped.selected)).toBe(true);
  expect(closeTo(swapped.objective, rawValue(instance, swapped.selected))).toBe(true);
  expect(swapped.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
  expect(swapped.objective).toBeLessThanOrEqual(optimum.value * (1 + 1e-12));

  const searched = await improveByRuinAndRecreate(problem, swapped, { maxRounds: 40 });
  expect(isFeasible(problem, searched.selected)).toBe(true);
  expect(closeTo(searched.objective, rawValue(instance, searched.selected))).toBe(true);
  expect(searched.objective).toBeGreaterThanOrEqual(swapped.objective - 1e-9);
  expect(searched.objective).toBeLessThanOrEqual(optimum.value * (1 + 1e-12));

  const bound = await boundMaximalCover(problem, {
    prefixOrders: [...greedy.runs, searched.selected],
    lowerBound: searched.objective,
  });
  expect(bound.upperBound).toBeGreaterThanOrEqual(optimum.value);
  expect(bound.prefixBound).toBeGreaterThanOrEqual(optimum.value);

  const exact = await solveExactHighs(problem, { highs, warmStart: searched.selected });
  expect(exact.status).toBe('optimal');
  expect(isFeasible(problem, exact.selected)).toBe(true);
  expect(closeTo(exact.objective, optimum.value)).toBe(true);
  expect(closeTo(rawValue(instance, exact.selected), optimum.value)).toBe(true);
  expect(exact.upperBound).toBeGreaterThanOrEqual(optimum.value * (1 - 1e-9));
  return { optimum: optimum.value, searched: searched.objective };
}

describe('maximal covering solvers against exhaustive search (every subset of 14 candidates)', () => {
  it.each([1, 2, 3, 4, 6, 9])('site budget P = %i, seeds 1-6', async (maxSites) => {
    for (let seed = 1; seed <= 6; seed++) await checkAgainstExhaustive(seed * 100 + maxSites, { maxSites });
  });

  it.each([50_000, 90_000, 150_000])('money budget %i USD (costs 20-60k), seeds 1-6', async (maxCostUsd) => {
    for (let seed = 1; seed <= 6; seed++) await checkAgainstExhaustive(seed * 7 + 3, { maxCostUsd });
  });

  it('site and money budgets together, and conflicting pairs', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const next = random(seed);
      const conflicts: [number, number][] = [];
      for (let k = 0; k < 12; k++) {
        const a = Math.floor(next() * 14);
        const b = Math.floor(next() * 14);
        if (a !== b) conflicts.push([Math.min(a, b), Math.max(a, b)]);
      }
      await checkAgainstExhaustive(seed + 40, { maxSites: 4, conflicts });
      await checkAgainstExhaustive(seed + 50, { maxSites: 3, maxCostUsd: 100_000, conflicts });
    }
  });

  it('P = 0 chooses nothing; a budget larger than the candidates takes everything useful', async () => {
    const instance = geometricInstance(9, 50, 8, 0.2);
    const cover = coverOf(instance);
    const none = solveGreedy({ cover, budget: { maxSites: 0 } });
    expect(none.selected).toEqual([]);
    expect((await boundMaximalCover({ cover, budget: { maxSites: 0 } })).upperBound).toBe(0);
    const exactNone = await solveExactHighs({ cover, budget: { maxSites: 0 } }, { highs });
    expect(exactNone.selected).toEqual([]);
    expect(exactNone.objective).toBe(0);
    const all = solveGreedy({ cover, budget: { maxSites: 100 } });
    let reachable = 0;
    for (let i = 0; i < cover.itemCount; i++) reachable += cover.itemWeight[i];
    expect(closeTo(all.objective, reachable)).toBe(true);
    const exactAll = await solveExactHighs({ cover, budget: { maxSites: 100 } }, { highs });
    expect(closeTo(exactAll.objective, reachable)).toBe(true);
  });
});

describe('merging demand with identical cover sets', () => {
  it('keeps the value of every choice', () => {
    const instance = geometricInstance(77, 3000, 60, 0.08);
    const cover = coverOf(instance);
    expect(cover.itemCount).toBeLessThan(cover.reachableDemandCount);
    const next = random(78);
    for (let trial = 0; trial < 50; trial++) {
      const chosen = Array.from({ length: 1 + Math.floor(next() * 10) }, () => Math.floor(next() * 60));
      expect(closeTo(evaluateCover(cover, [...new Set(chosen)]), rawValue(instance, chosen))).toBe(true);
    }
    let unreachable = 0;
    instance.weights.forEach((weight, d) => {
      if (!instance.lists.some((list) => list.includes(d))) unreachable += weight;
    });
    expect(cover.unreachableWeight).toBeCloseTo(unreachable, 6);
  });
});

describe('HiGHS on medium instances', () => {
  it.each([
    [1, 4000, 250, 0.04, 20],
    [2, 6000, 300, 0.035, 30],
  ])(
    'seed %i: %i demand x %i candidates: optimum >= greedy + swaps, <= the heuristic bound',
    async (seed, demand, candidates, radius, maxSites) => {
      const instance = geometricInstance(seed, demand, candidates, radius);
      const problem: CoverProblem = { cover: coverOf(instance), budget: { maxSites } };
      const greedy = solveGreedy(problem);
      const swapped = await improveBySwaps(problem, greedy.selected);
      const searched = await improveByRuinAndRecreate(problem, swapped);
      const bound = await boundMaximalCover(problem, {
        prefixOrders: [...greedy.runs, searched.selected],
        lowerBound: searched.objective,
      });
      // HiGHS starts from nothing here, so its optimum is found independently of the heuristic.
      const exact = await solveExactHighs(problem, { highs, timeLimitSeconds: 60 });
      expect(exact.status).toBe('optimal');
      expect(isFeasible(problem, exact.selected)).toBe(true);
      expect(exact.objective).toBeGreaterThanOrEqual(searched.objective - 1e-9);
      expect(exact.objective).toBeLessThanOrEqual(bound.upperBound);
      expect(exact.upperBound).toBeLessThanOrEqual(bound.upperBound * (1 + 1e-9));
      expect(closeTo(rawValue(instance, exact.selected), exact.objective)).toBe(true);
      // The heuristic is close, and its bound says how close without the solver.
      expect(searched.objective / exact.objective).toBeGreaterThan(0.995);
      expect(bound.upperBound / exact.objective).toBeLessThan(1.03);
    },
  );
});

describe('the LP model text', () => {
  it('folds items with one candidate into the objective and keeps integer bounds integral', () => {
    const instance = geometricInstance(5, 40, 6, 0.25);
    const { text, yColumns } = writeLpModel({ cover: coverOf(instance), budget: { maxSites: 2 } });
    expect(text).toMatch(/^Maximize/m);
    expect(text).toMatch(/^Binaries/m);
    expect(text).toMatch(/sites:.*\n?.*<= 2/);
    expect(yColumns.length).toBeGreaterThan(0);
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(512);
  });
});
