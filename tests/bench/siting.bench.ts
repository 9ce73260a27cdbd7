/**
 * Shared-site proposal (maximal covering), side by side in one run on seeded cases (sitingCases.ts: the real WorldPop
 * grid around Hà Nội, candidates drawn in proportion to population, about two candidates per demand cell):
 * - the peer: a plain, self-contained lazy greedy pipeline (plainLazyGreedy.ts: cover lists by haversine, lazy
 *   greedy), from the demand cells and candidate points to a plan;
 * - ours: the same job through the core (buildCoverSets, solveGreedy, then the default search searchCoverPlan: 1-swap
 *   descent, Lagrangian heuristic, ruin and recreate), with its certified bound;
 * - ours again with the peer's median time as the budget of the whole job (cover sets, greedy, search cut short);
 * - the previous default (greedy, 1-swap descent, 300 ruin-and-recreate rounds, then the bound's 1 s of subgradient
 *   steps), once, on the cover sets already built, for "same plans or better";
 * - the exact mode (proveCoverOptimum: reduction, then HiGHS warm-started from ours), capped at COSITE_BENCH_EXACT_S
 *   seconds (default 10): its status, time, nodes and bound; its plan is the reference "optimum" when proven.
 * Where the exact mode does not prove, bestKnownCoverPlan (a long run of our search, then multi-start ruin and
 * recreate) gives the best plan known, and the long search a tighter bound.
 * Peer and ours run alternately, ROUNDS times each, after a warm-up, since the 2 cores are shared; medians and their
 * ratio are printed.
 */
import highsLoader from 'highs';
import { boundMaximalCover } from '../../src/core/siting/boundMaximalCover';
import type { CoverProblem } from '../../src/core/siting/coverProblem';
import { buildCoverSets } from '../../src/core/siting/coverSets';
import { improveByRuinAndRecreate } from '../../src/core/siting/improveByRuinAndRecreate';
import { improveBySwaps } from '../../src/core/siting/improveBySwaps';
import { proveCoverOptimum } from '../../src/core/siting/proveCoverOptimum';
import { type CoverSearchResult, searchCoverPlan } from '../../src/core/siting/searchCoverPlan';
import { solveGreedy } from '../../src/core/siting/solveGreedy';
import { bestKnownCoverPlan, storedSitePlans, storeSitePlanIfBetter } from './bestKnownCoverPlan';
import { plainLazyGreedy } from './plainLazyGreedy';
import { buildSitingCase, loadSitingGrid, type SitingCase, type SitingCaseSize } from './sitingCases';

const SIZES: SitingCaseSize[] = [
  { candidates: 500, demandCells: 20_000, sites: 30 },
  { candidates: 1_500, demandCells: 100_000, sites: 120 },
  { candidates: 2_000, demandCells: 200_000, sites: 50 },
];
const ROUNDS = Number(process.env.COSITE_BENCH_ROUNDS ?? 5);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percent = (value: number) => `${(value * 100).toFixed(3)}%`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function runPeer(c: SitingCase) {
  return plainLazyGreedy({
    ...c.grid,
    cellIndex: c.cellIndex,
    weight: c.demandWeight,
    candidateLon: c.candidateLon,
    candidateLat: c.candidateLat,
    radiusM: c.radiusM,
    sites: c.size.sites,
  });
}

async function runOurs(
  c: SitingCase,
  timeBudgetMs?: number,
): Promise<{ plan: CoverSearchResult; greedyMs: number; searchMs: number }> {
  const coverStarted = performance.now();
  const cover = await buildCoverSets({
    grid: c.grid,
    demand: { count: c.cellIndex.length, cellIndex: c.cellIndex, weight: c.demandWeight },
    candidateCount: c.size.candidates,
    candidateLon: c.candidateLon,
    candidateLat: c.candidateLat,
    radiusM: c.radiusM,
  });
  const problem = { cover, budget: { maxSites: c.size.sites } };
  const started = performance.now();
  const greedy = solveGreedy(problem);
  const greedyMs = performance.now() - started;
  // With a budget for the whole job, the search gets what the cover sets and the greedy left of it.
  const left = timeBudgetMs === undefined ? undefined : Math.max(0, timeBudgetMs - (performance.now() - coverStarted));
  const plan = await searchCoverPlan(problem, greedy, { timeBudgetMs: left });
  return { plan, greedyMs, searchMs: performance.now() - started - greedyMs };
}

/** The default search before the Lagrangian heuristic, as planSharedSites ran it (cover sets given). */
async function runPrevious(problem: CoverProblem) {
  const started = performance.now();
  const greedy = solveGreedy(problem);
  const swapped = await improveBySwaps(problem, greedy.selected);
  const searched = await improveByRuinAndRecreate(problem, swapped, { timeLimitMs: 700 });
  const bound = await boundMaximalCover(problem, {
    prefixOrders: [...greedy.runs, searched.selected],
    lowerBound: searched.objective,
  });
  return { objective: searched.objective, upperBound: bound.upperBound, ms: performance.now() - started };
}

