import type { CoverProblem } from './coverProblem';
import { costOf, maxSitesOf } from './coverProblem';
import { mergeCoverSets } from './coverSets';

export interface ReduceOptions {
  /** Each candidate's Lagrangian value (solveLagrangian's candidateValue) at the multipliers of `upperBound`. */
  candidateValue?: Float64Array;
  /**
   * L(lambda) at those same multipliers, exactly as the values give it (solveLagrangian's multiplierBound, not a bound
   * capped or taken from elsewhere: a smaller number would fix candidates wrongly).
   */
  upperBound?: number;
  /** A feasible plan's value: only plans worth more than this are sought. */
  lowerBound?: number;
}

export interface ReducedCoverProblem {
  /** The smaller problem: the kept candidates renumbered, items merged again, the budget less the fixed-in sites. */
  problem: CoverProblem;
  /** Original index of each kept candidate. */
  candidateOf: Uint32Array;
  /** Original candidates in every plan worth more than lowerBound; their items are gone from `problem`. */
  fixedIn: number[];
  /** Weight the fixed-in candidates cover: add it to a reduced plan's value. */
  fixedWeight: number;
  /** Candidates dropped as dominated (another covers a superset, for no more money). */
  dominated: number;
  /** Candidates dropped by reduced cost: with them no plan can beat lowerBound. */
  fixedOut: number;
}

/**
 * Shrinks a maximal-covering problem without losing its optimum (whenever the optimum is worth more than
 * `lowerBound`; otherwise the plan of lowerBound is optimal already):
 * - dominated candidates go (j when another k covers every item j covers and costs no more: a plan with j is no
 *   better than the same plan with k instead, or without j when k is in it). Skipped when conflicts exist, since k may
 *   conflict where j does not.
 * - reduced-cost fixing on the Lagrangian values (site budget P only): with v_(P) and v_(P+1) the P-th and (P+1)-th
 *   largest values, a plan containing a candidate j outside the top P is worth at most L - v_(P) + v_j, and a plan
 *   without a top-P candidate j at most L - v_j + v_(P+1); below lowerBound, j is fixed out, respectively in.
 * - items are merged again once candidates have gone (their candidate sets may now coincide), and the items of the
 *   fixed-in sites are removed with their weight.
 */
