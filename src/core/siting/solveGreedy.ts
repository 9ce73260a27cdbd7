import { COST_TOLERANCE, type CoverProblem, type CoverSolution, costOf, maxCostOf, maxSitesOf } from './coverProblem';

export interface GreedyResult extends CoverSolution {
  /** Which run gave the answer: plain (by gain), ratio (gain per USD) or the best single affordable site. */
  variant: 'greedy' | 'ratio_greedy' | 'best_single';
  /** Candidates in the order each greedy run added them, for the prefix bound (boundMaximalCover). */
  runs: number[][];
}

/**
 * Lazy greedy (Minoux 1978) for maximal covering: a max-heap of candidates keyed by their last known marginal gain,
 * which can only shrink as sites are added (coverage is submodular); the top is re-evaluated and taken only once its
 * key is current. Without costs this is the classic greedy, within (1 - 1/e) of the optimum (Nemhauser, Wolsey and
 * Fisher 1978). With a money budget it also runs the ratio greedy (gain per USD) and keeps the best of the plain
 * greedy, the ratio greedy and the best single affordable site (the ratio greedy alone can be arbitrarily bad; the
 * better of it and the best single site is within (1 - 1/e)/2, Khuller, Moss and Naor 1999).
 * Candidates in conflict with a chosen one are skipped. Stops adding when nothing has a positive gain.
 */
export function solveGreedy(problem: CoverProblem): GreedyResult {
  const plain = lazyGreedy(problem, false);
  if (problem.budget.maxCostUsd === undefined) return { ...plain, variant: 'greedy', runs: [plain.selected] };
  const ratio = lazyGreedy(problem, true);
  const single = bestSingleSite(problem);
  const runs = [plain.selected, ratio.selected];
  let best: GreedyResult = { ...plain, variant: 'greedy', runs };
  if (ratio.objective > best.objective) best = { ...ratio, variant: 'ratio_greedy', runs };
  if (single.objective > best.objective) best = { ...single, variant: 'best_single', runs };
  return best;
}

/**
 * Lazy greedy from a partial choice: `start` stays chosen (its items covered, its conflicts blocked, its cost spent)
 * and sites other than the `excluded` ones are added by gain (or gain per USD) while the budget allows and something
 * gains. Returns start + added.
 */
export function greedyFill(
  problem: CoverProblem,
  start: readonly number[],
  byRatio = false,
  excluded?: Uint8Array,
): CoverSolution {
  return lazyGreedy(problem, byRatio, start, excluded);
}

function lazyGreedy(
  problem: CoverProblem,
  byRatio: boolean,
  start: readonly number[] = [],
  excluded?: Uint8Array,
): CoverSolution {
  const { cover, conflicts } = problem;
  const maxSites = maxSitesOf(problem);
  const maxCost = maxCostOf(problem);
  const costSlack = COST_TOLERANCE * Math.max(1, Math.abs(maxCost));
  const covered = new Uint8Array(cover.itemCount);
  const blocked = new Uint8Array(cover.candidateCount);
  const gain = new Float64Array(cover.candidateCount);
  const evaluatedRound = new Int32Array(cover.candidateCount);
  const keyOf = (j: number, value: number) => {
    if (!byRatio) return value;
    const cost = costOf(problem, j);
    // A free site comes before any paid one, and free sites rank by gain.
    return cost > 0 ? value / cost : value * 1e30;
  };
  const selected: number[] = [...start];
  let objective = 0;
  let spent = 0;
  let round = 0;
  const isChosen = new Uint8Array(cover.candidateCount);
  for (const j of start) {
    isChosen[j] = 1;
    spent += costOf(problem, j);
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
      const item = cover.candidateItems[k];
      if (!covered[item]) objective += cover.itemWeight[item];
      covered[item] = 1;
    }
    if (conflicts)
      for (let k = conflicts.starts[j]; k < conflicts.starts[j + 1]; k++) blocked[conflicts.neighbours[k]] = 1;
  }
  const heap = new CandidateHeap(cover.candidateCount);
  for (let j = 0; j < cover.candidateCount; j++) {
    if (isChosen[j] || blocked[j] || excluded?.[j]) continue;
    let value = 0;
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
      const item = cover.candidateItems[k];
      if (!covered[item]) value += cover.itemWeight[item];
    }
    gain[j] = value;
    if (value > 0) heap.push(j, keyOf(j, value));
  }
  while (selected.length < maxSites && heap.size > 0) {
    const j = heap.pop();
    if (blocked[j] || spent + costOf(problem, j) > maxCost + costSlack) continue;
    if (evaluatedRound[j] !== round) {
      let value = 0;
      for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
        const item = cover.candidateItems[k];
        if (!covered[item]) value += cover.itemWeight[item];
      }
      gain[j] = value;
      evaluatedRound[j] = round;
      if (value > 0) heap.push(j, keyOf(j, value));
      continue;
    }
    if (!(gain[j] > 0)) break;
    selected.push(j);
    objective += gain[j];
    spent += costOf(problem, j);
    round++;
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) covered[cover.candidateItems[k]] = 1;
    if (conflicts)
      for (let k = conflicts.starts[j]; k < conflicts.starts[j + 1]; k++) blocked[conflicts.neighbours[k]] = 1;
  }
  return { selected, objective, costUsd: spent };
}

function bestSingleSite(problem: CoverProblem): CoverSolution {
  const { cover } = problem;
  const maxCost = maxCostOf(problem);
  const costSlack = COST_TOLERANCE * Math.max(1, Math.abs(maxCost));
  let best: CoverSolution = { selected: [], objective: 0, costUsd: 0 };
  if (maxSitesOf(problem) < 1) return best;
  for (let j = 0; j < cover.candidateCount; j++) {
    if (costOf(problem, j) > maxCost + costSlack) continue;
    let value = 0;
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++)
      value += cover.itemWeight[cover.candidateItems[k]];
    if (value > best.objective) best = { selected: [j], objective: value, costUsd: costOf(problem, j) };
  }
  return best;
}

/** Binary max-heap of candidate indices by key; ties go to the lower index, so runs are deterministic. */
class CandidateHeap {
  private readonly ids: Int32Array;
  private readonly keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }

  push(id: number, key: number): void {
    let position = this.size++;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (!this.before(id, key, this.ids[parent], this.keys[parent])) break;
      this.ids[position] = this.ids[parent];
      this.keys[position] = this.keys[parent];
      position = parent;
    }
    this.ids[position] = id;
    this.keys[position] = key;
  }

  pop(): number {
    const top = this.ids[0];
    const lastId = this.ids[--this.size];
    const lastKey = this.keys[this.size];
    let position = 0;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= this.size) break;
      if (
        child + 1 < this.size &&
        this.before(this.ids[child + 1], this.keys[child + 1], this.ids[child], this.keys[child])
      ) {
        child++;
      }
      if (!this.before(this.ids[child], this.keys[child], lastId, lastKey)) break;
      this.ids[position] = this.ids[child];
      this.keys[position] = this.keys[child];
      position = child;
    }
    this.ids[position] = lastId;
    this.keys[position] = lastKey;
    return top;
  }

  private before(idA: number, keyA: number, idB: number, keyB: number): boolean {
    return keyA > keyB || (keyA === keyB && idA < idB);
  }
}
