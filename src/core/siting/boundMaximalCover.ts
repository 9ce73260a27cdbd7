import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { type CoverProblem, costOf, maxCostOf, maxSitesOf } from './coverProblem';
import { selectKth } from './selectKth';

export interface BoundOptions extends LongCallOptions {
  /** Sequences of candidates (greedy runs in the order they added sites): every prefix gives a bound. */
  prefixOrders?: readonly (readonly number[])[];
  /** Best known objective (a feasible solution's value): steers the subgradient steps. */
  lowerBound?: number;
  /** Subgradient iterations at most (default 1,000). */
  maxIterations?: number;
  /** Time for the subgradient phase, milliseconds (default 1,000). */
  timeLimitMs?: number;
}

export interface CoverBound {
  /** A value no feasible solution can exceed. */
  upperBound: number;
  /** Where the best bound came from. */
  source: 'total_weight' | 'greedy_prefix' | 'lagrangian';
  /** The best bound from greedy prefixes alone. */
  prefixBound: number;
  lagrangianIterations: number;
}

/** Relative slack added to every bound, far above float rounding in the sums, far below anything reported. */
const SAFETY = 1e-12;

/**
 * A valid upper bound on the optimum of a maximal-covering problem, for when only a heuristic ran.
 *
 * Lagrangian relaxation of the covering rows x_i <= sum_{j covers i} y_j with multipliers 0 <= lambda_i <= w_i gives,
 * for ANY such lambda,
 *   OPT <= L(lambda) = sum_i (w_i - lambda_i) + max over budget-feasible sets T of sum_{j in T} sum_{i in N_j} lambda_i,
 * and the inner maximum is bounded by the P largest candidate values (site budget) and by the fractional knapsack
 * (money budget); the smaller of the two is kept. Conflicts are dropped, which only loosens the bound.
 *
 * Choosing lambda_i = w_i on the items a set S leaves uncovered and 0 on the rest gives
 *   L = f(S) + (sum of the P largest marginal gains with respect to S),
 * the classical bound for monotone submodular maximisation (Nemhauser, Wolsey and Fisher 1978, valid for any S).
 * It is evaluated on every prefix of the given greedy runs (gains kept current in O(nonzeros) per run), the best
 * prefix then seeds a time-boxed subgradient descent on lambda (Polyak steps toward the best known objective), which
 * approaches the LP-relaxation bound. The minimum over everything tried is returned, recomputed from scratch for the
 * best lambda and padded by a relative 1e-12 against rounding.
 */