export function reduceCoverProblem(problem: CoverProblem, options: ReduceOptions = {}): ReducedCoverProblem {
  const { cover } = problem;
  const { candidateCount, itemCount, candidateStarts, candidateItems, itemStarts, itemCandidates, itemWeight } = cover;
  const keep = new Uint8Array(candidateCount).fill(1);
  const fixedInMark = new Uint8Array(candidateCount);
  let fixedOut = 0;
  const maxSites = maxSitesOf(problem);
  const { candidateValue, upperBound, lowerBound } = options;
  const siteBudgetOnly = problem.budget.maxCostUsd === undefined;
  if (candidateValue && upperBound !== undefined && lowerBound !== undefined && siteBudgetOnly && maxSites > 0) {
    const order = Array.from({ length: candidateCount }, (_, j) => j).sort(
      (a, b) => candidateValue[b] - candidateValue[a] || a - b,
    );
    const valueAt = (rank: number) => (rank < candidateCount ? Math.max(0, candidateValue[order[rank]]) : 0);
    const pth = valueAt(maxSites - 1);
    const next = valueAt(maxSites);
    // Margin against rounding in the sums: a candidate is fixed only when clearly below.
    const threshold = lowerBound + 1e-9 * Math.max(1, Math.abs(upperBound));
    order.forEach((j, rank) => {
      const value = Math.max(0, candidateValue[j]);
      if (rank >= maxSites) {
        if (upperBound - pth + value < threshold) {
          keep[j] = 0;
          fixedOut++;
        }
      } else if (!problem.conflicts && upperBound - value + next < threshold) {
        fixedInMark[j] = 1;
      }
    });
  }

  // Dominance: j goes when a kept k != j covers all of j's items and costs no more (ties: the lower index stays).
  let dominated = 0;
  if (!problem.conflicts) {
    const mark = new Int32Array(candidateCount).fill(-1);
    for (let j = 0; j < candidateCount; j++) {
      if (!keep[j] || fixedInMark[j]) continue;
      const from = candidateStarts[j];
      const to = candidateStarts[j + 1];
      if (from === to) {
        keep[j] = 0;
        dominated++;
        continue;
      }
      // Candidates covering j's first item are the only possible supersets; count their hits over j's items.
      const first = candidateItems[from];
      for (let m = itemStarts[first]; m < itemStarts[first + 1]; m++) mark[itemCandidates[m]] = 0;
      for (let k = from; k < to; k++) {
        const item = candidateItems[k];
        for (let m = itemStarts[item]; m < itemStarts[item + 1]; m++) {
          const other = itemCandidates[m];
          if (mark[other] >= 0) mark[other]++;
        }
      }
      const size = to - from;
      for (let m = itemStarts[first]; m < itemStarts[first + 1]; m++) {
        const k = itemCandidates[m];
        if (k === j || mark[k] !== size || !keep[k] || costOf(problem, k) > costOf(problem, j)) continue;
        const otherSize = candidateStarts[k + 1] - candidateStarts[k];
        // Identical sets at the same cost: keep the lower index.
        if (otherSize === size && costOf(problem, k) === costOf(problem, j) && k > j) continue;
        keep[j] = 0;
        dominated++;
        break;
      }
      for (let m = itemStarts[first]; m < itemStarts[first + 1]; m++) mark[itemCandidates[m]] = -1;
    }
  }

  // Fixed-in sites: their items are covered, the budget shrinks by them.
  const fixedIn: number[] = [];
  const itemGone = new Uint8Array(itemCount);
  let fixedWeight = 0;
  let fixedCost = 0;
  for (let j = 0; j < candidateCount; j++) {
    if (!fixedInMark[j]) continue;
    fixedIn.push(j);
    keep[j] = 0;
    fixedCost += costOf(problem, j);
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      if (itemGone[item]) continue;
      itemGone[item] = 1;
      fixedWeight += itemWeight[item];
    }
  }

  const candidateOf: number[] = [];
  for (let j = 0; j < candidateCount; j++) if (keep[j]) candidateOf.push(j);
  const starts = new Uint32Array(candidateOf.length + 1);
  const lists: number[] = [];
  candidateOf.forEach((j, r) => {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      if (!itemGone[item]) lists.push(item);
    }
    starts[r + 1] = lists.length;
  });
  // The old items are the new "demand"; an item no kept candidate covers becomes unreachable.
  const weights = Float64Array.from(itemWeight, (w, i) => (itemGone[i] ? 0 : w));
  const reducedCover = mergeCoverSets(weights, starts, Uint32Array.from(lists));
  const candidateIndex = Uint32Array.from(candidateOf);
  const reduced: CoverProblem = {
    cover: reducedCover,
    budget: {
      maxSites: problem.budget.maxSites === undefined ? undefined : Math.max(0, maxSites - fixedIn.length),
      maxCostUsd: problem.budget.maxCostUsd === undefined ? undefined : problem.budget.maxCostUsd - fixedCost,
    },
    costUsd: problem.costUsd ? Float64Array.from(candidateOf, (j) => costOf(problem, j)) : undefined,
    conflicts: problem.conflicts ? restrictConflicts(problem, candidateOf) : undefined,
  };
  return { problem: reduced, candidateOf: candidateIndex, fixedIn, fixedWeight, dominated, fixedOut };
}

function restrictConflicts(problem: CoverProblem, candidateOf: readonly number[]) {
  const conflicts = problem.conflicts;
  if (!conflicts) return undefined;
  const renumber = new Int32Array(problem.cover.candidateCount).fill(-1);
  candidateOf.forEach((j, r) => {
    renumber[j] = r;
  });
  const starts = new Uint32Array(candidateOf.length + 1);
  const neighbours: number[] = [];
  candidateOf.forEach((j, r) => {
    for (let k = conflicts.starts[j]; k < conflicts.starts[j + 1]; k++) {
      const other = renumber[conflicts.neighbours[k]];
      if (other >= 0) neighbours.push(other);
    }
    starts[r + 1] = neighbours.length;
  });
  return { starts, neighbours: Uint32Array.from(neighbours) };
}
