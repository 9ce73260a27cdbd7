import { classifyUrbanRural, type DensityThresholds, type ZoneLayer } from '../colocation/classifyUrbanRural';
import { SHARING_COSTS_USD, type SharingCosts } from '../colocation/sharingCosts';
import { computeSpareCapacity, DEFAULT_TENANT_SLOTS, type TenantSlotRule } from '../colocation/spareCapacity';
import { computeFixedRadiusCoverage } from '../coverage/computeFixedRadiusCoverage';
import { haversineDistanceM } from '../geo/haversineDistanceM';
import { indexPointsInCells } from '../geo/indexPointsInCells';
import { countTenantBits, type MastAttributes, mastTypeFromCode } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';
import type { MastType } from '../model/tower';
import type { TowerArrays } from '../model/towerArrays';
import type { WordedMessage } from '../model/wordedMessage';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { CancelledError } from '../util/cooperativeLoop';
import { boundMaximalCover } from './boundMaximalCover';
import { buildDemand, type Demand, type DemandWeighting } from './buildDemand';
import { type SiteCost, siteCost } from './candidateCosts';
import { type CoverProblem, conflictGraphFromPairs } from './coverProblem';
import { buildCoverSets, type CoverSets, mergeCoverSets } from './coverSets';
import { existingSignalCoverageBits } from './existingSignalCoverageBits';
import { explainSites, type SiteExplanation } from './explainSite';
import { generateCandidates, type LatticeOptions } from './generateCandidates';
import { predictCandidateCover, type SignalSitePrediction } from './predictCandidateCover';
import { proveCoverOptimum } from './proveCoverOptimum';
import { type CoverSearchResult, searchCoverPlan } from './searchCoverPlan';
import type { SiteCandidate, UserSite } from './siteCandidate';
import { type SiteReachCells, siteReachCells } from './siteReachCells';
import { checkSiteRules, type SiteRules } from './siteRules';
import type { ExactOptions } from './solveExactHighs';
import { solveGreedy } from './solveGreedy';

export type SitingSolver = 'greedy' | 'greedy_swap' | 'exact';

/**
 * What a site and an existing mast cover: a fixed radius (the default: siteRadiusM, the masts' radius_m else
 * defaultRadiusM), or the predicted signal of the coverage map (the request's grid is then the prediction's analysis
 * grid with the population resampled onto it: signalSitePlanInputs; siteRadiusM only spaces the lattice).
 */
export type SitePlanCoverage = { kind: 'radius' } | { kind: 'signal'; prediction: SignalSitePrediction };

/**
 * What planSharedSites may keep between calls that share the grid, the existing coverage and the mask (a caller that
 * plans again on the same prediction, after moving a site, passes the same object): the demand and its per-cell index,
 * for the operators and weighting they were built for. Empty at first (`{}`); planSharedSites fills it.
 */
export interface PlanSharedSitesReuse {
  demand?: {
    grid: PopulationGrid;
    coveredBits: Uint8Array;
    mask: Uint8Array | undefined;
    operatorBits: number;
    weighting: DemandWeighting;
    demand: Demand;
    /** Demand index of each grid cell (-1 for none) and 1 on demand cells (built on first use). */
    cells?: DemandCells;
  };
}