export async function run(): Promise<void> {
  const { grid, source } = await loadSitingGrid();
  const exactSeconds = Number(process.env.COSITE_BENCH_EXACT_S ?? 10);
  const highs = await highsLoader();
  console.log(`Maximal covering (shared site proposal); demand: ${source}`);
  console.log(
    `Peer and ours alternate, ${ROUNDS} rounds each after a warm-up; medians. Exact mode capped at ${exactSeconds} s ` +
      '(mip_rel_gap 1e-6), warm-started from ours; "opt" is its plan when proven, else the best plan known.',
  );
  // Warm-up: both pipelines once on the smallest case, so the first timed case is not the JIT's.
  const warm = await buildSitingCase(grid, SIZES[0]);
  runPeer(warm);
  await runOurs(warm);

  const rows: string[][] = [
    [
      'candidates x cells, P',
      'plain lazy greedy (peer)',
      'ours: cover + greedy + search',
      'time ratio ours/peer',
      'peer % of opt',
      'ours % of opt',
      'ours certified gap',
      "ours in the peer's time: time, % of opt",
      'previous default: search + bound, % of opt, gap',
      'exact: status, time, nodes',
      'exact bound over opt',
    ],
  ];
  for (const size of SIZES) {
    const c = await buildSitingCase(grid, size);
    const peerMs: number[] = [];
    const oursMs: number[] = [];
    const greedyMs: number[] = [];
    const searchMs: number[] = [];
    let peer = runPeer(c);
    let ours = await runOurs(c);
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      peer = runPeer(c);
      peerMs.push(performance.now() - started);
      started = performance.now();
      ours = await runOurs(c);
      oursMs.push(performance.now() - started);
      greedyMs.push(ours.greedyMs);
      searchMs.push(ours.searchMs);
    }
    const plan = ours.plan;
    const previous = await runPrevious(c.problem);
    const budgetStarted = performance.now();
    const budgeted = await runOurs(c, median(peerMs));
    const budgetedMs = performance.now() - budgetStarted;
    const exact = await proveCoverOptimum(c.problem, {
      highs,
      incumbent: plan,
      candidateValue: plan.candidateValue,
      multiplierBound: plan.multiplierBound,
      timeLimitSeconds: exactSeconds,
      relativeGap: 1e-6,
    });
    const proven = exact.status === 'optimal';
    // When HiGHS cannot prove, the best plan known (a long search, then multi-start ruin and recreate:
    // bestKnownCoverPlan) and the long search's bound, so "% of opt" is not measured against ours alone.
    const key = `${size.candidates} x ${size.demandCells}, P ${size.sites} (siting)`;
    const reference = proven ? null : await bestKnownCoverPlan(c.problem, storedSitePlans(key));
    if (reference) storeSitePlanIfBetter(key, reference);
    const best = Math.max(exact.objective, plan.objective, reference?.objective ?? 0);
    const certified = Math.min(exact.upperBound, reference?.upperBound ?? Number.POSITIVE_INFINITY);
    const versus = (value: number) =>
      proven ? percent(value / best) : `${percent(value / best)} of best known, >= ${percent(value / certified)}`;
    const peerMedian = median(peerMs);
    const oursMedian = median(oursMs);
    rows.push([
      `${size.candidates} x ${c.cellIndex.length}, P ${size.sites}`,
      ms(peerMedian),
      `${ms(oursMedian)} (greedy ${ms(median(greedyMs))}, search ${ms(median(searchMs))})`,
      `${(oursMedian / peerMedian).toFixed(1)}x`,
      versus(peer.objective),
      versus(plan.objective),
      percent(plan.upperBound / plan.objective - 1),
      `${ms(budgetedMs)}, ${versus(budgeted.plan.objective).split(' ')[0]}`,
      `${ms(previous.ms)}, ${versus(previous.objective).split(' ')[0]}, ${percent(previous.upperBound / previous.objective - 1)}`,
      `${proven ? 'optimal' : exact.status}, ${exact.seconds.toFixed(1)} s, ${exact.nodes} nodes`,
      proven ? '0' : `+${percent(exact.upperBound / best - 1)} (long search's: +${percent(certified / best - 1)})`,
    ]);
    console.log(
      `  ${size.candidates} x ${c.cellIndex.length}: radius ${c.radiusM.toFixed(0)} m; ` +
        `${c.problem.cover.candidateItems.length} non-zeros, ${c.problem.cover.itemCount} merged items from ` +
        `${c.problem.cover.reachableDemandCount} reachable cells; peer ${peer.objective.toFixed(0)}, ours ` +
        `${plan.objective.toFixed(0)} (found by ${plan.foundBy}, ${plan.lagrangianIterations} subgradient iterations), ` +
        `exact ${exact.objective.toFixed(0)} <= ${exact.upperBound.toFixed(0)}; ` +
        (reference
          ? `best known ${reference.objective.toFixed(0)} (${reference.foundBy}), long search's bound ` +
            `${reference.upperBound.toFixed(0)}; `
          : '') +
        'reduction left ' +
        `${exact.reduction.candidates} candidates (${exact.reduction.dominated} dominated, ${exact.reduction.fixedOut} ` +
        `fixed out, ${exact.reduction.fixedIn} fixed in) and ${exact.reduction.items} items in ` +
        `${ms(exact.reduction.milliseconds)}; HiGHS model ${exact.columns} columns x ${exact.rows} rows; ` +
        `times peer ${peerMs.map((t) => t.toFixed(0)).join('/')} ms, ours ${oursMs.map((t) => t.toFixed(0)).join('/')} ms`,
    );
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join(' | '));
}
