import { createYieldClock } from '../util/cooperativeLoop';
import { seededRandom } from '../util/seededRandom';
import { type CoverProblem, type CoverSolution, maxSitesOf } from './coverProblem';
import { evaluateCover } from './coverSets';
import { descendBySwaps } from './descendBySwaps';
import type { RuinAndRecreateOptions, RuinAndRecreateResult } from './improveByRuinAndRecreate';

/**
 * improveByRuinAndRecreate for a site budget alone, on one incremental state kept across the rounds instead of a
 * greedy and a descent rebuilt from scratch each round: per item how many chosen sites cover it (and which when one),
 * per candidate its gain (weight of its items nobody covers), per chosen site its loss (weight only it covers), and
 * the plan's value. A round removes a seeded site and up to maxRuined - 1 of the chosen sites nearest it (those
 * covering most of the items its competitors cover), refills with the largest gains (never a site it removed),
 * descends by best 1-swaps among the candidates around the ruin (each swap priced in the items of the candidate
 * entering), and keeps the result when it is at least as good as the current plan or within acceptWithin of the best
 * (a record-to-record walk, Dueck 1993, which lets the rounds cross plateaus where only equal plans are met), else
 * puts the plan back. A round costs the neighbourhood of the ruin, not the whole instance, so many more rounds fit in
 * the same time. A last full descent (descendBySwaps) makes the best plan a 1-swap local optimum over every
 * candidate. Deterministic for a given seed unless the time limit cuts it.
 */