export interface PlanSharedSitesRequest {
  grid: PopulationGrid;
  /** Cells that count (centre inside the province, commune or drawn area); all when absent. */
  mask?: Uint8Array;
  towers: TowerArrays;
  /** Class and height per mast (spacing rule, tenant slots); unknown for all when absent. */
  masts?: MastAttributes;
  /**
   * Existing coverage per cell for the technology planned (computeFixedRadiusCoverage over the whole grid, or
   * signalCoverageBits of the prediction). Computed here when absent: from the towers' radius_m and defaultRadiusM, or
   * with signal coverage from the prediction's radios.
   */
  coveredBits?: Uint8Array;
  /** Kept between calls on the same grid, existing coverage and mask (see PlanSharedSitesReuse). */
  reuse?: PlanSharedSitesReuse;
  /** Reach of towers without radius_m when coveredBits is computed here, metres. */
  defaultRadiusM: number;
  /** Operators the shared sites are for (canonical names); all operators of the tower arrays when absent. */
  operators?: string[];
  weighting?: DemandWeighting;
  /** Reach of a proposed site, metres (with signal coverage: the lattice's reach only, which points are kept). */
  siteRadiusM: number;
  /** Fixed radius (default) or the predicted signal. */
  coverage?: SitePlanCoverage;
  candidates: {
    lattice?: LatticeOptions;
    /** Offer existing masts with room for the chosen operators. */
    existingMasts?: boolean;
    userSites?: readonly UserSite[];
  };
  /** Class and height of a new mast (default A2b, 35 m). */
  newMast?: { mastType: MastType; heightM: number | null };
  rules?: SiteRules;
  /** Fibre price overriding pytal's per-zone prices, USD per metre. */
  fibreUsdPerM?: number;
  /** Urban / suburban / rural from a zone layer, else from population density. */
  zoneLayer?: ZoneLayer;
  densityThresholds?: DensityThresholds;
  /** At most this many sites and/or this much up-front cost (capex, fibre included) of the chosen sites, USD. */
  budget: { maxSites?: number; maxCostUsd?: number };
  solver?: SitingSolver;
  exact?: Omit<ExactOptions, 'warmStart'>;
  costs?: SharingCosts;
  slotTable?: readonly TenantSlotRule[];
  technology?: '4g' | '5g';
  /**
   * Evaluate exactly these sites, in this order, instead of searching (e.g. after the planner moved one): no lattice,
   * no existing masts, no solver and no bound. Every site is kept; a rule it breaks is listed in
   * `candidates.rejected` with its reason (and in its spacing check), not used to drop it.
   */
  fixedSites?: readonly UserSite[];
  /**
   * Time for the subgradient steps, milliseconds: the Lagrangian heuristic of greedy_swap and exact (default 3,000, a
   * safety limit: 600 iterations, a plan made every 10, decide in normal runs), or the bound of the plain greedy
   * (default 1,000).
   */
  boundTimeLimitMs?: number;
  /** Time for the 1-swap descent from the greedy solution, milliseconds (default 2,000). */
  swapTimeLimitMs?: number;
  /**
   * Ruin-and-recreate rounds after the Lagrangian heuristic (solver greedy_swap and exact): rounds at most (default
   * 300), time limit (default 700 ms; when it binds the result depends on the machine's speed), seed (default 1), and
   * a wall-clock budget for the whole search after the greedy (none by default; searchCoverPlan's timeBudgetMs).
   */
  search?: { maxRounds?: number; timeLimitMs?: number; seed?: number; timeBudgetMs?: number };
}

