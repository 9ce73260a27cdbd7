import { createYieldClock } from '../util/cooperativeLoop';
import { type CoverProblem, maxSitesOf } from './coverProblem';
import { evaluateCover } from './coverSets';
import { improveBySwaps, type SwapOptions, type SwapResult } from './improveBySwaps';

/**
 * The 1-swap descent of improveBySwaps (best move among "replace chosen s by j" and "add j"), kept incremental for a
 * site budget alone (Whitaker's fast interchange, as Resende and Werneck apply it to the p-median): per item the number
 * of chosen sites covering it (and which one when it is one), per candidate gain(j) (weight of its items nobody
 * covers), per chosen site loss(s) (weight only it covers), and per candidate its best partner among the sites it
 * shares a singly covered item with, max over s of overlap(j, s) - loss(s). A swap changes the value by
 * gain(j) - loss(s) + overlap(j, s); a move touches only the items of the two sites, so only the candidates covering
 * those items, or items of a site whose loss changed, price their partner again; every pass is then O(candidates) plus
 * that neighbourhood instead of a scan of every cover list. With a money budget or conflicts it hands over to
 * improveBySwaps.
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
    if (count === 0) for (let m = itemStarts[i]; m < itemStarts[i + 1]; m++) gain[itemCandidates[m]] += w;
    if (count === 1) loss[position[coveredBy[i]]] += w;
  }
  const epsilon = 1e-9 * Math.max(1, totalWeight);

  // Slots whose loss a move changed (each once): the candidates around them re-price their partners.
  const lossChanged: number[] = [];
  const lossMarked = new Uint8Array(slots);
  const noteLoss = (slot: number) => {
    if (lossMarked[slot]) return;
    lossMarked[slot] = 1;
    lossChanged.push(slot);
  };
  /** Add (sign 1) or remove (sign -1) a site, keeping the counts, gains and losses current. */
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
          for (let m = from; m < to; m++) gain[itemCandidates[m]] -= w;
          loss[position[j]] += w;
        } else if (before === 1) {
          const other = position[coveredBy[item] ^ j];
          loss[other] -= w;
          noteLoss(other);
        }
      } else if (before === 1) {
        for (let m = from; m < to; m++) gain[itemCandidates[m]] += w;
      } else if (before === 2) {
        const other = position[coveredBy[item]];
        loss[other] += w;
        noteLoss(other);
      }
    }
  };

  // Per unchosen candidate, its best swap partner among the sites it shares a singly covered item with:
  // paired[j] = max over those p of overlap(j, p) - loss(p), at pairedOut[j]. Recomputed only for candidates a move
  // touched (covering an item of a moved site, or of a site whose loss changed); the rest keep theirs.
  const overlap = new Float64Array(slots);
  const touched = new Int32Array(slots);
  const paired = new Float64Array(candidateCount);
  const pairedOut = new Int32Array(candidateCount);
  const dirty = new Uint8Array(candidateCount).fill(1);
  const markAround = (site: number) => {
    for (let k = candidateStarts[site]; k < candidateStarts[site + 1]; k++) {
      const item = candidateItems[k];
      for (let m = itemStarts[item]; m < itemStarts[item + 1]; m++) dirty[itemCandidates[m]] = 1;
    }
  };
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
    for (let j = 0; j < candidateCount; j++) {
      if (position[j] >= 0 || (entering && entering[j] === 0)) continue;
      const g = gain[j];
      if (canAdd && g > bestDelta) {
        bestDelta = g;
        bestIn = j;
        bestOut = -1;
      }
      // A move bringing j in is worth at most gain(j) (the site it replaces loses at least what the two share): a
      // candidate that cannot beat the best move found keeps its partner unpriced (still dirty) for a later pass.
      if (chosen === 0 || g + epsilon < bestDelta) continue;
      if (dirty[j]) {
        dirty[j] = 0;
        let touchedCount = 0;
        for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
          const item = candidateItems[k];
          if (coverCount[item] !== 1) continue;
          const p = position[coveredBy[item]];
          if (overlap[p] === 0) touched[touchedCount++] = p;
          overlap[p] += itemWeight[item];
        }
        let best = Number.NEGATIVE_INFINITY;
        let bestAt = -1;
        for (let u = 0; u < touchedCount; u++) {
          const p = touched[u];
          const value = overlap[p] - loss[p];
          if (value > best) {
            best = value;
            bestAt = p;
          }
          overlap[p] = 0;
        }
        paired[j] = best;
        pairedOut[j] = bestAt;
      }
      // The least-loss site first, a partner sharing items when strictly better (as improveBySwaps does).
      let delta = g - minLoss;
      let out = leastLoss;
      if (paired[j] > -minLoss) {
        delta = g + paired[j];
        out = pairedOut[j];
      }
      if (delta > bestDelta) {
        bestDelta = delta;
        bestIn = j;
        bestOut = out;
      }
    }
    if (bestIn < 0) {
      localOptimum = true;
      break;
    }
    lossChanged.length = 0;
    if (bestOut >= 0) {
      const out = selected[bestOut];
      place(out, -1);
      position[out] = -1;
      loss[bestOut] = 0;
      selected[bestOut] = bestIn;
      position[bestIn] = bestOut;
      markAround(out);
    } else {
      position[bestIn] = selected.length;
      loss[selected.length] = 0;
      selected.push(bestIn);
    }
    place(bestIn, 1);
    markAround(bestIn);
    for (const p of lossChanged) {
      lossMarked[p] = 0;
      if (p !== bestOut) markAround(selected[p]);
    }
    moves++;
  }
  return { selected, objective: evaluateCover(cover, selected), costUsd: 0, moves, localOptimum };
}