export async function ruinAndRecreateIncrementally(
  problem: CoverProblem,
  start: CoverSolution,
  options: RuinAndRecreateOptions = {},
): Promise<RuinAndRecreateResult> {
  const { cover } = problem;
  const { candidateStarts, candidateItems, itemStarts, itemCandidates, itemWeight, candidateCount, itemCount } = cover;
  const maxSites = maxSitesOf(problem);
  const maxRounds = options.maxRounds ?? 300;
  const patience = options.patienceRounds ?? 100;
  const maxRuined = Math.max(1, options.maxRuined ?? 5);
  const deadline = performance.now() + (options.timeLimitMs ?? 1_000);
  const next = seededRandom(options.seed ?? 1);
  const checkpoint = createYieldClock(options);
  const tolerance = options.acceptWithin ?? 0;
  const target = options.targetValue ?? Number.POSITIVE_INFINITY;

  const selected: number[] = [];
  const position = new Int32Array(candidateCount).fill(-1);
  const coverCount = new Int32Array(itemCount);
  const coveredBy = new Int32Array(itemCount);
  const gain = new Float64Array(candidateCount);
  const loss = new Float64Array(Math.max(1, Math.min(maxSites, candidateCount), start.selected.length) + 1);
  let totalWeight = 0;
  for (let i = 0; i < itemCount; i++) totalWeight += itemWeight[i];
  for (let j = 0; j < candidateCount; j++) {
    let g = 0;
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) g += itemWeight[candidateItems[k]];
    gain[j] = g;
  }
  const epsilon = 1e-9 * Math.max(1, totalWeight);
  let value = 0;

  const add = (j: number) => {
    const p = selected.length;
    selected.push(j);
    position[j] = p;
    loss[p] = 0;
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      const w = itemWeight[item];
      const before = coverCount[item];
      coverCount[item] = before + 1;
      coveredBy[item] ^= j;
      if (before === 0) {
        value += w;
        loss[p] += w;
        for (let m = itemStarts[item]; m < itemStarts[item + 1]; m++) gain[itemCandidates[m]] -= w;
      } else if (before === 1) {
        loss[position[coveredBy[item] ^ j]] -= w;
      }
    }
  };
  const remove = (j: number) => {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      const w = itemWeight[item];
      const before = coverCount[item];
      coverCount[item] = before - 1;
      coveredBy[item] ^= j;
      if (before === 1) {
        value -= w;
        for (let m = itemStarts[item]; m < itemStarts[item + 1]; m++) gain[itemCandidates[m]] += w;
      } else if (before === 2) {
        loss[position[coveredBy[item]]] += w;
      }
    }
    // The last slot fills the hole.
    const p = position[j];
    const last = selected.length - 1;
    const moved = selected[last];
    selected[p] = moved;
    position[moved] = p;
    loss[p] = loss[last];
    selected.pop();
    position[j] = -1;
  };
  for (const j of start.selected) add(j);

  // Candidates sharing an item with the given sites (the sites included), by a stamp per round.
  const seen = new Int32Array(candidateCount);
  let stamp = 0;
  const competitorsOf = (sites: readonly number[], into: number[]) => {
    stamp++;
    into.length = 0;
    for (const site of sites) {
      for (let k = candidateStarts[site]; k < candidateStarts[site + 1]; k++) {
        const item = candidateItems[k];
        for (let m = itemStarts[item]; m < itemStarts[item + 1]; m++) {
          const j = itemCandidates[m];
          if (seen[j] === stamp) continue;
          seen[j] = stamp;
          into.push(j);
        }
      }
    }
  };
  const itemMark = new Int32Array(itemCount);
  let itemStamp = 0;
  const overlap = new Float64Array(loss.length);
  const touched = new Int32Array(loss.length);

  /** The best move bringing j in: its value change and the slot it replaces (-1: an addition). */
  let moveOut = -1;
  const bestMoveOf = (j: number, leastLoss: number, canAdd: boolean): number => {
    const g = gain[j];
    if (canAdd) {
      moveOut = -1;
      return g;
    }
    let touchedCount = 0;
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      if (coverCount[item] !== 1) continue;
      const p = position[coveredBy[item]];
      if (overlap[p] === 0) touched[touchedCount++] = p;
      overlap[p] += itemWeight[item];
    }
    let delta = leastLoss >= 0 ? g - loss[leastLoss] : Number.NEGATIVE_INFINITY;
    moveOut = leastLoss;
    for (let u = 0; u < touchedCount; u++) {
      const p = touched[u];
      const v = g + overlap[p] - loss[p];
      // The least-loss site first, a partner sharing items when strictly better (as descendBySwaps does).
      if (v > delta) {
        delta = v;
        moveOut = p;
      }
      overlap[p] = 0;
    }
    return delta;
  };

  const current: number[] = [];
  const inCurrent = new Int32Array(candidateCount);
  let currentStamp = 0;
  const around: number[] = [];
  const competitors: number[] = [];
  const added: number[] = [];
  const sharedCount = new Int32Array(loss.length);
  const ruinedMark = new Int32Array(candidateCount);

  let currentValue = value;
  let best = selected.slice();
  let bestValue = value;
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
    if (bestValue >= target) {
      stoppedBy = 'target';
      break;
    }
    await checkpoint(rounds / maxRounds);
    rounds++;
    if (selected.length === 0) break;
    currentStamp++;
    current.length = 0;
    for (const j of selected) {
      current.push(j);
      inCurrent[j] = currentStamp;
    }
    const seedSite = selected[Math.floor(next() * selected.length)];

    // The seed site's neighbours: chosen sites covering most of the items its competitors cover.
    competitorsOf([seedSite], competitors);
    itemStamp++;
    for (const j of competitors) {
      for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) itemMark[candidateItems[k]] = itemStamp;
    }
    const neighbours: number[] = [];
    for (let p = 0; p < selected.length; p++) {
      const s = selected[p];
      if (s === seedSite) continue;
      let shared = 0;
      for (let k = candidateStarts[s]; k < candidateStarts[s + 1]; k++) {
        if (itemMark[candidateItems[k]] === itemStamp) shared++;
      }
      if (shared > 0) {
        sharedCount[p] = shared;
        neighbours.push(s);
      }
    }
    neighbours.sort((a, b) => sharedCount[position[b]] - sharedCount[position[a]] || a - b);
    const ruinCount = Math.min(2, maxRuined) + Math.floor(next() * Math.max(1, maxRuined - 1));
    const ruined = [seedSite, ...neighbours.slice(0, ruinCount - 1)];
    for (const s of ruined) {
      remove(s);
      ruinedMark[s] = rounds;
    }

    // Recreate with the largest gains, never a site just removed (the descent may bring one back).
    added.length = 0;
    while (selected.length < maxSites) {
      let bestJ = -1;
      let bestGain = epsilon;
      for (let j = 0; j < candidateCount; j++) {
        if (position[j] >= 0 || ruinedMark[j] === rounds) continue;
        if (gain[j] > bestGain) {
          bestGain = gain[j];
          bestJ = j;
        }
      }
      if (bestJ < 0) break;
      add(bestJ);
      added.push(bestJ);
    }

    // Best 1-swaps among the candidates around the ruin. A move bringing j in is worth at most gain(j) (the site it
    // replaces loses at least what the two share), so a candidate whose gain cannot beat the best move found is not
    // priced (epsilon of slack for the sums' rounding): the same move as pricing them all, for about a third fewer.
    competitorsOf([...ruined, ...added], around);
    for (let moves = 0; moves < 100; moves++) {
      let leastLoss = -1;
      for (let p = 0; p < selected.length; p++) if (leastLoss < 0 || loss[p] < loss[leastLoss]) leastLoss = p;
      const canAdd = selected.length < maxSites;
      let bestDelta = epsilon;
      let bestIn = -1;
      let bestOut = -1;
      for (const j of around) {
        if (position[j] >= 0 || gain[j] + epsilon < bestDelta) continue;
        const delta = bestMoveOf(j, leastLoss, canAdd);
        if (delta > bestDelta) {
          bestDelta = delta;
          bestIn = j;
          bestOut = moveOut;
        }
      }
      if (bestIn < 0) break;
      if (bestOut >= 0) remove(selected[bestOut]);
      add(bestIn);
    }

    if (value >= Math.min(currentValue, bestValue * (1 - tolerance)) - epsilon) {
      currentValue = value;
    } else {
      // Put the plan back: out with the sites it did not have, in with those it lost.
      for (let p = selected.length - 1; p >= 0; p--) {
        const s = selected[p];
        if (inCurrent[s] !== currentStamp) remove(s);
      }
      for (const s of current) if (position[s] < 0) add(s);
      value = currentValue;
    }
    if (value > bestValue + epsilon) {
      bestValue = value;
      best = selected.slice();
      improvements++;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  }
  const bestSolution = { selected: best, objective: evaluateCover(cover, best), costUsd: 0 };
  const polished = await descendBySwaps(problem, bestSolution.selected, {
    signal: options.signal,
    timeLimitMs: Math.max(0, deadline - performance.now()),
  });
  const result = polished.objective > bestSolution.objective ? polished : bestSolution;
  if (result.objective < start.objective) {
    return { ...start, rounds, improvements: 0, stoppedBy };
  }
  return {
    selected: result.selected,
    objective: result.objective,
    costUsd: result.costUsd,
    rounds,
    improvements,
    stoppedBy,
  };
}