export interface PlanSharedSitesResult {
  /** The proposed sites, most valuable first, each explaining itself. */
  sites: SiteExplanation[];
  /** People newly covered by the plan (each cell once). */
  populationNewlyCovered: number;
  /** The optimised value: equals populationNewlyCovered with the `people` weighting. */
  objective: number;
  /** No plan within the budget and rules can reach more than this (in the objective's units). */
  upperBound: number;
  /** 100 x (upperBound - objective) / upperBound: the certified distance to the best possible (NaN for fixed sites). */
  gapPercent: number;
  /** True when the exact solver proved optimality (within its relative gap). */
  proven: boolean;
  /**
   * greedy: lazy greedy only; greedy+swap: then a 1-swap descent, the Lagrangian heuristic (plans from the multipliers,
   * each descended) and ruin-and-recreate rounds (searchCoverPlan); exact: then HiGHS on the reduced problem from that
   * solution (proveCoverOptimum).
   */
  method: 'greedy' | 'greedy+swap' | 'exact' | 'fixed';
  /** Which bound is quoted: HiGHS's MIP bound, or the heuristic's own valid bound; none for fixed sites. */
  boundSource: 'highs' | 'lagrangian' | 'greedy_prefix' | 'total_weight' | 'none';
  exactStatus?: 'optimal' | 'time_limit' | 'interrupted' | 'other';
  /**
   * The exact mode's work: HiGHS's branch-and-bound nodes, seconds (reduction included), and the reduced model it was
   * given (candidates and merged items left; candidates fixed in, fixed out by reduced cost, dropped as dominated).
   */
  exactStats?: {
    nodes: number;
    seconds: number;
    candidates: number;
    items: number;
    fixedIn: number;
    fixedOut: number;
    dominated: number;
  };
  totalCapexUsd: number;
  totalNetPresentUsd: number;
  demand: {
    cells: number;
    population: number;
    weight: number;
    /** Weight of demand no accepted candidate reaches. */
    unreachableWeight: number;
    /** Items after merging cells with identical candidate sets. */
    mergedItems: number;
  };
  candidates: {
    generated: number;
    accepted: number;
    /** Candidates the rules refused (fixed sites: the rules they break), with a code and values for the UI. */
    rejected: ({ id: string } & WordedMessage)[];
    latticeSpacingM: number | null;
    conflictPairs: number;
  };
  timingsMs: Record<string, number>;
  /**
   * On predicted signal only: the demand cells the sites reach, each credited to the first site reaching it (the map
   * draws these instead of circles of the lattice radius, which do not say where a prediction reaches).
   */
  reach?: SiteReachCells;
}

/**
 * Shared site proposal as a maximal covering problem with rules: demand from the coverage gaps of the chosen
 * operators, candidates over the gaps, on existing masts with room and from the user's list, filtered by the rules;
 * lazy greedy, then the search (swaps, Lagrangian heuristic, ruin and recreate), then (optionally) HiGHS on the reduced
 * problem; always with a valid upper bound on the best possible.
 */
