import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { COST_TOLERANCE, type CoverProblem, type CoverSolution, costOf, maxCostOf, maxSitesOf } from './coverProblem';
import { evaluateCover } from './coverSets';

export interface SwapOptions extends LongCallOptions {
  /** Stop after this many improving moves (default 100,000). */
  maxMoves?: number;
  /** Stop after this long, milliseconds (default 2,000). */
  timeLimitMs?: number;
  /** Only candidates marked 1 here may enter (a local search around a neighbourhood); all when absent. */
  entering?: Uint8Array;
}

export interface SwapResult extends CoverSolution {
  /** Improving moves made (swaps and additions). */
  moves: number;
  /**
   * True when no improving 1-swap or addition remained (a local optimum; among the `entering` candidates when given),
   * false when a limit stopped it.
   */
  localOptimum: boolean;
}

/**
 * 1-swap local search (Teitz and Bart 1968) from a feasible solution: repeatedly make the best move among "replace a
 * chosen site s by an unchosen candidate j" and "add j" (when the budget allows), as long as it increases the covered
 * weight. The result is never worse than the start.
 *
 * One pass prices every move in O(nonzeros + candidates x chosen): with c_i the number of chosen sites covering item
 * i (and, when c_i = 1, which one), removing s loses loss(s) = weight of items only s covers; adding j gains
 * gain(j) = weight of items no chosen site covers; swapping s for j changes the value by
 * gain(j) - loss(s) + overlap(j, s), overlap being the weight of items only s covers that j covers too.
 * Moves respect the site count, the money budget and conflicts.
 */
export async function improveBySwaps(
  problem: CoverProblem,
  start: readonly number[],
  options: SwapOptions = {},
): Promise<SwapResult> {
  const { cover, conflicts } = problem;
  const { candidateStarts, candidateItems, itemWeight } = cover;
  const candidateCount = cover.candidateCount;
  const maxSites = maxSitesOf(problem);
  const maxCost = maxCostOf(problem);
  const costSlack = COST_TOLERANCE * Math.max(1, Math.abs(maxCost));
  const maxMoves = options.maxMoves ?? 100_000;
  const deadline = performance.now() + (options.timeLimitMs ?? 2_000);
  const checkpoint = createYieldClock(options);
  const entering = options.entering;

  const selected = [...start];
  const slots = Math.max(1, Math.min(maxSites, candidateCount), selected.length);
  const position = new Int32Array(candidateCount).fill(-1);
  selected.forEach((j, p) => {
    position[j] = p;
  });
  const coverCount = new Int32Array(cover.itemCount);
  const coveredBy = new Int32Array(cover.itemCount); // xor of the chosen sites covering the item
  const place = (j: number, sign: 1 | -1) => {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      coverCount[item] += sign;
      coveredBy[item] ^= j;
    }
  };
  for (const j of selected) place(j, 1);
  let spent = 0;
  for (const j of selected) spent += costOf(problem, j);
  let totalWeight = 0;
  for (let i = 0; i < cover.itemCount; i++) totalWeight += itemWeight[i];
  const moneyBound = Number.isFinite(maxCost);
  const epsilon = 1e-12 * Math.max(1, totalWeight);

  const loss = new Float64Array(slots);
  const overlap = new Float64Array(slots);
  const touched = new Int32Array(slots);
  const conflictCount = new Int32Array(candidateCount);
  const conflictWith = new Int32Array(candidateCount);
  let moves = 0;
  let localOptimum = false;

  while (moves < maxMoves && performance.now() < deadline) {
    await checkpoint(0);
    const chosen = selected.length;
    loss.fill(0, 0, chosen);
    let leastLoss = 0;
    for (let p = 0; p < chosen; p++) {
      const s = selected[p];
      let value = 0;
      for (let k = candidateStarts[s]; k < candidateStarts[s + 1]; k++) {
        const item = candidateItems[k];
        if (coverCount[item] === 1) value += itemWeight[item];
      }
      loss[p] = value;
      if (value < loss[leastLoss]) leastLoss = p;
    }
    if (conflicts) {
      conflictCount.fill(0);
      conflictWith.fill(0);
      for (const s of selected) {
        for (let k = conflicts.starts[s]; k < conflicts.starts[s + 1]; k++) {
          conflictCount[conflicts.neighbours[k]]++;
          conflictWith[conflicts.neighbours[k]] ^= s;
        }
      }
    }
    let bestDelta = epsilon;
    let bestIn = -1;
    let bestOut = -1; // position in `selected`, or -1 for an addition
    const canAdd = chosen < maxSites;
    for (let j = 0; j < candidateCount; j++) {
      if (position[j] >= 0 || conflictCount[j] > 1 || (entering && entering[j] === 0)) continue;
      let gain = 0;
      let touchedCount = 0;
      for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
        const item = candidateItems[k];
        const count = coverCount[item];
        if (count === 0) gain += itemWeight[item];
        else if (count === 1) {
          const p = position[coveredBy[item]];
          if (overlap[p] === 0) touched[touchedCount++] = p;
          overlap[p] += itemWeight[item];
        }
      }
      const costJ = moneyBound ? costOf(problem, j) : 0;
      if (canAdd && conflictCount[j] === 0 && gain > bestDelta && spent + costJ <= maxCost + costSlack) {
        bestDelta = gain;
        bestIn = j;
        bestOut = -1;
      }
      const onlyOut = conflictCount[j] === 1 ? position[conflictWith[j]] : -1;
      if (onlyOut >= 0 || moneyBound) {
        // Every way out that the conflicts allow, each checked against the money budget.
        const from = Math.max(onlyOut, 0);
        const to = onlyOut >= 0 ? onlyOut + 1 : chosen;
        for (let p = from; p < to; p++) {
          const delta = gain - loss[p] + overlap[p];
          if (delta <= bestDelta) continue;
          if (moneyBound && spent - costOf(problem, selected[p]) + costJ > maxCost + costSlack) continue;
          bestDelta = delta;
          bestIn = j;
          bestOut = p;
        }
      } else if (chosen > 0) {
        // Without a money budget, among the sites j shares nothing with only the one losing least matters.
        if (gain - loss[leastLoss] > bestDelta) {
          bestDelta = gain - loss[leastLoss];
          bestIn = j;
          bestOut = leastLoss;
        }
        for (let t = 0; t < touchedCount; t++) {
          const p = touched[t];
          const delta = gain - loss[p] + overlap[p];
          if (delta > bestDelta) {
            bestDelta = delta;
            bestIn = j;
            bestOut = p;
          }
        }
      }
      for (let t = 0; t < touchedCount; t++) overlap[touched[t]] = 0;
    }
    if (bestIn < 0) {
      localOptimum = true;
      break;
    }
    if (bestOut >= 0) {
      const out = selected[bestOut];
      place(out, -1);
      position[out] = -1;
      spent -= costOf(problem, out);
      selected[bestOut] = bestIn;
      position[bestIn] = bestOut;
    } else {
      position[bestIn] = selected.length;
      selected.push(bestIn);
    }
    place(bestIn, 1);
    spent += costOf(problem, bestIn);
    moves++;
  }
  return { selected, objective: evaluateCover(cover, selected), costUsd: spent, moves, localOptimum };
}