export async function boundMaximalCover(problem: CoverProblem, options: BoundOptions = {}): Promise<CoverBound> {
  const { cover } = problem;
  const { itemCount, candidateCount, itemWeight } = cover;
  const checkpoint = createYieldClock(options);
  let totalWeight = 0;
  for (let i = 0; i < itemCount; i++) totalWeight += itemWeight[i];
  const top = budgetTop(problem);

  let best: CoverBound = {
    upperBound: totalWeight,
    source: 'total_weight',
    prefixBound: Number.POSITIVE_INFINITY,
    lagrangianIterations: 0,
  };
  let bestLambda: Float64Array | null = null;

  // Greedy prefixes: lambda = weight of the items the prefix leaves uncovered.
  const gains = new Float64Array(candidateCount);
  const covered = new Uint8Array(itemCount);
  for (const order of [[], ...(options.prefixOrders ?? [])]) {
    covered.fill(0);
    let value = 0;
    for (let j = 0; j < candidateCount; j++) {
      let gain = 0;
      for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++)
        gain += itemWeight[cover.candidateItems[k]];
      gains[j] = gain;
    }
    let bestPrefixLength = -1;
    let bestPrefixBound = Number.POSITIVE_INFINITY;
    // Every prefix up to 64 sites; beyond, about 64 evenly spaced ones and the full run (each costs a sort).
    const stride = Math.max(1, Math.ceil(order.length / 64));
    for (let length = 0; length <= order.length; length++) {
      if (length > 0) {
        const s = order[length - 1];
        for (let k = cover.candidateStarts[s]; k < cover.candidateStarts[s + 1]; k++) {
          const item = cover.candidateItems[k];
          if (covered[item]) continue;
          covered[item] = 1;
          value += itemWeight[item];
          for (let m = cover.itemStarts[item]; m < cover.itemStarts[item + 1]; m++)
            gains[cover.itemCandidates[m]] -= itemWeight[item];
        }
      }
      if (length % stride !== 0 && length !== order.length) continue;
      const bound = value + top(gains).value;
      if (bound < bestPrefixBound) {
        bestPrefixBound = bound;
        bestPrefixLength = length;
      }
      await checkpoint(0.2);
    }
    if (bestPrefixLength >= 0) {
      const lambda = lambdaFromPrefix(problem, order.slice(0, bestPrefixLength));
      const bound = lagrangianValue(problem, lambda, top).value;
      if (bound < best.prefixBound) best.prefixBound = bound;
      if (bound < best.upperBound) {
        best = { ...best, upperBound: bound, source: 'greedy_prefix' };
        bestLambda = lambda;
      }
    }
  }

  // Subgradient descent on lambda from the best prefix.
  const maxIterations = options.maxIterations ?? 1_000;
  const deadline = performance.now() + (options.timeLimitMs ?? 1_000);
  const lowerBound = options.lowerBound ?? 0;
  if (bestLambda && maxIterations > 0 && itemCount > 0) {
    const lambda = bestLambda.slice();
    const subgradient = new Float64Array(itemCount);
    // Polyak steps theta (L - target) / |g|², theta halved after 20 iterations without a better bound (tuned on the
    // benchmark instances: halving sooner stalls 1-2% above the LP bound).
    let theta = 2;
    let sinceImprovement = 0;
    let iterations = 0;
    let currentBest = best.upperBound;
    while (iterations < maxIterations && performance.now() < deadline) {
      iterations++;
      const evaluation = lagrangianValue(problem, lambda, top);
      if (evaluation.value < currentBest - 1e-12 * Math.max(1, currentBest)) {
        currentBest = evaluation.value;
        bestLambda = lambda.slice();
        sinceImprovement = 0;
      } else if (++sinceImprovement >= 20) {
        theta /= 2;
        sinceImprovement = 0;
        if (theta < 1e-4) break;
      }
      // Subgradient of L at lambda: -1 from the items' own terms, + the share of each chosen candidate covering the
      // item; projected onto the box 0 <= lambda <= w (components pushing out of it are zeroed).
      subgradient.fill(-1);
      for (let t = 0; t < evaluation.chosen.length; t++) {
        const j = evaluation.chosen[t];
        const share = evaluation.shares[t];
        for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++)
          subgradient[cover.candidateItems[k]] += share;
      }
      let norm = 0;
      for (let i = 0; i < itemCount; i++) {
        const g = subgradient[i];
        if ((g < 0 && lambda[i] >= itemWeight[i]) || (g > 0 && lambda[i] <= 0)) subgradient[i] = 0;
        else norm += g * g;
      }
      const target = Math.max(lowerBound, 0);
      if (norm === 0 || evaluation.value <= target) break;
      const step = (theta * (evaluation.value - target)) / norm;
      for (let i = 0; i < itemCount; i++) {
        const next = lambda[i] - step * subgradient[i];
        lambda[i] = Math.min(Math.max(next, 0), itemWeight[i]);
      }
      await checkpoint(0.2 + (0.8 * iterations) / maxIterations);
    }
    best.lagrangianIterations = iterations;
    if (currentBest < best.upperBound) {
      const exact = lagrangianValue(problem, bestLambda, top).value;
      if (exact < best.upperBound) best = { ...best, upperBound: exact, source: 'lagrangian' };
    }
  }
  options.onProgress?.(1);
  return {
    ...best,
    upperBound: Math.min(best.upperBound, totalWeight) * (1 + SAFETY),
    prefixBound: Math.min(best.prefixBound, totalWeight) * (1 + SAFETY),
  };
}

