import type { LongCallOptions } from '../util/cooperativeLoop';
import type { CoverProblem, CoverSolution } from './coverProblem';
import { crossCoverPlans } from './crossCoverPlans';
import { descendBySwaps } from './descendBySwaps';
import { improveByRuinAndRecreate } from './improveByRuinAndRecreate';
import { solveLagrangian } from './solveLagrangian';

export interface CoverSearchOptions extends LongCallOptions {
  /**
   * Subgradient iterations at most (default 600), plans made from the multipliers in the first planIterations of them
   * (default: in the second half of the steps, and only while the bound is more than 0.2% above the best plan, so
   * that cases the rounds of ruin and recreate solve nearly alone do not pay for them).
   */
  lagrangianIterations?: number;
  planIterations?: number;
  /** Within planIterations, every this many subgradient iterations a plan is made and descended (default 10). */
  planEvery?: number;
  /** Time for the Lagrangian phase, milliseconds (default 3,000; the iteration limits decide in normal runs). */
  lagrangianTimeLimitMs?: number;
  /** Time for the first swap descent, milliseconds (default 2,000). */
  swapTimeLimitMs?: number;
  /**
   * The certified gap that is close enough, relative (default 0.001: at least 99.9% of the best possible): the
   * subgradient steps stop once their bound certifies the plan within it, and the rounds of ruin and recreate run
   * only while it is not certified, stopping as soon as it is. 0 runs every step and round.
   */
  stopGap?: number;
  /**
   * Ruin-and-recreate rounds at most (default: 300 up to a 0.5% gap left after the subgradient steps, in proportion
   * beyond, at most 2,000), their time limit (default 700 ms, a safety limit) and seed.
   */
  search?: { maxRounds?: number; timeLimitMs?: number; seed?: number };
  /**
   * A wall-clock budget for the whole search, milliseconds (none by default): the descent may use all of it, the
   * Lagrangian phase half of what is left, the rounds the rest. The result then depends on the machine's speed.
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
  foundBy: 'start' | 'swaps' | 'lagrangian' | 'ruin_and_recreate' | 'crossover';
  timingsMs: { swaps: number; lagrangian: number; search: number };
}

/**
 * The default search from a feasible start (the greedy plan): a 1-swap descent (descendBySwaps); the subgradient
 * steps of the Lagrangian relaxation (solveLagrangian, 600 at most, aimed at the descended plan) for the certified
 * bound, stopped once it certifies the plan within stopGap, whose multipliers also make plans in the second half of
 * the steps (every 10 steps, each descended: Galvão and ReVelle's Lagrangian heuristic) while the gap is wider than
 * 0.2%; then, only while the bound does not certify the plan, ruin-and-recreate rounds around the best plan
 * (improveByRuinAndRecreate: up to 10 neighbouring sites removed and refilled per round, plans within 0.05% of the
 * best kept to cross plateaus, on one incremental state for a site budget so that a round costs its neighbourhood),
 * stopping when the plan reaches the value the bound certifies, after 300 rounds (more when the gap left is wider
 * than 0.5%, at most 2,000) or after 150 in a row without a better plan (a run that found something then restarts
 * from the best plan with the next seed). Last, the best plan is crossed with every plan met on the way (those made
 * from the multipliers, each run of rounds' best: crossCoverPlans, partition crossover), so that an area another plan
 * arranged better is taken from it, and a descent follows when that changed the plan; on the benchmark cases this
 * adds 0.02-0.04% (the 500-candidate case reaches its proven optimum) for a few milliseconds. Returns the best plan
 * met (never worse than the start) and the Lagrangian bound. Deterministic for a given seed unless a time limit cuts
 * a phase.
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
  // The bound first: aimed at the descended plan, the steps certify as well as when aimed at a better one (on the
  // benchmark cases, slightly better), and the rounds then know when to stop.
  // Plans met on the way (from the multipliers, from each run of rounds), for the crossover at the end.
  const met: CoverSolution[] = [];
  const lagrangianEnd = performance.now() + Math.min(options.lagrangianTimeLimitMs ?? 3_000, 0.5 * left());
  const iterations = options.lagrangianIterations ?? 600;
  const lagrangian = await solveLagrangian(problem, {
    ...part(0.2, 0.5),
    start: best,
    maxIterations: iterations,
    ...(options.planIterations === undefined
      ? { planFrom: Math.floor(iterations / 2), planWhileGapAbove: 0.002 }
      : { planUntil: options.planIterations }),
    planEvery: options.planEvery ?? 10,
    timeLimitMs: lagrangianEnd - performance.now(),
    relativeGap: stopGap,
    improve: async (plan) => {
      const descended = await descendBySwaps(problem, plan.selected, {
        signal: options.signal,
        timeLimitMs: Math.max(0, lagrangianEnd - performance.now()),
      });
      met.push(descended);
      return descended;
    },
  });
  if (lagrangian.objective > best.objective) {
    best = lagrangian;
    foundBy = 'lagrangian';
  }
  const lagrangianMs = lap();
  // Rounds of ruin and recreate until the plan reaches the value the bound certifies within stopGap (none when it
  // already does), the rounds run out or 150 in a row find nothing better. The rounds grow with the gap left: 300
  // up to a 0.5% gap, in proportion beyond (at most 2,000), since a wider gap leaves more to find.
  const certifiedValue = lagrangian.upperBound * (1 - stopGap) * (1 - 1e-9);
  const gapLeft = lagrangian.upperBound > 0 ? 1 - best.objective / lagrangian.upperBound : 0;
  const rounds = options.search?.maxRounds ?? Math.min(2_000, Math.ceil(300 * Math.max(1, gapLeft / 0.005)));
  // A run that stalls (150 rounds without a better plan) after finding something restarts from the best plan with the
  // next seed until the rounds are spent: the walk starts again from the best instead of wandering below it.
  const roundsEnd = performance.now() + Math.min(options.search?.timeLimitMs ?? 700, left());
  let roundsLeft = rounds;
  let seed = options.search?.seed ?? 1;
  while (best.objective < certifiedValue && roundsLeft > 0) {
    const searched = await improveByRuinAndRecreate(problem, best, {
      ...part(0.5 + (0.5 * (rounds - roundsLeft)) / rounds, 1),
      maxRuined: 10,
      acceptWithin: 5e-4,
      patienceRounds: 150,
      maxRounds: roundsLeft,
      timeLimitMs: Math.max(0, roundsEnd - performance.now()),
      seed: seed++,
      targetValue: certifiedValue,
    });
    roundsLeft -= searched.rounds;
    met.push(searched);
    const improved = searched.objective > best.objective;
    if (improved) {
      best = searched;
      foundBy = 'ruin_and_recreate';
    }
    if (!improved || searched.stoppedBy !== 'patience') break;
  }
  // Partition crossover of the best plan with each plan met: areas another plan arranged better are taken from it
  // (never worse than the best), then a descent from the child when it changed.
  let crossed = best;
  for (const plan of met) crossed = crossCoverPlans(problem, crossed, plan);
  if (crossed !== best) {
    const descended = await descendBySwaps(problem, crossed.selected, { signal: options.signal, timeLimitMs: left() });
    best = descended.objective > crossed.objective ? descended : crossed;
    foundBy = 'crossover';
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
