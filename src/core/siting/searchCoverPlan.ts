import type { LongCallOptions } from '../util/cooperativeLoop';
import type { CoverProblem, CoverSolution } from './coverProblem';
import { descendBySwaps } from './descendBySwaps';
import { improveByRuinAndRecreate } from './improveByRuinAndRecreate';
import { solveLagrangian } from './solveLagrangian';

export interface CoverSearchOptions extends LongCallOptions {
  /** Subgradient iterations at most (default 600), plans made in the first planIterations of them (default: all). */
  lagrangianIterations?: number;
  planIterations?: number;
  /** Every this many subgradient iterations a plan is made from the multipliers and descended (default 10). */
  planEvery?: number;
  /** Time for the Lagrangian heuristic, milliseconds (default 3,000; the iteration limits decide in normal runs). */
  lagrangianTimeLimitMs?: number;
  /** Time for the first swap descent, milliseconds (default 2,000). */
  swapTimeLimitMs?: number;
  /**
   * Stop as soon as the Lagrangian bound certifies the plan within this relative distance of the optimum (default
   * 0.001: at least 99.9% of the best possible); the rounds of ruin and recreate then do not run. 0 runs every step.
   */
  stopGap?: number;
  /** Ruin-and-recreate rounds after the Lagrangian phase (default 300), their time limit (default 700 ms) and seed. */
  search?: { maxRounds?: number; timeLimitMs?: number; seed?: number };
  /**
   * A wall-clock budget for the whole search, milliseconds (none by default): the descent may use all of it, the
   * Lagrangian phase 70% of what is left, the rounds the rest. The result then depends on the machine's speed.
   */
  timeBudgetMs?: number;
}

export interface CoverSearchResult extends CoverSolution {
  /** No plan is worth more (the Lagrangian bound, padded by 1e-12). */
  upperBound: number;
  /** Multipliers of that bound, each candidate's value at them and L there (for reduced-cost fixing). */
  lambda: Float64Array;
  candidateValue: Float64Array;
  multiplierBound: number;
  lagrangianIterations: number;
  /** Which step gave the plan returned. */
  foundBy: 'start' | 'swaps' | 'lagrangian' | 'ruin_and_recreate';
  timingsMs: { swaps: number; lagrangian: number; search: number };
}

/**
 * The default search from a feasible start (the greedy plan): a 1-swap descent (descendBySwaps), then the Lagrangian
 * heuristic (solveLagrangian: 600 subgradient steps whose multipliers make a plan every 10 steps, each descended),
 * then ruin-and-recreate rounds around the best plan (300 at most, 100 in a row without a new best stop them). Returns the best plan met (never worse than the start) and the Lagrangian bound.
 * Deterministic for a given seed unless a time limit cuts a phase.
 */
export async function searchCoverPlan(
  problem: CoverProblem,
  start: CoverSolution,
  options: CoverSearchOptions = {},
): Promise<CoverSearchResult> {
  const part = (from: number, to: number): LongCallOptions => ({
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(from + (to - from) * fraction),
  });
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - clock;
    clock = now;
    return elapsed;
  };
  const budgetEnd = performance.now() + (options.timeBudgetMs ?? Number.POSITIVE_INFINITY);
  const left = () => Math.max(0, budgetEnd - performance.now());
  const stopGap = options.stopGap ?? 1e-3;
  let best: CoverSolution = start;
  let foundBy: CoverSearchResult['foundBy'] = 'start';
  const swapped = await descendBySwaps(problem, start.selected, {
    ...part(0, 0.2),
    timeLimitMs: Math.min(options.swapTimeLimitMs ?? 2_000, left()),
  });
  if (swapped.objective > best.objective) {
    best = swapped;
    foundBy = 'swaps';
  }
  const swapsMs = lap();
  const lagrangianEnd = performance.now() + Math.min(options.lagrangianTimeLimitMs ?? 3_000, 0.7 * left());
  const lagrangian = await solveLagrangian(problem, {
    ...part(0.2, 0.7),
    start: best,
    maxIterations: options.lagrangianIterations ?? 600,
    planUntil: options.planIterations,
    planEvery: options.planEvery ?? 10,
    timeLimitMs: lagrangianEnd - performance.now(),
    relativeGap: stopGap,
    improve: (plan) =>
      descendBySwaps(problem, plan.selected, {
        signal: options.signal,
        timeLimitMs: Math.max(0, lagrangianEnd - performance.now()),
      }),
  });
  if (lagrangian.objective > best.objective) {
    best = lagrangian;
    foundBy = 'lagrangian';
  }
  const lagrangianMs = lap();
  // Certified close enough: the rounds could add at most the gap left.
  const certified = lagrangian.upperBound * (1 - stopGap) <= best.objective * (1 + 1e-9);
  const searched = certified
    ? best
    : await improveByRuinAndRecreate(problem, best, {
        ...part(0.7, 1),
        maxRounds: options.search?.maxRounds ?? 300,
        timeLimitMs: Math.min(options.search?.timeLimitMs ?? 700, left()),
        seed: options.search?.seed,
      });
  if (searched.objective > best.objective) {
    best = searched;
    foundBy = 'ruin_and_recreate';
  }
  const searchMs = lap();
  return {
    selected: best.selected,
    objective: best.objective,
    costUsd: best.costUsd,
    upperBound: Math.max(lagrangian.upperBound, best.objective),
    lambda: lagrangian.lambda,
    candidateValue: lagrangian.candidateValue,
    multiplierBound: lagrangian.multiplierBound,
    lagrangianIterations: lagrangian.iterations,
    foundBy,
    timingsMs: { swaps: swapsMs, lagrangian: lagrangianMs, search: searchMs },
  };
}
