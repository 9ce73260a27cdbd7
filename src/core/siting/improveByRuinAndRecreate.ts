import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { seededRandom } from '../util/seededRandom';
import type { CoverProblem, CoverSolution } from './coverProblem';
import { descendBySwaps } from './descendBySwaps';
import { ruinAndRecreateIncrementally } from './ruinAndRecreateIncrementally';
import { greedyFill } from './solveGreedy';

export interface RuinAndRecreateOptions extends LongCallOptions {
  /** Rounds at most (default 200). */
  maxRounds?: number;
  /** Stop after this many rounds in a row without a new best (default 60). */
  patienceRounds?: number;
  /** Safety limit, milliseconds (default 1,000); the round limits decide in normal runs, so results repeat. */
  timeLimitMs?: number;
  /** Seed of the random choices (default 1): the same input and seed give the same result. */
  seed?: number;
  /** At most this many sites removed per round (default 5). */
  maxRuined?: number;
  /**
   * With a site budget alone: a round's plan is also kept when within this relative distance of the best (default 0:
   * only plans at least as good as the current one).
   */
  acceptWithin?: number;
  /** With a site budget alone: stop once the best plan is worth this much (default: no such stop). */
  targetValue?: number;
}

export interface RuinAndRecreateResult extends CoverSolution {
  rounds: number;
  /** Rounds that found a new best. */
  improvements: number;
  stoppedBy: 'rounds' | 'patience' | 'time' | 'target';
}

/**
 * Large-neighbourhood search (ruin and recreate, Schrimpf et al. 2000) around a 1-swap local optimum, for the
 * coordinated moves single swaps cannot make (shifting several neighbouring sites at once). Each round removes a
 * random chosen site and up to maxRuined - 1 of the chosen sites nearest it (those covering most of the items its
 * competitors cover), refills greedily without the first one, and descends with 1-swaps; the round's solution is
 * kept when it is at least as good as the current one. Returns the best solution met, never worse than the start.
 * Deterministic for a given seed unless the time limit cuts it.
 */
export async function improveByRuinAndRecreate(
  problem: CoverProblem,
  start: CoverSolution,
  options: RuinAndRecreateOptions = {},
): Promise<RuinAndRecreateResult> {
  // A site budget alone: the same rounds on one incremental state (ruinAndRecreateIncrementally), far cheaper each.
  if (problem.budget.maxCostUsd === undefined && !problem.conflicts) {
    return ruinAndRecreateIncrementally(problem, start, options);
  }
  const { cover } = problem;
  const maxRounds = options.maxRounds ?? 300;
  const patience = options.patienceRounds ?? 100;
  const maxRuined = Math.max(1, options.maxRuined ?? 5);
  const deadline = performance.now() + (options.timeLimitMs ?? 1_000);
  const next = seededRandom(options.seed ?? 1);
  const checkpoint = createYieldClock(options);
  const byRatio = problem.budget.maxCostUsd !== undefined;
  const marked = new Uint8Array(cover.itemCount);
  const seenCandidate = new Uint8Array(cover.candidateCount);
  const excluded = new Uint8Array(cover.candidateCount);
  const entering = new Uint8Array(cover.candidateCount);
  /** Candidates sharing an item with any of the sites (the sites included). */
  const competitorsOf = (sites: readonly number[]): number[] => {
    const found: number[] = [];
    for (const site of sites) {
      for (let k = cover.candidateStarts[site]; k < cover.candidateStarts[site + 1]; k++) {
        const item = cover.candidateItems[k];
        for (let m = cover.itemStarts[item]; m < cover.itemStarts[item + 1]; m++) {
          const j = cover.itemCandidates[m];
          if (seenCandidate[j]) continue;
          seenCandidate[j] = 1;
          found.push(j);
        }
      }
    }
    for (const j of found) seenCandidate[j] = 0;
    return found;
  };

  let current: CoverSolution = start;
  let best: CoverSolution = start;
  let rounds = 0;
  let improvements = 0;
  let sinceBest = 0;
  let stoppedBy: RuinAndRecreateResult['stoppedBy'] = 'rounds';
  while (rounds < maxRounds) {
    if (performance.now() >= deadline) {
      stoppedBy = 'time';
      break;
    }
    if (sinceBest >= patience) {
      stoppedBy = 'patience';
      break;
    }
    await checkpoint(rounds / maxRounds);
    rounds++;
    const sites = current.selected;
    if (sites.length === 0) break;
    const seedSite = sites[Math.floor(next() * sites.length)];

    // The seed site's neighbours: chosen sites covering most of the items its competitors (candidates sharing an
    // item with it) cover.
    const competitors = competitorsOf([seedSite]);
    const markedItems: number[] = [];
    for (const j of competitors) {
      for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
        const item = cover.candidateItems[k];
        if (!marked[item]) {
          marked[item] = 1;
          markedItems.push(item);
        }
      }
    }
    const neighbours = sites
      .filter((s) => s !== seedSite)
      .map((s) => {
        let shared = 0;
        for (let k = cover.candidateStarts[s]; k < cover.candidateStarts[s + 1]; k++)
          shared += marked[cover.candidateItems[k]];
        return { s, shared };
      })
      .filter((entry) => entry.shared > 0)
      .sort((a, b) => b.shared - a.shared || a.s - b.s);
    for (const item of markedItems) marked[item] = 0;
    const ruinCount = Math.min(2, maxRuined) + Math.floor(next() * Math.max(1, maxRuined - 1));
    const ruinedList = [seedSite, ...neighbours.slice(0, ruinCount - 1).map((entry) => entry.s)];
    const ruined = new Set(ruinedList);

    // Recreate greedily without the seed site, then descend with swaps among the candidates around the ruin.
    excluded[seedSite] = 1;
    const refilled = greedyFill(
      problem,
      sites.filter((s) => !ruined.has(s)),
      byRatio,
      excluded,
    );
    excluded[seedSite] = 0;
    const around = competitorsOf([...ruinedList, ...refilled.selected.filter((s) => !sites.includes(s))]);
    for (const j of around) entering[j] = 1;
    const descended = await descendBySwaps(problem, refilled.selected, {
      signal: options.signal,
      timeLimitMs: Math.max(0, deadline - performance.now()),
      entering,
    });
    for (const j of around) entering[j] = 0;
    if (descended.objective >= current.objective) current = descended;
    if (descended.objective > best.objective * (1 + 1e-12)) {
      best = descended;
      improvements++;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  }
  // The rounds searched locally; a last full descent makes the result a 1-swap local optimum over all candidates.
  const polished = await descendBySwaps(problem, best.selected, {
    signal: options.signal,
    timeLimitMs: Math.max(0, deadline - performance.now()),
  });
  if (polished.objective > best.objective) best = polished;
  return { selected: best.selected, objective: best.objective, costUsd: best.costUsd, rounds, improvements, stoppedBy };
}
