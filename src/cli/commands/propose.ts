import { maskCellCentresInPolygons } from '../../core/geo/maskCellCentresInPolygons';
import { CandidateFileError } from '../../core/io/candidateFileError';
import { decodeTextFile } from '../../core/io/decodeTextFile';
import { parseCandidatesCsv } from '../../core/io/parseCandidatesCsv';
import { packMastAttributes } from '../../core/model/mastAttributes';
import { packTowers } from '../../core/model/towerArrays';
import { planSharedSites } from '../../core/siting/planSharedSites';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { loadBoundary, loadPopulationRaster, loadTowerFile } from '../loadInputs';
import { readInputFile } from '../readInputFile';
import { readNumberFlag, requireCountFlag, requireNumberFlag } from '../readNumberFlag';
import { readStringFlag, requireStringFlag } from '../readStringFlag';

export const proposeCommand: CliCommand = {
  name: 'propose',
  summary: 'choose at most P candidate sites covering the most people no existing tower covers (maximal covering)',
  usage: [
    'cosite propose --towers FILE --population FILE.tif --candidates FILE.csv --radius-m R --sites P',
    '               [--boundary FILE.geojson] [--exact] [--time-limit-s S] [--json]',
    '',
    'Demand: populated cells (not nodata; centre inside the boundary when given) that no existing tower covers. A tower',
    'covers a cell when the haversine distance (R = 6,371,008.8 m) from the cell centre to the tower is at most the',
    "tower's radius_m, else --radius-m (as the coverage analysis). A chosen candidate covers the cells within R of it.",
    'Maximises the population newly covered with at most P candidates (CSV id,lon,lat; bad rows are listed on stderr',
    'and left out). Prints {"selected": [ids], "population_newly_covered": x, "upper_bound": y, "gap_percent": g,',
    '"method": ..., "sites": [...]}: upper_bound is a proven bound on the best possible, from HiGHS with --exact, else',
    'from the heuristic (Lagrangian / greedy-prefix bound).',
  ].join('\n'),
  flags: {
    towers: { type: 'string', valueName: 'FILE', description: 'existing towers: .csv (, ; or tab) or .geojson points' },
    population: { type: 'string', valueName: 'FILE.tif', description: 'population GeoTIFF in lon/lat (WorldPop)' },
    candidates: { type: 'string', valueName: 'FILE.csv', description: 'candidate sites, columns id,lon,lat' },
    'radius-m': {
      type: 'string',
      valueName: 'R',
      description: 'reach of a candidate site, and of towers without radius_m, metres (> 0)',
    },
    sites: { type: 'string', valueName: 'P', description: 'at most this many sites (integer >= 0)' },
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
    const radiusM = requireNumberFlag(flags, 'radius-m', positive, 'R');
    const sites = requireCountFlag(flags, 'sites', 'P');
    const timeLimitSeconds = readNumberFlag(flags, 'time-limit-s', positive) ?? 60;
    const boundaryPath = readStringFlag(flags, 'boundary');
    const compact = flags.json === true;

    const parsedTowers = await loadTowerFile(towersPath);
    const grid = await loadPopulationRaster(populationPath);
    const polygons = boundaryPath ? await loadBoundary(boundaryPath) : undefined;
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

    const towers = packTowers(parsedTowers.towers);
    const plan = await planSharedSites({
      grid,
      mask: polygons ? maskCellCentresInPolygons(grid, polygons) : undefined,
      towers,
      masts: packMastAttributes(parsedTowers.towers),
      defaultRadiusM: radiusM,
      weighting: 'people',
      siteRadiusM: radiusM,
      candidates: { userSites: parsedCandidates.sites },
      budget: { maxSites: sites },
      solver: flags.exact === true ? 'exact' : 'greedy_swap',
      exact: { timeLimitSeconds },
      // Generous time limits, so the round and iteration limits decide and the same input gives the same output.
      search: { timeLimitMs: 20_000 },
      boundTimeLimitMs: 20_000,
    });

    const report = {
      selected: plan.sites.map((site) => site.id),
      population_newly_covered: plan.populationNewlyCovered,
      upper_bound: plan.upperBound,
      gap_percent: plan.gapPercent,
      method: plan.method,
      proven_optimal: plan.proven,
      bound_source: plan.boundSource,
      ...(plan.exactStatus === undefined ? {} : { exact_status: plan.exactStatus }),
      demand: {
        cells: plan.demand.cells,
        population: plan.demand.population,
        population_no_candidate_reaches: plan.demand.unreachableWeight,
      },
      candidates: { accepted: parsedCandidates.sites.length, rejected: parsedCandidates.rejected },
      towers: { accepted: parsedTowers.towers.length, rejected_rows: parsedTowers.rejected.length },
      sites: plan.sites.map((site) => ({
        id: site.id,
        lon: site.lon,
        lat: site.lat,
        population_newly_covered: site.newlyCoveredPopulation,
        newly_covered_by_operator: site.newlyCoveredByOperator,
        nearest_tower: site.nearestMast ? { id: site.nearestMast.id, distance_m: site.nearestMast.distanceM } : null,
        capex_usd: site.cost.capexUsd,
      })),
      timings_ms: plan.timingsMs,
    };
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
