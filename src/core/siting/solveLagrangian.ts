import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { type CoverProblem, type CoverSolution, costOf, maxCostOf, maxSitesOf } from './coverProblem';
import { selectKth } from './selectKth';
import { greedyFill } from './solveGreedy';

export interface LagrangianOptions extends LongCallOptions {
  /** A feasible solution (the greedy one): the target of the steps and the first incumbent. */
  start: CoverSolution;
  /** Subgradient iterations at most (default 400). */
  maxIterations?: number;
  /** Stop after this long, milliseconds (default 1,000). */
  timeLimitMs?: number;
  /** Every this many iterations, a plan is made from the multipliers and improved (default 25). */
  planEvery?: number;
  /** Plans are made up to this iteration only; the later steps only tighten the bound (default: all along). */
  planUntil?: number;
  /** Plans are made from this iteration on (default 0). */
  planFrom?: number;
  /**
   * Plans are made only while the best bound is more than this relative distance above the incumbent (default 0:
   * always), so that easy cases, certified nearly, do not pay for them.
   */
  planWhileGapAbove?: number;
  /** Stop when the bound is within this relative distance of the incumbent (default 1e-9). */
  relativeGap?: number;
  /** Multipliers to start from (one per item, within 0..weight); from the start solution when absent. */
  lambda?: Float64Array;
  /**
   * Called with each plan made from the multipliers (every `planEvery` iterations); returns an improved plan (a local
   * search) or nothing. The result's incumbent is the best of them and the start.
   */
  improve?: (solution: CoverSolution, candidateValue: Float64Array) => Promise<CoverSolution | undefined>;
}

export interface LagrangianResult extends CoverSolution {
  /** No feasible solution is worth more: min over the multipliers tried of L(lambda), padded by 1e-12. */
  upperBound: number;
  /**
   * L(lambda) at the returned multipliers exactly as candidateValue gives it (padded by 1e-12; not capped by the total
   * weight): what reduced-cost fixing must use with those values. Infinite when no step ran.
   */
  multiplierBound: number;
  /** The multipliers of the best bound (one per item). */
  lambda: Float64Array;
  /** Each candidate's Lagrangian value at those multipliers: the weight of its items priced at lambda. */
  candidateValue: Float64Array;
  iterations: number;
  /** Lagrangian solutions that gave a new incumbent. */
  improvements: number;
}

/** Relative slack added to every bound, far above float rounding in the sums, far below anything reported. */
const SAFETY = 1e-12;

/**
 * Lagrangian heuristic for maximal covering (Galvão and ReVelle 1996): relax the covering rows
 * x_i <= sum_{j covers i} y_j with multipliers 0 <= lambda_i <= w_i, so that for any such lambda
 *   OPT <= L(lambda) = sum_i (w_i - lambda_i) + max over budget-feasible T of sum_{j in T} v_j,  v_j = sum_{i in N_j} lambda_i,
 * the inner maximum taken as the P largest values (site budget) or the fractional knapsack by value per USD (money
 * budget), the smaller when both bind; conflicts are dropped (the bound only loosens). Subgradient steps (Polyak, toward
 * the incumbent's value) lower L toward the LP bound. Every `planEvery` iterations the multipliers also make a plan:
 * the greedy among the 2P candidates of largest value, completed by the plain greedy (the inner solution T alone is a
 * poor plan: its sites share the dear items), handed to `improve` (a swap descent). The multipliers thus restart the search where the relaxation
 * points, away from the greedy order, and their values price each candidate for reduced-cost fixing
 * (reduceCoverProblem).
 */