export async function planSharedSites(
  request: PlanSharedSitesRequest,
  options: LongCallOptions = {},
): Promise<PlanSharedSitesResult> {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - clock;
    clock = now;
    if (options.signal?.aborted) throw new CancelledError();
  };
  const progress = (from: number, to: number): LongCallOptions => ({
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(from + (to - from) * fraction),
  });
  const { grid, towers } = request;
  const costs = request.costs ?? SHARING_COSTS_USD;
  const technology = request.technology ?? '5g';
  const newMast = request.newMast ?? { mastType: 'A2b', heightM: 35 };
  const masts: MastAttributes = request.masts ?? {
    count: towers.count,
    mastTypeCode: new Uint8Array(towers.count),
    heightM: new Float64Array(towers.count).fill(Number.NaN),
  };
  const operatorNames = towers.operatorNames;
  const chosen = request.operators ?? operatorNames;
  let operatorBits = 0;
  for (const name of chosen) {
    const k = operatorNames.indexOf(name);
    if (k >= 0) operatorBits |= 1 << k;
  }

  const signal = request.coverage?.kind === 'signal' ? request.coverage.prediction : null;
  if (signal) {
    const predicted = signal.prepared.request.grid;
    if (predicted.width !== grid.width || predicted.height !== grid.height) {
      throw new RangeError(
        `the plan's grid is ${grid.width} x ${grid.height} cells, the prediction's ${predicted.width} x ${predicted.height}`,
      );
    }
    if (signal.prepared.operatorNames.join('|') !== operatorNames.join('|')) {
      throw new RangeError('the prediction was prepared from other tower arrays (its operators differ)');
    }
    // On predicted signal a site serves only the operators with a band in the technology (no 5G for Vietnamobile):
    // the others neither gain people nor join a site.
    signal.prepared.radioByOperator.forEach((radio, k) => {
      if (!radio) operatorBits &= ~(1 << k);
    });
  }
  const coveredBits =
    request.coveredBits ??
    (signal
      ? await existingSignalCoverageBits(signal, progress(0, 0.15))
      : await computeFixedRadiusCoverage(
          { grid, towers, defaultRadiusM: request.defaultRadiusM, rowStart: 0, rowEnd: grid.height },
          progress(0, 0.15),
        ));
  lap('coverage');
  const weighting = request.weighting ?? 'people';
  const kept = request.reuse?.demand;
  const keptDemand =
    kept &&
    kept.grid === grid &&
    kept.coveredBits === coveredBits &&
    kept.mask === request.mask &&
    kept.operatorBits === operatorBits &&
    kept.weighting === weighting
      ? kept
      : undefined;
  const demand = keptDemand?.demand ?? buildDemand({ grid, coveredBits, operatorBits, mask: request.mask, weighting });
  if (request.reuse && !keptDemand) {
    request.reuse.demand = { grid, coveredBits, mask: request.mask, operatorBits, weighting, demand };
  }
  lap('demand');

  const fixed = request.fixedSites;
  const generated = generateCandidates({
    grid,
    demand,
    siteRadiusM: request.siteRadiusM,
    lattice: fixed ? undefined : request.candidates.lattice,
    existingMasts:
      !fixed && request.candidates.existingMasts
        ? {
            towers,
            masts,
            spareSlots: computeSpareCapacity(towers, masts, request.slotTable ?? DEFAULT_TENANT_SLOTS).spare,
            operatorBits,
          }
        : undefined,
    userSites: fixed ?? request.candidates.userSites,
    newMast,
  });
  // A fixed site left on an existing mast (its id, within a metre) stays that mast: the operators join it, nothing is
  // built, and the spacing rule does not measure it against itself.
  const all = fixed
    ? generated.candidates.map((candidate) => onExistingMast(candidate, towers, masts))
    : generated.candidates;
  const allZones = classifyUrbanRural({
    count: all.length,
    lon: all.map((c) => c.lon),
    lat: all.map((c) => c.lat),
    grid,
    zoneLayer: request.zoneLayer,
    thresholds: request.densityThresholds,
  });
  const rules = request.rules ?? {};
  const check = checkSiteRules({ candidates: all, zones: allZones, masts: { ...towers }, rules });
  lap('candidates');

  // Keep the accepted candidates, renumbered.
  const keptIndex: number[] = [];
  const rejected: ({ id: string } & WordedMessage)[] = [];
  all.forEach((candidate, c) => {
    // Fixed sites stay whatever they break: the planner placed them, the reason is reported.
    if (check.accepted[c] || fixed) keptIndex.push(c);
    if (!check.accepted[c]) rejected.push({ id: candidate.id, ...(check.wordedReasons[c] ?? { reason: 'rejected' }) });
  });
  const candidates: SiteCandidate[] = keptIndex.map((c) => all[c]);
  const zones = Uint8Array.from(keptIndex, (c) => allZones[c]);
  const backboneDistanceM = Float64Array.from(keptIndex, (c) => check.backboneDistanceM[c]);
  const requiredSpacingM = Float64Array.from(keptIndex, (c) => check.requiredSpacingM[c]);
  const renumber = new Int32Array(all.length).fill(-1);
  keptIndex.forEach((c, k) => {
    renumber[c] = k;
  });
  const conflictPairs = check.conflicts.map(([a, b]) => [renumber[a], renumber[b]] as [number, number]);

  const costOptions = { costs, technology, fibreUsdPerMOverride: request.fibreUsdPerM };
  const siteCosts: SiteCost[] = candidates.map((candidate, k) => {
    const t = candidate.towerIndex;
    const tenantsBefore = t >= 0 ? countTenantBits(towers.tenantBits[t]) : 0;
    const joining = t >= 0 ? countTenantBits(operatorBits & ~towers.tenantBits[t]) : countTenantBits(operatorBits);
    return siteCost(candidate, zones[k], backboneDistanceM[k], joining, tenantsBefore, costOptions);
  });
  const newBuildCosts: SiteCost[] = candidates.map((candidate, k) =>
    siteCost({ ...candidate, kind: 'user', towerIndex: -1 }, zones[k], backboneDistanceM[k], 1, 0, costOptions),
  );

  const cover: CoverSets = signal
    ? await predictedCoverSets(
        signal,
        candidates,
        demand,
        demandCellsFor(request.reuse, demand, grid),
        operatorBits,
        progress(0.15, 0.35),
      )
    : await buildCoverSets(
        {
          grid,
          demand,
          candidateCount: candidates.length,
          candidateLon: candidates.map((c) => c.lon),
          candidateLat: candidates.map((c) => c.lat),
          radiusM: request.siteRadiusM,
        },
        progress(0.15, 0.35),
      );
  lap('coverSets');

  const problem: CoverProblem = {
    cover,
    budget: request.budget,
    costUsd: request.budget.maxCostUsd === undefined ? undefined : Float64Array.from(siteCosts, (c) => c.capexUsd),
    conflicts: conflictPairs.length > 0 ? conflictGraphFromPairs(candidates.length, conflictPairs) : undefined,
  };
  const solver = request.solver ?? 'greedy_swap';
  if (fixed) {
    return finishPlan(
      candidates.map((_, c) => c),
      Number.NaN,
      'none',
      false,
      undefined,
      'fixed',
    );
  }
  const greedy = solveGreedy(problem);
  lap('greedy');
  let solution: { selected: number[]; objective: number } = greedy;
  let searchBound = Number.POSITIVE_INFINITY;
  let searched: CoverSearchResult | null = null;
  if (solver !== 'greedy') {
    searched = await searchCoverPlan(problem, greedy, {
      ...progress(0.35, 0.55),
      swapTimeLimitMs: request.swapTimeLimitMs,
      lagrangianTimeLimitMs: request.boundTimeLimitMs,
      search: {
        maxRounds: request.search?.maxRounds,
        timeLimitMs: request.search?.timeLimitMs ?? 700,
        seed: request.search?.seed,
      },
      timeBudgetMs: request.search?.timeBudgetMs,
    });
    if (searched.objective > solution.objective) solution = searched;
    searchBound = searched.upperBound;
    timings.swaps = searched.timingsMs.swaps;
    timings.lagrangian = searched.timingsMs.lagrangian;
    lap('search');
    timings.search -= searched.timingsMs.swaps + searched.timingsMs.lagrangian;
  }
  // The prefixes' bound always: of the greedy runs and the plan, or only of the plan after a search of 100 or more
  // subgradient steps (whose bound was far below the greedy prefixes' on every case measured); the subgradient here
  // only for the plain greedy.
  const bound = await boundMaximalCover(problem, {
    ...progress(0.55, 0.6),
    prefixOrders:
      searched && searched.lagrangianIterations >= 100 ? [solution.selected] : [...greedy.runs, solution.selected],
    lowerBound: solution.objective,
    timeLimitMs: request.boundTimeLimitMs,
    maxIterations: searched ? 0 : undefined,
  });
  lap('bound');
  let upperBound = bound.upperBound;
  let boundSource: PlanSharedSitesResult['boundSource'] = bound.source;
  if (searchBound < upperBound) {
    upperBound = searchBound;
    boundSource = 'lagrangian';
  }
  let proven = false;
  let exactStatus: PlanSharedSitesResult['exactStatus'];
  let exactStats: PlanSharedSitesResult['exactStats'];
  if (solver === 'exact') {
    const exact = await proveCoverOptimum(problem, {
      ...request.exact,
      incumbent: { ...solution, costUsd: 0 },
      candidateValue: searched?.candidateValue,
      multiplierBound: searched?.multiplierBound,
    });
    exactStatus = exact.status;
    if (exact.objective >= solution.objective) solution = exact;
    if (exact.upperBound < upperBound) {
      upperBound = exact.upperBound;
      boundSource = 'highs';
    }
    proven = exact.status === 'optimal';
    exactStats = {
      nodes: exact.nodes,
      seconds: exact.seconds,
      candidates: exact.reduction.candidates,
      items: exact.reduction.items,
      fixedIn: exact.reduction.fixedIn,
      fixedOut: exact.reduction.fixedOut,
      dominated: exact.reduction.dominated,
    };
    lap('exact');
  }
  return finishPlan(
    orderByMarginalGain(cover, solution.selected),
    upperBound,
    boundSource,
    proven,
    exactStatus,
    solver === 'greedy' ? 'greedy' : solver === 'exact' ? 'exact' : 'greedy+swap',
    exactStats,
  );

  /** Explanations and totals of the sites chosen (`ordered`, most valuable first or as the planner fixed them). */
  function finishPlan(
    ordered: number[],
    bestBound: number,
    boundSource: PlanSharedSitesResult['boundSource'],
    proven: boolean,
    exactStatus: PlanSharedSitesResult['exactStatus'],
    method: PlanSharedSitesResult['method'],
    exactStats?: PlanSharedSitesResult['exactStats'],
  ): PlanSharedSitesResult {
    options.onProgress?.(0.95);

    const sites = explainSites({
      selected: ordered,
      candidates,
      zones,
      cover,
      demand,
      operatorNames,
      costs: siteCosts,
      newBuildCosts,
      backboneDistanceM,
      requiredSpacingM,
      spacingApplies: rules.spacing !== undefined,
      masts: indexPointsInCells(towers.count, towers.lon, towers.lat),
      mastIds: towers.ids,
      mastLon: towers.lon,
      mastLat: towers.lat,
      mastTenantBits: towers.tenantBits,
      operatorBits,
    });
    // Totals summed cell by cell in grid order (independent of the merge), and the bound never below them.
    const coveredDemand = new Uint8Array(demand.count);
    for (const c of ordered) {
      for (let k = cover.candidateStarts[c]; k < cover.candidateStarts[c + 1]; k++) {
        const item = cover.candidateItems[k];
        for (let m = cover.itemDemandStarts[item]; m < cover.itemDemandStarts[item + 1]; m++)
          coveredDemand[cover.itemDemand[m]] = 1;
      }
    }
    let populationNewlyCovered = 0;
    let objective = 0;
    for (let d = 0; d < demand.count; d++) {
      if (!coveredDemand[d]) continue;
      populationNewlyCovered += demand.population[d];
      objective += demand.weight[d];
    }
    const upperBound = method === 'fixed' ? Number.NaN : Math.max(bestBound, objective);
    lap('explain');
    options.onProgress?.(1);
    return {
      sites,
      populationNewlyCovered,
      objective,
      upperBound,
      gapPercent: method === 'fixed' ? Number.NaN : upperBound > 0 ? (100 * (upperBound - objective)) / upperBound : 0,
      proven,
      method,
      boundSource,
      ...(exactStatus === undefined ? {} : { exactStatus }),
      ...(exactStats === undefined ? {} : { exactStats }),
      ...(signal ? { reach: siteReachCells(ordered, cover, demand, grid) } : {}),
      totalCapexUsd: sites.reduce((sum, site) => sum + site.cost.capexUsd, 0),
      totalNetPresentUsd: sites.reduce((sum, site) => sum + site.cost.netPresentUsd, 0),
      demand: {
        cells: demand.count,
        population: demand.totalPopulation,
        weight: demand.totalWeight,
        unreachableWeight: cover.unreachableWeight,
        mergedItems: cover.itemCount,
      },
      candidates: {
        generated: all.length,
        accepted: all.length - rejected.length,
        rejected,
        latticeSpacingM: generated.latticeSpacingM,
        conflictPairs: conflictPairs.length,
      },
      timingsMs: timings,
    };
  }
}

