import { DEFAULT_RECEIVER } from '../../core/coverage/linkBudget';
import { DEFAULT_CALCULATION_RADIUS_M, prepareSignalRun } from '../../core/coverage/prepareSignalRun';
import { maskCellCentresInPolygons } from '../../core/geo/maskCellCentresInPolygons';
import { CandidateFileError } from '../../core/io/candidateFileError';
import { decodeTextFile } from '../../core/io/decodeTextFile';
import { parseCandidatesCsv } from '../../core/io/parseCandidatesCsv';
import { resolveOperatorName } from '../../core/io/resolveOperatorName';
import { packMastAttributes } from '../../core/model/mastAttributes';
import type { PopulationGrid } from '../../core/model/populationGrid';
import { PATH_LOSS_MODEL_IDS } from '../../core/propagation/pathLossModels';
import { planSharedSites, type SitePlanCoverage } from '../../core/siting/planSharedSites';
import { signalSitePlanInputs } from '../../core/siting/signalSitePlanInputs';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { loadTerrain } from '../loadTerrain';
import { readInputFile } from '../readInputFile';
import { LINK_BUDGET_FLAGS } from '../readLinkBudgetFlags';
import { readNumberFlag, requireCountFlag, requireNumberFlag } from '../readNumberFlag';
import { PLAN_DEFAULT_SITE_HEIGHT_M, readPlanSignalFlags } from '../readPlanSignalFlags';
import { readChoiceFlag, readStringFlag, requireStringFlag } from '../readStringFlag';
import { loadProposeBoundary, loadProposeRaster, readProposeTowers } from './proposeInputs';

