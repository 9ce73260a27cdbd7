import { type CoverProblem, type CoverSolution, costOf, maxSitesOf } from './coverProblem';
import { evaluateCover } from './coverSets';

/**
 * Partition crossover of two plans under a site budget alone (Whitley's partition crossover, here on maximal covering):
 * the sites in one plan and not the other fall into groups linked by the items they share (two sites covering one
 * item the shared sites leave uncovered are in one group, through any chain of such items). With the shared sites
 * fixed, a group's worth depends only on which plan's sites it takes, never on another group's choice, since no such
 * item is covered from two groups. So each group takes the side worth more, within the site budget (a knapsack over the groups by their site
 * counts, exact by dynamic programming), and the child is worth at least as much as either plan, often more when each
 * plan has arranged some areas better. Returns the child (its value computed afresh) or, with a money budget or
 * conflicts (where the groups' choices are not independent of the budget's or the rules' other terms), the better plan.
 */
export function crossCoverPlans(problem: CoverProblem, a: CoverSolution, b: CoverSolution): CoverSolution {
  const better = b.objective > a.objective ? b : a;
  if (problem.budget.maxCostUsd !== undefined || problem.conflicts) return better;
  const { cover } = problem;
  const { candidateStarts, candidateItems, itemWeight, candidateCount, itemCount } = cover;
  const side = new Uint8Array(candidateCount); // bit 1: in a, bit 2: in b
  for (const j of a.selected) side[j] |= 1;
  for (const j of b.selected) side[j] |= 2;
  const common: number[] = [];
  const differing: number[] = [];
  for (const j of a.selected) (side[j] === 3 ? common : differing).push(j);
  for (const j of b.selected) if (side[j] === 2) differing.push(j);
  if (differing.length === 0) return better;

  // Groups by union-find over the differing sites, linked through the items they cover.
  const parent = new Int32Array(candidateCount);
  for (const j of differing) parent[j] = j;
  const root = (j: number): number => {
    let r = j;
    while (parent[r] !== r) r = parent[r];
    while (parent[j] !== r) {
      const up = parent[j];
      parent[j] = r;
      j = up;
    }
    return r;
  };
  // Items the shared sites cover are covered whatever the groups choose, so they link nothing (finer groups, more
  // freedom for the knapsack). Each side's worth is then the weight of the other items its sites cover.
  const covered = new Int32Array(itemCount); // 1: by a shared site; a stamp: counted for the side being priced
  for (const j of common)
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) covered[candidateItems[k]] = 1;
  const firstCoverer = new Int32Array(itemCount).fill(-1);
  for (const j of differing) {
    for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
      const item = candidateItems[k];
      if (covered[item] === 1) continue;
      const first = firstCoverer[item];
      if (first < 0) firstCoverer[item] = j;
      else {
        const ra = root(first);
        const rb = root(j);
        if (ra !== rb) parent[ra] = rb;
      }
    }
  }
  const groupOf = new Map<number, { a: number[]; b: number[] }>();
  for (const j of differing) {
    const r = root(j);
    let group = groupOf.get(r);
    if (!group) {
      group = { a: [], b: [] };
      groupOf.set(r, group);
    }
    (side[j] === 1 ? group.a : group.b).push(j);
  }
  const groups = [...groupOf.values()];

  let stamp = 1;
  const worth = (sites: readonly number[]): number => {
    stamp++;
    let total = 0;
    for (const j of sites) {
      for (let k = candidateStarts[j]; k < candidateStarts[j + 1]; k++) {
        const item = candidateItems[k];
        const mark = covered[item];
        if (mark === 1 || mark === stamp) continue;
        covered[item] = stamp;
        total += itemWeight[item];
      }
    }
    return total;
  };
  const options = groups.map((group) => [
    { sites: group.a, value: worth(group.a) },
    { sites: group.b, value: worth(group.b) },
  ]);

  // The knapsack: room for the sites the plans do not share, each group one side (never more than all the larger
  // sides together, so that no site budget costs an array of every candidate).
  let largest = 0;
  for (const group of groups) largest += Math.max(group.a.length, group.b.length);
  const room = Math.max(0, Math.min(maxSitesOf(problem) - common.length, largest));
  let bestAt = new Float64Array(room + 1).fill(Number.NEGATIVE_INFINITY);
  bestAt[0] = 0;
  const took: Uint8Array[] = [];
  for (const pair of options) {
    const next = new Float64Array(room + 1).fill(Number.NEGATIVE_INFINITY);
    const choice = new Uint8Array(room + 1);
    for (let used = 0; used <= room; used++) {
      const value = bestAt[used];
      if (value === Number.NEGATIVE_INFINITY) continue;
      for (let s = 0; s < 2; s++) {
        const after = used + pair[s].sites.length;
        if (after <= room && value + pair[s].value > next[after]) {
          next[after] = value + pair[s].value;
          choice[after] = s;
        }
      }
    }
    took.push(choice);
    bestAt = next;
  }
  let used = 0;
  for (let u = 1; u <= room; u++) if (bestAt[u] > bestAt[used]) used = u;
  if (bestAt[used] === Number.NEGATIVE_INFINITY) return better;
  const chosen: number[][] = [];
  for (let g = options.length - 1; g >= 0; g--) {
    const pick = options[g][took[g][used]];
    chosen.push(pick.sites);
    used -= pick.sites.length;
  }
  const selected = [...common, ...chosen.reverse().flat()];
  const objective = evaluateCover(cover, selected);
  let costUsd = 0;
  for (const j of selected) costUsd += costOf(problem, j);
  // Rounding in the sums may put the child a hair below a parent it equals: keep the parent then.
  return objective > better.objective ? { selected, objective, costUsd } : better;
}