/** Cover sets from the prediction: the demand cells each candidate's radios reach at the threshold (worst band). */
async function predictedCoverSets(
  prediction: SignalSitePrediction,
  candidates: readonly SiteCandidate[],
  demand: Demand,
  { demandOfCell, demandMask }: DemandCells,
  operatorBits: number,
  options: LongCallOptions,
): Promise<CoverSets> {
  // Only demand cells are computed (demandMask): the others cannot add to the plan.
  const predicted = await predictCandidateCover(
    {
      prediction,
      candidates: {
        count: candidates.length,
        lon: candidates.map((c) => c.lon),
        lat: candidates.map((c) => c.lat),
        heightM: candidates.map((c) => c.heightM ?? Number.NaN),
      },
      operatorBits,
      cellMask: demandMask,
    },
    options,
  );
  // Cells ascend within a candidate, and demand is in cell order: the demand indices ascend too.
  const demandIndices = Uint32Array.from(predicted.cells, (cell) => demandOfCell[cell]);
  return mergeCoverSets(demand.weight, predicted.starts, demandIndices);
}

interface DemandCells {
  demandOfCell: Int32Array;
  demandMask: Uint8Array;
}

/** Demand index of each grid cell (-1: none) and the demand cells' mask, kept in `reuse` with the demand they index. */
function demandCellsFor(reuse: PlanSharedSitesReuse | undefined, demand: Demand, grid: PopulationGrid): DemandCells {
  const kept = reuse?.demand?.demand === demand ? reuse.demand : undefined;
  if (kept?.cells) return kept.cells;
  const demandOfCell = new Int32Array(grid.width * grid.height).fill(-1);
  const demandMask = new Uint8Array(grid.width * grid.height);
  for (let d = 0; d < demand.count; d++) {
    demandOfCell[demand.cellIndex[d]] = d;
    demandMask[demand.cellIndex[d]] = 1;
  }
  const cells = { demandOfCell, demandMask };
  if (kept) kept.cells = cells;
  return cells;
}