interface TopChoice {
  value: number;
  /** Candidates making up the value and the fraction of each taken (1, or less for the knapsack's last item). */
  chosen: number[];
  shares: number[];
}

/**
 * The largest total of candidate values a budget allows, relaxed: the P largest positive values (site budget), the
 * fractional knapsack by value per USD (money budget), the smaller of the two when both bind.
 */
function budgetTop(problem: CoverProblem): (values: Float64Array) => TopChoice {
  const maxSites = maxSitesOf(problem);
  const maxCost = maxCostOf(problem);
  const candidateCount = problem.cover.candidateCount;
  const order = new Uint32Array(candidateCount);
  const scratch = new Float64Array(candidateCount);
  return (values) => {
    let bySites: TopChoice | null = null;
    if (maxSites < candidateCount || !Number.isFinite(maxCost)) {
      // The first P of the order by value (descending, ties by index): those above the P-th largest value, then the
      // lowest indices at it, found by a linear selection and sorted among themselves (the same sum, added in the same
      // order, as a sort of every candidate).
      const count = Math.min(maxSites, candidateCount);
      let taken = 0;
      if (count > 0) {
        scratch.set(values);
        const threshold = selectKth(scratch, candidateCount - count);
        for (let j = 0; j < candidateCount; j++) if (values[j] > threshold) order[taken++] = j;
        for (let j = 0; j < candidateCount && taken < count; j++) if (values[j] === threshold) order[taken++] = j;
      }
      const first = order.subarray(0, taken).sort((a, b) => values[b] - values[a] || a - b);
      bySites = { value: 0, chosen: [], shares: [] };
      for (let t = 0; t < first.length && values[first[t]] > 0; t++) {
        bySites.value += values[first[t]];
        bySites.chosen.push(first[t]);
        bySites.shares.push(1);
      }
    }
    if (!Number.isFinite(maxCost)) return bySites as TopChoice;
    for (let j = 0; j < candidateCount; j++) order[j] = j;
    const ratio = (j: number) => {
      const cost = costOf(problem, j);
      return cost > 0 ? values[j] / cost : values[j] > 0 ? Number.POSITIVE_INFINITY : 0;
    };
    order.sort((a, b) => ratio(b) - ratio(a) || a - b);
    const byMoney: TopChoice = { value: 0, chosen: [], shares: [] };
    let room = maxCost;
    for (let t = 0; t < candidateCount && values[order[t]] > 0; t++) {
      const j = order[t];
      const cost = costOf(problem, j);
      const share = cost <= room ? 1 : room / cost;
      if (share <= 0) break;
      byMoney.value += share * values[j];
      byMoney.chosen.push(j);
      byMoney.shares.push(share);
      room -= share * cost;
      if (share < 1) break;
    }
    return bySites && bySites.value < byMoney.value ? bySites : byMoney;
  };
}

function lambdaFromPrefix(problem: CoverProblem, prefix: readonly number[]): Float64Array {
  const { cover } = problem;
  const lambda = cover.itemWeight.slice();
  for (const s of prefix) {
    for (let k = cover.candidateStarts[s]; k < cover.candidateStarts[s + 1]; k++) lambda[cover.candidateItems[k]] = 0;
  }
  return lambda;
}

function lagrangianValue(
  problem: CoverProblem,
  lambda: Float64Array,
  top: (values: Float64Array) => TopChoice,
): TopChoice {
  const { cover } = problem;
  let own = 0;
  for (let i = 0; i < cover.itemCount; i++) own += cover.itemWeight[i] - lambda[i];
  const values = new Float64Array(cover.candidateCount);
  for (let j = 0; j < cover.candidateCount; j++) {
    let value = 0;
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++)
      value += lambda[cover.candidateItems[k]];
    values[j] = value;
  }
  const choice = top(values);
  return { ...choice, value: own + choice.value };
}
