import { createYieldClock } from '../util/cooperativeLoop';
import { type CoverProblem, maxSitesOf } from './coverProblem';
import { evaluateCover } from './coverSets';
import { improveBySwaps, type SwapOptions, type SwapResult } from './improveBySwaps';

/**
 * The 1-swap descent of improveBySwaps (best move among "replace chosen s by j" and "add j"), kept incremental for a
 * site budget alone: per item the number of chosen sites covering it (and which one when it is one), per candidate
 * gain(j) (weight of its items nobody covers) and once(j) (weight of its items exactly one chosen site covers), per
 * chosen site loss(s) (weight only it covers). A move touches only the items of the two sites and the candidates
 * covering them. A swap's change is gain(j) - loss(s) + overlap(j, s) <= gain(j) - max(0, loss(s) - once(j)), so each
 * pass scans the item lists of the candidates in order of that bound and stops where the bound falls below the best
 * move found. With a money budget or conflicts it hands over to improveBySwaps.
 */
export async function descendBySwaps(
  problem: CoverProblem,
  start: readonly number[],
  options: SwapOptions = {},
): Promise<SwapResult> {
  if (problem.budget.maxCostUsd !== undefined || problem.conflicts) return improveBySwaps(problem, start, options);
  const { cover } = problem;
  const { candidateStarts, candidateItems, itemStarts, itemCandidates, itemWeight, candidateCount, itemCount } = cover;
  const maxSites = maxSitesOf(problem);
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
  const coverCount = new Int32Array(itemCount);
  const coveredBy = new Int32Array(itemCount);
  const gain = new Float64Array(candidateCount);
  const once = new Float64Array(candidateCount);
  const loss = new Float64Array(slots);
  for (const j of selected) {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      coverCount[item]++;
      coveredBy[item] ^= j;
    }
  }
  let totalWeight = 0;
  for (let i = 0; i < itemCount; i++) {
    const w = itemWeight[i];
    totalWeight += w;
    const count = coverCount[i];
    if (count > 1) continue;
    for (let m = itemStarts[i]; m < itemStarts[i + 1]; m++) {
      if (count === 0) gain[itemCandidates[m]] += w;
      else once[itemCandidates[m]] += w;
    }
    if (count === 1) loss[position[coveredBy[i]]] += w;
  }
  const epsilon = 1e-9 * Math.max(1, totalWeight);

  /** Add (sign 1) or remove (sign -1) a site, keeping the counts, gains, onces and losses current. */
  const place = (j: number, sign: 1 | -1) => {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      const w = itemWeight[item];
      const before = coverCount[item];
      coverCount[item] = before + sign;
      coveredBy[item] ^= j;
      const from = itemStarts[item];
      const to = itemStarts[item + 1];
      if (sign > 0) {
        if (before === 0) {
          for (let m = from; m < to; m++) {
            gain[itemCandidates[m]] -= w;
            once[itemCandidates[m]] += w;
          }
          loss[position[j]] += w;
        } else if (before === 1) {
          for (let m = from; m < to; m++) once[itemCandidates[m]] -= w;
          loss[position[coveredBy[item] ^ j]] -= w;
        }
      } else if (before === 1) {
        for (let m = from; m < to; m++) {
          gain[itemCandidates[m]] += w;
          once[itemCandidates[m]] -= w;
        }
      } else if (before === 2) {
        for (let m = from; m < to; m++) once[itemCandidates[m]] += w;
        loss[position[coveredBy[item]]] += w;
      }
    }
  };

  const overlap = new Float64Array(slots);
  const touched = new Int32Array(slots);
  const order = new Uint32Array(candidateCount);
  const bound = new Float64Array(candidateCount);
  let moves = 0;
  let localOptimum = false;
  while (moves < maxMoves && performance.now() < deadline) {
    await checkpoint(0);
    const chosen = selected.length;
    let leastLoss = 0;
    for (let p = 1; p < chosen; p++) if (loss[p] < loss[leastLoss]) leastLoss = p;
    const minLoss = chosen > 0 ? loss[leastLoss] : 0;
    const canAdd = chosen < maxSites;
    let bestDelta = epsilon;
    let bestIn = -1;
    let bestOut = -1;
    let candidates = 0;
    for (let j = 0; j < candidateCount; j++) {
      if (position[j] >= 0 || (entering && entering[j] === 0)) continue;
      if (canAdd && gain[j] > bestDelta) {
        bestDelta = gain[j];
        bestIn = j;
        bestOut = -1;
      }
      if (chosen === 0) continue;
      const upper = gain[j] - Math.max(0, minLoss - once[j]);
      if (upper <= epsilon) continue;
      bound[j] = upper;
      order[candidates++] = j;
    }
    const ranked = order.subarray(0, candidates);
    ranked.sort((a, b) => bound[b] - bound[a] || a - b);
    for (let t = 0; t < candidates; t++) {
      const j = ranked[t];
      if (bound[j] <= bestDelta) break;
      let touchedCount = 0;
      for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
        const item = candidateItems[k];
        if (coverCount[item] !== 1) continue;
        const p = position[coveredBy[item]];
        if (overlap[p] === 0) touched[touchedCount++] = p;
        overlap[p] += itemWeight[item];
      }
      const g = gain[j];
      if (g - minLoss > bestDelta) {
        bestDelta = g - minLoss;
        bestIn = j;
        bestOut = leastLoss;
      }
      for (let u = 0; u < touchedCount; u++) {
        const p = touched[u];
        const delta = g - loss[p] + overlap[p];
        if (delta > bestDelta) {
          bestDelta = delta;
          bestIn = j;
          bestOut = p;
        }
        overlap[p] = 0;
      }
    }
    if (bestIn < 0) {
      localOptimum = true;
      break;
    }
    if (bestOut >= 0) {
      const out = selected[bestOut];
      place(out, -1);
      position[out] = -1;
      loss[bestOut] = 0;
      selected[bestOut] = bestIn;
      position[bestIn] = bestOut;
    } else {
      position[bestIn] = selected.length;
      loss[selected.length] = 0;
      selected.push(bestIn);
    }
    place(bestIn, 1);
    moves++;
  }
  return { selected, objective: evaluateCover(cover, selected), costUsd: 0, moves, localOptimum };
}