/** The existing mast a fixed site stands on (same id, within 1 m), as an existing-mast candidate; else the site. */
function onExistingMast(candidate: SiteCandidate, towers: TowerArrays, masts: MastAttributes): SiteCandidate {
  const t = towers.ids.indexOf(candidate.id);
  if (t < 0 || haversineDistanceM(candidate.lon, candidate.lat, towers.lon[t], towers.lat[t]) > 1) return candidate;
  return {
    ...candidate,
    kind: 'existing_mast',
    towerIndex: t,
    mastType: mastTypeFromCode(masts.mastTypeCode[t]) ?? candidate.mastType,
    heightM: Number.isNaN(masts.heightM[t]) ? candidate.heightM : masts.heightM[t],
  };
}

/** The chosen sites reordered most valuable first: each next one adds the most given those before it. */
export function orderByMarginalGain(cover: CoverSets, selected: readonly number[]): number[] {
  const covered = new Uint8Array(cover.itemCount);
  const remaining = [...selected];
  const ordered: number[] = [];
  while (remaining.length > 0) {
    let bestAt = 0;
    let bestGain = -1;
    remaining.forEach((c, at) => {
      let gain = 0;
      for (let k = cover.candidateStarts[c]; k < cover.candidateStarts[c + 1]; k++) {
        const item = cover.candidateItems[k];
        if (!covered[item]) gain += cover.itemWeight[item];
      }
      if (gain > bestGain || (gain === bestGain && c < remaining[bestAt])) {
        bestGain = gain;
        bestAt = at;
      }
    });
    const [c] = remaining.splice(bestAt, 1);
    ordered.push(c);
    for (let k = cover.candidateStarts[c]; k < cover.candidateStarts[c + 1]; k++) covered[cover.candidateItems[k]] = 1;
  }
  return ordered;
}
