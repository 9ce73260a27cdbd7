import { describe, expect, it } from 'vitest';
import type { CoverProblem } from '../../../src/core/siting/coverProblem';
import { evaluateCover } from '../../../src/core/siting/coverSets';
import { descendBySwaps } from '../../../src/core/siting/descendBySwaps';
import { ruinAndRecreateIncrementally } from '../../../src/core/siting/ruinAndRecreateIncrementally';
import { searchCoverPlan } from '../../../src/core/siting/searchCoverPlan';
import { selectKth } from '../../../src/core/siting/selectKth';
import { solveGreedy } from '../../../src/core/siting/solveGreedy';
import { seededRandom } from '../../../src/core/util/seededRandom';
import { coverOf, exhaustiveOptimum, geometricInstance, rawValue } from './randomInstances';

const closeTo = (value: number, expected: number) => Math.abs(value - expected) <= 1e-9 * Math.max(1, expected);

describe('selectKth', () => {
  it('gives the number a full sort puts at index k, ties and all', () => {
    const next = seededRandom(11);
    for (let trial = 0; trial < 500; trial++) {
      const length = 1 + Math.floor(next() * 80);
      const values = Float64Array.from({ length }, () => (next() < 0.4 ? Math.floor(next() * 4) : next() * 10));
      const sorted = values.slice().sort();
      const k = Math.floor(next() * length);
      expect(selectKth(values.slice(), k)).toBe(sorted[k]);
    }
  });
});

describe('ruin and recreate on one incremental state', () => {
  it.each([1, 2, 3, 4])(
    'seed %i: a feasible plan, its value exact, never worse than the start, repeatable',
    async (seed) => {
      const instance = geometricInstance(seed, 3000, 150, 0.06);
      const problem: CoverProblem = { cover: coverOf(instance), budget: { maxSites: 12 } };
      const start = await descendBySwaps(problem, solveGreedy(problem).selected);
      const options = { maxRounds: 200, maxRuined: 6, acceptWithin: 5e-4, seed };
      const searched = await ruinAndRecreateIncrementally(problem, start, options);
      expect(new Set(searched.selected).size).toBe(searched.selected.length);
      expect(searched.selected.length).toBeLessThanOrEqual(12);
      expect(closeTo(searched.objective, evaluateCover(problem.cover, searched.selected))).toBe(true);
      expect(closeTo(searched.objective, rawValue(instance, searched.selected))).toBe(true);
      expect(searched.objective).toBeGreaterThanOrEqual(start.objective - 1e-9);
      const again = await ruinAndRecreateIncrementally(problem, start, options);
      expect(again.selected).toEqual(searched.selected);
    },
  );

  it('stops at the target value', async () => {
    const instance = geometricInstance(5, 3000, 150, 0.06);
    const problem: CoverProblem = { cover: coverOf(instance), budget: { maxSites: 12 } };
    const start = await descendBySwaps(problem, solveGreedy(problem).selected);
    const searched = await ruinAndRecreateIncrementally(problem, start, {
      maxRounds: 500,
      targetValue: start.objective,
    });
    expect(searched.stoppedBy).toBe('target');
    expect(searched.rounds).toBeLessThanOrEqual(1);
  });

  it('finds the optimum of small instances (every subset enumerated)', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const instance = geometricInstance(seed, 80, 14, 0.22);
      const limits = { maxSites: 3 };
      const problem: CoverProblem = { cover: coverOf(instance), budget: limits };
      const optimum = exhaustiveOptimum(instance, limits).value;
      const start = solveGreedy(problem);
      const searched = await ruinAndRecreateIncrementally(problem, start, { maxRounds: 100, seed });
      expect(searched.objective).toBeLessThanOrEqual(optimum * (1 + 1e-12));
      expect(closeTo(searched.objective, optimum)).toBe(true);
    }
  });
});

describe('the default search stops once its bound certifies the plan', () => {
  it('within stopGap: the certified gap is at most that, or the rounds ran out', async () => {
    const instance = geometricInstance(7, 4000, 200, 0.05);
    const problem: CoverProblem = { cover: coverOf(instance), budget: { maxSites: 15 } };
    const searched = await searchCoverPlan(problem, solveGreedy(problem), { stopGap: 0.01 });
    expect(searched.upperBound).toBeGreaterThanOrEqual(searched.objective);
    expect(closeTo(searched.objective, rawValue(instance, searched.selected))).toBe(true);
    // A 1% gap is certified on this instance (the bound is within a fraction of a percent of the plans found).
    expect(1 - searched.objective / searched.upperBound).toBeLessThanOrEqual(0.01);
  });
});
