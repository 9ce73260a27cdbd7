import type { CoverSets } from './coverSets';

/** At most this many sites and/or at most this total cost; a missing limit does not bind. */
export interface CoverBudget {
  maxSites?: number;
  /** Needs `costUsd` in the problem. */
  maxCostUsd?: number;
}

/** Pairs of candidates that may not both be chosen (new masts closer than the spacing rule), CSR and symmetric. */
export interface ConflictGraph {
  starts: Uint32Array;
  neighbours: Uint32Array;
}

/** A maximal-covering problem: choose candidates within the budget, no two in conflict, to maximise covered weight. */
export interface CoverProblem {
  cover: CoverSets;
  budget: CoverBudget;
  /** Cost per candidate (for a money budget), USD. */
  costUsd?: Float64Array;
  conflicts?: ConflictGraph;
}

/** A feasible choice and its value. */
export interface CoverSolution {
  /** Candidate indices; for heuristics in the order they were added. */
  selected: number[];
  objective: number;
  costUsd: number;
}

export function maxSitesOf(problem: CoverProblem): number {
  const limit = problem.budget.maxSites;
  return limit === undefined ? problem.cover.candidateCount : Math.max(0, Math.floor(limit));
}

export function maxCostOf(problem: CoverProblem): number {
  const limit = problem.budget.maxCostUsd;
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!problem.costUsd) throw new RangeError('a money budget needs a cost per candidate');
  return limit;
}

export function costOf(problem: CoverProblem, candidate: number): number {
  return problem.costUsd ? problem.costUsd[candidate] : 0;
}

/** Slack on money comparisons, so costs summed in another order do not flip a site out of the budget. */
export const COST_TOLERANCE = 1e-9;

/** Build a symmetric conflict graph from unordered pairs. */
export function conflictGraphFromPairs(
  candidateCount: number,
  pairs: ReadonlyArray<readonly [number, number]>,
): ConflictGraph {
  const starts = new Uint32Array(candidateCount + 1);
  for (const [a, b] of pairs) {
    starts[a + 1]++;
    starts[b + 1]++;
  }
  for (let j = 0; j < candidateCount; j++) starts[j + 1] += starts[j];
  const neighbours = new Uint32Array(starts[candidateCount]);
  const fill = starts.slice(0, candidateCount);
  for (const [a, b] of pairs) {
    neighbours[fill[a]++] = b;
    neighbours[fill[b]++] = a;
  }
  return { starts, neighbours };
}

/** Whether a choice is within the budget and free of conflicts. */
export function isFeasible(problem: CoverProblem, selected: readonly number[]): boolean {
  if (selected.length > maxSitesOf(problem)) return false;
  if (new Set(selected).size !== selected.length) return false;
  const maxCost = maxCostOf(problem);
  let cost = 0;
  for (const j of selected) cost += costOf(problem, j);
  if (cost > maxCost + COST_TOLERANCE * Math.max(1, Math.abs(maxCost))) return false;
  if (problem.conflicts) {
    const chosen = new Set(selected);
    for (const j of selected) {
      for (let k = problem.conflicts.starts[j]; k < problem.conflicts.starts[j + 1]; k++) {
        if (chosen.has(problem.conflicts.neighbours[k])) return false;
      }
    }
  }
  return true;
}
