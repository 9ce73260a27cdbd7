import { type CoverProblem, type CoverSolution, costOf } from './coverProblem';
import { evaluateCover } from './coverSets';
import { reduceCoverProblem } from './reduceCoverProblem';
import { type ExactOptions, type ExactResult, solveExactHighs } from './solveExactHighs';

export interface ProveOptions extends Omit<ExactOptions, 'warmStart'> {
  /** The best plan known (the heuristic's): the warm start, and the value a better plan must beat. */
  incumbent: CoverSolution;
  /**
   * Lagrangian values and L(lambda) at the same multipliers (solveLagrangian / searchCoverPlan: candidateValue,
   * multiplierBound) for reduced-cost fixing; dominance alone without.
   */
  candidateValue?: Float64Array;
  multiplierBound?: number;
}

export interface ProveResult extends ExactResult {
  /** What the reduction left for HiGHS and what it removed. */
  reduction: {
    candidates: number;
    items: number;
    fixedIn: number;
    fixedOut: number;
    dominated: number;
    milliseconds: number;
  };
}

/**
 * The exact mode: shrink the problem first (reduceCoverProblem: dominated candidates out, reduced-cost fixing against
 * the incumbent with the Lagrangian values, items merged again), then HiGHS on what is left, warm-started from the
 * incumbent. The answer is mapped back (the fixed-in sites added), never worse than the incumbent, and its bound is
 * the reduced model's plus the fixed-in weight, never below the incumbent: when the optimum is no better than the
 * incumbent, the incumbent is the optimum and the bound still holds.
 */
export async function proveCoverOptimum(problem: CoverProblem, options: ProveOptions): Promise<ProveResult> {
  const { incumbent, candidateValue, multiplierBound, ...exact } = options;
  const started = performance.now();
  const reduced = reduceCoverProblem(problem, {
    candidateValue,
    upperBound: multiplierBound,
    lowerBound: incumbent.objective,
  });
  const reductionMs = performance.now() - started;
  const reducedIndex = new Int32Array(problem.cover.candidateCount).fill(-1);
  reduced.candidateOf.forEach((j, r) => {
    reducedIndex[j] = r;
  });
  const warmStart = incumbent.selected.map((j) => reducedIndex[j]).filter((r) => r >= 0);
  const result = await solveExactHighs(reduced.problem, { ...exact, warmStart });
  const mapped = [...reduced.fixedIn, ...result.selected.map((r) => reduced.candidateOf[r])];
  const mappedValue = evaluateCover(problem.cover, mapped);
  const better = mappedValue > incumbent.objective;
  const selected = better ? mapped : [...incumbent.selected];
  const objective = better ? mappedValue : incumbent.objective;
  let costUsd = 0;
  for (const j of selected) costUsd += costOf(problem, j);
  const bound = result.upperBound + reduced.fixedWeight;
  return {
    ...result,
    selected,
    objective,
    costUsd,
    upperBound: Math.max(objective, Math.min(bound, multiplierBound ?? Number.POSITIVE_INFINITY)),
    seconds: (performance.now() - started) / 1000,
    reduction: {
      candidates: reduced.problem.cover.candidateCount,
      items: reduced.problem.cover.itemCount,
      fixedIn: reduced.fixedIn.length,
      fixedOut: reduced.fixedOut,
      dominated: reduced.dominated,
      milliseconds: reductionMs,
    },
  };
}