export async function solveLagrangian(problem: CoverProblem, options: LagrangianOptions): Promise<LagrangianResult> {
  const { cover } = problem;
  const { itemCount, candidateCount, itemWeight, candidateStarts, candidateItems } = cover;
  const checkpoint = createYieldClock(options);
  const maxIterations = options.maxIterations ?? 400;
  const deadline = performance.now() + (options.timeLimitMs ?? 1_000);
  const relativeGap = options.relativeGap ?? 1e-9;
  const maxSites = maxSitesOf(problem);
  const maxCost = maxCostOf(problem);
  const planEvery = Math.max(1, options.planEvery ?? 25);
  const planUntil = options.planUntil ?? Number.POSITIVE_INFINITY;
  const planFrom = options.planFrom ?? 0;
  const planWhileGapAbove = options.planWhileGapAbove ?? 0;
  const byRatio = problem.budget.maxCostUsd !== undefined;
  const moneyBound = Number.isFinite(maxCost);
  let totalWeight = 0;
  for (let i = 0; i < itemCount; i++) totalWeight += itemWeight[i];

  let incumbent: CoverSolution = options.start;
  let improvements = 0;
  const lambda = options.lambda ? options.lambda.slice() : startingLambda(problem, options.start.selected);
  const values = new Float64Array(candidateCount);
  const share = new Float64Array(candidateCount);
  const subgradient = new Float64Array(itemCount).fill(-1);
  let bestBound = Number.POSITIVE_INFINITY;
  // Copied into, not reallocated, at each better bound (early steps improve at nearly every step).
  const bestLambda = lambda.slice();
  const bestValues = new Float64Array(candidateCount);
  let theta = 2;
  let sinceImprovement = 0;
  let iterations = 0;

  /** L(lambda) for the current multipliers; fills values and share. */
  const sortedValues = new Float64Array(candidateCount);
  // sum of (w_i - lambda_i), kept by the step's own pass over the items after the first evaluation (the same sum, in
  // the same order).
  let ownNext = Number.NaN;
  const evaluate = (): { bound: number; top: number[] } => {
    let own = ownNext;
    if (Number.isNaN(own)) {
      own = 0;
      for (let i = 0; i < itemCount; i++) own += itemWeight[i] - lambda[i];
    }
    for (let j = 0; j < candidateCount; j++) {
      let value = 0;
      for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) value += lambda[candidateItems[k]];
      values[j] = value;
    }
    const top: number[] = [];
    // The P largest positive values (ties at the threshold to the lower indices): a selection in a copy finds the
    // threshold (the value a full sort would put there) in linear time.
    let bySites = Number.POSITIVE_INFINITY;
    const sitesTop: number[] = [];
    if (maxSites < candidateCount || !moneyBound) {
      const count = Math.min(maxSites, candidateCount);
      sortedValues.set(values);
      const threshold =
        count > 0 ? Math.max(selectKth(sortedValues, candidateCount - count), 0) : Number.POSITIVE_INFINITY;
      bySites = 0;
      for (let j = 0; j < candidateCount; j++) if (values[j] > threshold) sitesTop.push(j);
      for (let j = 0; j < candidateCount && sitesTop.length < count; j++)
        if (values[j] === threshold && threshold > 0) sitesTop.push(j);
      for (const j of sitesTop) bySites += values[j];
    }
    if (!moneyBound) {
      for (const j of sitesTop) {
        top.push(j);
        share[j] = 1;
      }
      return { bound: own + bySites, top };
    }
    // Money budget: the fractional knapsack, unless the site count gives the smaller bound.
    const byMoneyOrder = Array.from(values, (_, j) => j);
    const ratio = (j: number) => {
      const cost = costOf(problem, j);
      return cost > 0 ? values[j] / cost : values[j] > 0 ? Number.POSITIVE_INFINITY : 0;
    };
    byMoneyOrder.sort((a, b) => ratio(b) - ratio(a) || a - b);
    let byMoney = 0;
    let room = maxCost;
    const knapsack: number[] = [];
    const knapsackShare: number[] = [];
    for (const j of byMoneyOrder) {
      if (!(values[j] > 0)) break;
      const cost = costOf(problem, j);
      const part = cost <= room ? 1 : room / cost;
      if (part <= 0) break;
      byMoney += part * values[j];
      knapsack.push(j);
      knapsackShare.push(part);
      room -= part * cost;
      if (part < 1) break;
    }
    if (bySites < byMoney) {
      for (const j of sitesTop) {
        top.push(j);
        share[j] = 1;
      }
      return { bound: own + bySites, top };
    }
    knapsack.forEach((j, t) => {
      top.push(j);
      share[j] = knapsackShare[t];
    });
    return { bound: own + byMoney, top };
  };

  /**
   * A plan from the multipliers: the greedy restricted to the 2 x P candidates of largest Lagrangian value (those the
   * relaxation wants), which keeps the greedy's sense of overlap; the top P alone overlap heavily (they share the
   * dear items) and make poor plans.
   */
  const excluded = new Uint8Array(candidateCount);
  const planOf = (top: readonly number[]): CoverSolution => {
    const wanted = Math.min(candidateCount, 2 * Math.max(1, Math.min(maxSites, top.length)));
    sortedValues.set(values);
    sortedValues.sort();
    const threshold = sortedValues[candidateCount - wanted];
    excluded.fill(1);
    let allowed = 0;
    for (let j = 0; j < candidateCount && allowed < wanted; j++) {
      if (values[j] > threshold) {
        excluded[j] = 0;
        allowed++;
      }
    }
    for (let j = 0; j < candidateCount && allowed < wanted; j++) {
      if (values[j] === threshold) {
        excluded[j] = 0;
        allowed++;
      }
    }
    // The restricted greedy stops when its candidates add nothing; the plain greedy completes it.
    return greedyFill(problem, greedyFill(problem, [], byRatio, excluded).selected, byRatio);
  };

  while (iterations < maxIterations && performance.now() < deadline) {
    iterations++;
    const { bound, top } = evaluate();
    if (bound < bestBound - 1e-12 * Math.max(1, Math.min(bestBound, totalWeight))) {
      bestBound = bound;
      bestLambda.set(lambda);
      bestValues.set(values);
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 20) {
      theta /= 2;
      sinceImprovement = 0;
    }
    if (
      iterations % planEvery === 0 &&
      iterations >= planFrom &&
      iterations <= planUntil &&
      bestBound - incumbent.objective > planWhileGapAbove * bestBound
    ) {
      const plan = planOf(top);
      const improved = (await options.improve?.(plan, values)) ?? plan;
      const better = improved.objective >= plan.objective ? improved : plan;
      if (better.objective > incumbent.objective * (1 + 1e-12)) {
        incumbent = better;
        improvements++;
      }
    }
    const target = incumbent.objective;
    if (bestBound - target <= relativeGap * Math.max(1, bestBound) || theta < 1e-5) break;
    // Subgradient of L at lambda: -1 from each item's own term (set by the previous step's pass), + the share of
    // every chosen candidate covering it; components pushing out of the box 0 <= lambda <= w are zeroed.
    for (const j of top) {
      const part = share[j];
      for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) subgradient[candidateItems[k]] += part;
    }
    let norm = 0;
    for (let i = 0; i < itemCount; i++) {
      const g = subgradient[i];
      if ((g < 0 && lambda[i] >= itemWeight[i]) || (g > 0 && lambda[i] <= 0)) subgradient[i] = 0;
      else norm += g * g;
    }
    if (norm === 0) break;
    const step = (theta * (bound - target)) / norm;
    let own = 0;
    for (let i = 0; i < itemCount; i++) {
      const next = lambda[i] - step * subgradient[i];
      const value = Math.min(Math.max(next, 0), itemWeight[i]);
      lambda[i] = value;
      own += itemWeight[i] - value;
      subgradient[i] = -1;
    }
    ownNext = own;
    await checkpoint(iterations / maxIterations);
  }
  const multiplierBound = Number.isFinite(bestBound) ? bestBound * (1 + SAFETY) : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(bestBound)) bestBound = totalWeight;
  return {
    ...incumbent,
    upperBound: Math.max(Math.min(bestBound, totalWeight) * (1 + SAFETY), incumbent.objective),
    multiplierBound,
    lambda: bestLambda,
    candidateValue: bestValues,
    iterations,
    improvements,
  };
}

/**
 * Multipliers from a plan: the full weight on the items it leaves uncovered (L is then the plan's value plus the P
 * largest marginal gains, the submodular bound) and half on the items it covers, which the steps then sort out.
 */
export function startingLambda(problem: CoverProblem, selected: readonly number[]): Float64Array {
  const { cover } = problem;
  const lambda = cover.itemWeight.slice();
  for (const s of selected) {
    for (let k = cover.candidateStarts[s]; k < cover.candidateStarts[s + 1]; k++) {
      const item = cover.candidateItems[k];
      lambda[item] = 0.5 * cover.itemWeight[item];
    }
  }
  return lambda;
}