export const proposeCommand: CliCommand = {
  name: 'propose',
  summary: 'choose at most P candidate sites covering the most people no existing tower covers (maximal covering)',
  usage: [
    'cosite propose --towers FILE --population FILE.tif --candidates FILE.csv --radius-m R --sites P',
    '               [--budget-usd B] [--boundary FILE.geojson] [--operators NAME,...]',
    '               [--weighting people|people-x-operators] [--exact] [--time-limit-s S] [--json]',
    `cosite propose --towers FILE --population FILE.tif --candidates FILE.csv --sites P --model ${PATH_LOSS_MODEL_IDS.join('|')}`,
    '               [--technology 5g|4g] [--grid-m 100] [--threshold-dbm -110] [--assume-5g] [--site-height-m 35]',
    '               [--frequency-mhz F] [--shadowing-margin-db 8.3] [--eirp-dbm OPERATOR=DBM,...] [--indoor',
    '                [--indoor-loss-db 20]] [--metropolitan]',
    '               [--terrain FILE[,FILE...] [--k-factor 4/3] [--diffraction-weight 1] [--terrain-mode sweep|exact]',
    '                [--calculation-radius-m 10000] [--profile-points-per-step 1]]',
    '               [--budget-usd B] [--boundary FILE.geojson] [--exact] [--time-limit-s S] [--json]',
    '',
    'Demand: populated cells (not nodata; centre inside the boundary when given) that no existing tower covers. A tower',
    'covers a cell when the haversine distance (R = 6,371,008.8 m) from the cell centre to the tower is at most the',
    "tower's radius_m, else --radius-m (as the coverage analysis). A chosen candidate covers the cells within R of it.",
    'Maximises the population newly covered with at most P candidates (CSV id,lon,lat and optionally height_m, the',
    'antenna height of a new mast there; bad rows are listed on stderr and left out, a bad height is a warning).',
    'Prints {"selected": [ids], "population_newly_covered": x, "upper_bound": y, "gap_percent": g,',
    '"method": ..., "sites": [...]}: upper_bound is a proven bound on the best possible, from HiGHS with --exact, else',
    'from the heuristic (Lagrangian / greedy-prefix bound). --exact reduces the problem first (dominated candidates,',
    'reduced-cost fixing) and reports HiGHS\'s nodes and the reduced size under "exact".',
    "--budget-usd B: the chosen sites' capex_usd together at most B as well (each candidate a new A2b mast: tower,",
    "civil works, transport, installation and the power system of the technology, pytal's unit costs; no fibre).",
    '"total_capex_usd" is the sum of the sites\' capex_usd.',
    'On predicted signal (--model): the prediction of `cosite coverage --model` with the same flags and link budget',
    '(default 5G here; --indoor: -100 dBm inside after a 20 dB building loss).',
    'Demand is on its analysis grid (about --grid-m metres, the population resampled, totals conserved): populated',
    'cells where no existing radio reaches the threshold (-110 dBm RSRP outdoors, after the 8.3 dB shadowing margin)',
    'for any operator. A candidate carries one omnidirectional radio per operator with a band in the technology (its',
    'band preset) at its height_m, else on a new --site-height-m mast (35 m), and covers a cell when EVERY one of them',
    'reaches the threshold there: the worst band decides, so a shared site is credited only where it serves all its',
    'operators (with the presets,',
    "MobiFone's 3850 MHz); operators without a band (no 5G for Vietnamobile) gain nothing.",
    'With --terrain both lose the Bullington diffraction as in `cosite coverage --terrain`. --radius-m does not apply.',
    'The JSON adds "coverage": {"mode": "fixed-radius"|"propagation", "model", "technology", "threshold_dbm",',
    '"indoor", "shadowing_margin_db", "indoor_loss_db", "eirp_dbm_by_operator", "grid_m", "terrain"}; demand cells',
    'are then analysis cells.',
    '--operators NAME,...: the operators the sites are for (names or MCC-MNC codes, as in the towers file; default',
    'all of its operators): demand is then the populated cells none of THEM covers (a tower covers for each operator',
    "on it), as the app's plan panel counts it. --weighting people-x-operators weighs each such cell by its people",
    'times the chosen operators that would gain it (the app\'s other weighting); "objective", "upper_bound",',
    '"gap_percent" and "demand.population_no_candidate_reaches" are then in people x operators, and',
    '"population_newly_covered" stays in people. The JSON echoes "operators" and "weighting".',
  ].join('\n'),
  flags: {
    towers: { type: 'string', valueName: 'FILE', description: 'existing towers: .csv (, ; or tab) or .geojson points' },
    population: { type: 'string', valueName: 'FILE.tif', description: 'population GeoTIFF in lon/lat (WorldPop)' },
    candidates: { type: 'string', valueName: 'FILE.csv', description: 'candidate sites, columns id,lon,lat' },
    'radius-m': {
      type: 'string',
      valueName: 'R',
      description: 'reach of a candidate site, and of towers without radius_m, metres (> 0); not with --model',
    },
    model: {
      type: 'string',
      valueName: 'MODEL',
      description: `cover on predicted signal with this path-loss model: ${PATH_LOSS_MODEL_IDS.join(', ')}`,
    },
    technology: { type: 'string', valueName: '5g|4g', description: 'with --model: technology and band presets (5g)' },
    'grid-m': { type: 'string', valueName: 'M', description: 'with --model: analysis grid cell size, m (default 100)' },
    'threshold-dbm': {
      type: 'string',
      valueName: 'T',
      description: 'with --model: RSRP that counts as covered, dBm (default -110)',
    },
    'assume-5g': {
      type: 'boolean',
      description: 'with --model and a file without has_5g/tenants_5g: every tenant with a 5G band runs it',
    },
    'site-height-m': {
      type: 'string',
      valueName: 'H',
      description: "with --model: antenna height of a candidate's new mast where the file gives no height_m (35)",
    },
    ...LINK_BUDGET_FLAGS,
    terrain: {
      type: 'string',
      valueName: 'FILE[,FILE...]',
      description: 'with --model: DEMs (.hgt, .hgt.zip, .tif); predict over the terrain (required by p526)',
    },
    'k-factor': { type: 'string', valueName: 'K', description: 'with --terrain: effective Earth radius factor (4/3)' },
    'diffraction-weight': {
      type: 'string',
      valueName: 'W',
      description: 'with --terrain and an empirical model: weight of the diffraction loss added, 0-1 (default 1)',
    },
    'terrain-mode': {
      type: 'string',
      valueName: 'sweep|exact',
      description: 'with --terrain: radial sweep (default, fast) or one profile per cell (exact)',
    },
    'profile-points-per-step': {
      type: 'string',
      valueName: 'M',
      description: 'with --terrain: terrain profile points per grid step, 1-16 (default 1: N = ceil(d/s))',
    },
    'calculation-radius-m': {
      type: 'string',
      valueName: 'M',
      description: 'with --terrain: no mast or candidate is computed farther than M metres (default 10000)',
    },
    sites: { type: 'string', valueName: 'P', description: 'at most this many sites (integer >= 0)' },
    'budget-usd': {
      type: 'string',
      valueName: 'B',
      description: "money budget: the sites' capex_usd together at most B (USD, > 0); none by default",
    },
    operators: {
      type: 'string',
      valueName: 'NAME,...',
      description: 'the operators the sites are for (default: every operator of the towers file)',
    },
    weighting: {
      type: 'string',
      valueName: 'people|people-x-operators',
      description: 'what a newly covered cell is worth: its people (default), or people x operators gaining',
    },
    boundary: {
      type: 'string',
      valueName: 'FILE.geojson',
      description: 'polygon(s); only cells whose centre is inside count as demand',
    },
    exact: {
      type: 'boolean',
      description: 'solve the mixed-integer model with HiGHS (optimum and its bound) after the heuristic',
    },
    'time-limit-s': {
      type: 'string',
      valueName: 'S',
      description: 'time limit for --exact, seconds (default 60); when reached the result says proven_optimal false',
    },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const towersPath = requireStringFlag(flags, 'towers', 'FILE');
    const populationPath = requireStringFlag(flags, 'population', 'FILE.tif');
    const candidatesPath = requireStringFlag(flags, 'candidates', 'FILE.csv');
    const positive = { min: 0, exclusive: true, what: 'a number' };
    const signal = readPlanSignalFlags(flags);
    // On predicted signal no radius applies: the prediction covers, and no lattice is laid here.
    const radiusM = signal ? Number.NaN : requireNumberFlag(flags, 'radius-m', positive, 'R');
    const sites = requireCountFlag(flags, 'sites', 'P');
    const timeLimitSeconds = readNumberFlag(flags, 'time-limit-s', positive) ?? 60;
    const budgetUsd = readNumberFlag(flags, 'budget-usd', positive);
    const boundaryPath = readStringFlag(flags, 'boundary');
    const weighting =
      readChoiceFlag(flags, 'weighting', ['people', 'people-x-operators'] as const, 'people') === 'people'
        ? 'people'
        : 'people_x_operators';
    const operatorsFlag = readStringFlag(flags, 'operators');
    const compact = flags.json === true;

    const { towers, parsedTowers, rejectedTowerRows } = await readProposeTowers(towersPath, signal !== null);
    const operators = operatorsFlag === undefined ? undefined : readOperatorsFlag(operatorsFlag, towers.operatorNames);
    const raster = await loadProposeRaster(populationPath);
    const polygons = boundaryPath ? await loadProposeBoundary(boundaryPath) : undefined;
    const terrain = signal?.terrainPaths
      ? await loadTerrain(signal.terrainPaths, { allVoidStencil: 'next-dem' })
      : undefined;
    const candidateBytes = await readInputFile(candidatesPath);
    let parsedCandidates: ReturnType<typeof parseCandidatesCsv>;
    try {
      parsedCandidates = parseCandidatesCsv(decodeTextFile(candidateBytes));
    } catch (error) {
      if (error instanceof CandidateFileError) throw new CliError(`cannot read ${candidatesPath}: ${error.message}`);
      throw error;
    }
    for (const problem of parsedCandidates.rejected) {
      output.stderr(
        `cosite propose: ${candidatesPath}: row ${problem.row} (line ${problem.line}) left out: ${problem.reason}\n`,
      );
    }
    for (const problem of parsedCandidates.warnings) {
      output.stderr(
        `cosite propose: ${candidatesPath}: row ${problem.row} (line ${problem.line}): ${problem.reason}\n`,
      );
    }

    const rasterMask = polygons ? maskCellCentresInPolygons(raster, polygons) : undefined;
    let grid: PopulationGrid = raster;
    let mask = rasterMask;
    let coverage: SitePlanCoverage = { kind: 'radius' };
    if (signal && parsedTowers) {
      // The boundary applies when resampling: population outside it never reaches the analysis grid.
      const run = await prepareSignalRun(
        {
          towers: parsedTowers.towers,
          arrays: towers,
          population: raster,
          boundaryMask: rasterMask,
          terrain: terrain?.mosaic,
        },
        signal.settings,
      );
      for (const note of run.notes) output.stderr(`cosite propose: note: ${note.reason}\n`);
      const inputs = signalSitePlanInputs(run, signal.settings);
      grid = inputs.grid;
      mask = undefined;
      coverage = inputs.coverage;
    }
    const plan = await planSharedSites({
      grid,
      mask,
      towers,
      ...(parsedTowers ? { masts: packMastAttributes(parsedTowers.towers) } : {}),
      defaultRadiusM: radiusM,
      weighting,
      ...(operators ? { operators } : {}),
      siteRadiusM: radiusM,
      coverage,
      ...(signal ? { technology: signal.settings.technology } : {}),
      candidates: { userSites: parsedCandidates.sites },
      // A candidate without its own height_m stands on a new A2b mast of this height (it only matters on a prediction).
      newMast: { mastType: 'A2b', heightM: signal?.siteHeightM ?? PLAN_DEFAULT_SITE_HEIGHT_M },
      budget: { maxSites: sites, ...(budgetUsd === undefined ? {} : { maxCostUsd: budgetUsd }) },
      solver: flags.exact === true ? 'exact' : 'greedy_swap',
      exact: { timeLimitSeconds },
      // Generous time limits, so the round and iteration limits decide and the same input gives the same output.
      search: { timeLimitMs: 20_000 },
      boundTimeLimitMs: 20_000,
    });

    const report = {
      selected: plan.sites.map((site) => site.id),
      population_newly_covered: plan.populationNewlyCovered,
      objective: plan.objective,
      upper_bound: plan.upperBound,
      gap_percent: plan.gapPercent,
      method: plan.method,
      proven_optimal: plan.proven,
      bound_source: plan.boundSource,
      total_capex_usd: plan.totalCapexUsd,
      budget_usd: budgetUsd ?? null,
      operators: operators ?? [...towers.operatorNames],
      weighting,
      ...(plan.exactStatus === undefined ? {} : { exact_status: plan.exactStatus }),
      ...(plan.exactStats === undefined
        ? {}
        : {
            exact: {
              nodes: plan.exactStats.nodes,
              seconds: plan.exactStats.seconds,
              reduced_candidates: plan.exactStats.candidates,
              reduced_items: plan.exactStats.items,
              fixed_in: plan.exactStats.fixedIn,
              fixed_out: plan.exactStats.fixedOut,
              dominated: plan.exactStats.dominated,
            },
          }),
      demand: {
        cells: plan.demand.cells,
        population: plan.demand.population,
        population_no_candidate_reaches: plan.demand.unreachableWeight,
      },
      candidates: { accepted: parsedCandidates.sites.length, rejected: parsedCandidates.rejected },
      towers: {
        accepted: towers.count,
        rejected_rows: rejectedTowerRows,
      },
      sites: plan.sites.map((site) => ({
        id: site.id,
        lon: site.lon,
        lat: site.lat,
        population_newly_covered: site.newlyCoveredPopulation,
        newly_covered_by_operator: site.newlyCoveredByOperator,
        nearest_tower: site.nearestMast ? { id: site.nearestMast.id, distance_m: site.nearestMast.distanceM } : null,
        capex_usd: site.cost.capexUsd,
      })),
      coverage: coverageJson(),
      timings_ms: plan.timingsMs,
    };
    /** How sites and masts cover: the fixed radius, or the prediction's settings. */
    function coverageJson() {
      if (!signal || coverage.kind !== 'signal') {
        return {
          mode: 'fixed-radius',
          radius_m: radiusM,
          model: null,
          technology: null,
          threshold_dbm: null,
          grid_m: null,
          terrain: null,
        };
      }
      const { settings } = signal;
      const predicted = coverage.prediction.prepared;
      const terrainUsed = predicted.request.terrain;
      return {
        mode: 'propagation',
        model: settings.modelId,
        technology: settings.technology,
        threshold_dbm: predicted.thresholdDbm,
        indoor: settings.indoor,
        shadowing_margin_db: settings.shadowingMarginDb ?? DEFAULT_RECEIVER.shadowingMarginDb,
        indoor_loss_db: settings.indoor ? (settings.indoorLossDb ?? DEFAULT_RECEIVER.indoorLossDb) : 0,
        eirp_dbm_by_operator: settings.eirpDbmByOperator ?? null,
        grid_m: settings.gridM,
        analysis_grid: { width: grid.width, height: grid.height },
        terrain: terrainUsed
          ? {
              dem_files: terrain?.paths ?? [],
              k_factor: terrainUsed.kFactor,
              diffraction_weight: terrainUsed.diffractionWeight,
              mode: terrainUsed.mode,
              calculation_radius_m: settings.terrain?.calculationRadiusM ?? DEFAULT_CALCULATION_RADIUS_M,
              profile_points_per_step: settings.terrain?.profilePointsPerStep ?? 1,
            }
          : null,
      };
    }
    output.stdout(`${JSON.stringify(report, null, compact ? undefined : 2)}\n`);
    if (!compact) {
      output.stderr(
        `cosite propose: ${plan.sites.length} site(s) newly cover ${Math.round(plan.populationNewlyCovered)} people ` +
          `of ${Math.round(plan.demand.population)} uncovered; at most ${plan.gapPercent.toFixed(3)}% below the ` +
          `best possible (${plan.method}${plan.proven ? ', proven optimal' : ''})\n`,
      );
    }
  },
};

/**
 * The operators named by --operators (names, aliases or MCC-MNC codes, comma-separated) as the towers file's canonical
 * names, each once; a name that is no operator of the file is refused (exit 2), naming the file's operators.
 */
function readOperatorsFlag(value: string, fileOperators: readonly string[]): string[] {
  const names: string[] = [];
  for (const written of value.split(',')) {
    if (written.trim() === '') continue;
    const { name } = resolveOperatorName(written);
    if (!fileOperators.includes(name)) {
      throw new CliError(
        `--operators: '${written.trim()}' is not an operator of the towers file (${fileOperators.join(', ')})`,
      );
    }
    if (!names.includes(name)) names.push(name);
  }
  if (names.length === 0) throw new CliError('--operators must name at least one operator');
  return names;
}
