/**
 * Shared-site proposal as a user runs it (issue 13 item 3): whole processes of the built command line
 * (`node bin/cosite.mjs propose ...`, built JavaScript) beside a plain single-file Node script doing the same job
 * (tests/bench/plainScripts/lazyGreedySites.mjs: geotiff.js, split(','), haversine cover lists, Minoux's lazy greedy),
 * on the same files, timed alternately in one run (medians of ROUNDS). Target: the default plan at least 99.9% of the
 * optimum (or of the best plan known, the certified bound beside it) in no more wall time than the plain script.
 *
 * The cases read the national files a user has (data/national/population.tif, the WorldPop grid itself, and
 * data/national/towers.csv) and a candidate CSV written to a temporary folder: 1,500 candidates drawn in proportion
 * to the people no mast covers among the 100,000 populated cells nearest Hà Nội (the region of sitingCases.ts), 120
 * sites:
 * - "gaps": the national masts are the existing towers, so demand is the coverage gaps (what `propose` is for);
 * - "greenfield": a towers file with no mast (every populated cell is demand): the 1,500 x 100,000 case of
 *   siting.bench.ts, where plain greedy falls furthest below the optimum.
 * The reference for "% of opt" comes from the same command with --exact (HiGHS warm-started from ours, capped at
 * COSITE_BENCH_EXACT_S seconds, default 20) and, in process on the same cover sets, bestKnownCoverPlan (a long run of
 * the search, then multi-start ruin and recreate); the best plan of all is "best known", the proven optimum when HiGHS
 * proves.
 * `npm run bench sitingProcesses`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeFixedRadiusCoverage } from '../../src/core/coverage/computeFixedRadiusCoverage';
import { readCleanTowersCsvAsArrays } from '../../src/core/io/readCleanTowersCsvAsArrays';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { readTowerFile } from '../../src/core/io/readTowerFile';
import type { PopulationGrid } from '../../src/core/model/populationGrid';
import { packTowers, type TowerArrays } from '../../src/core/model/towerArrays';
import { buildDemand } from '../../src/core/siting/buildDemand';
import { buildCoverSets, evaluateCover } from '../../src/core/siting/coverSets';
import { seededRandom } from '../../src/core/util/seededRandom';
import { bestKnownCoverPlan, storedSitePlans, storeSitePlanIfBetter } from './bestKnownCoverPlan';
import { drawPointsInCells, nearestPopulatedCells } from './sitingCases';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.COSITE_BENCH_ROUNDS ?? 7);
const EXACT_S = Number(process.env.COSITE_BENCH_EXACT_S ?? 20);
const POPULATION = 'data/national/population.tif';
const TOWERS = 'data/national/towers.csv';
const CANDIDATES = 1_500;
const SITES = 120;
const REGION_CELLS = 100_000;

interface ProcessCase {
  /** The case's key in knownSitePlans.json (with " (sitingProcesses)"). */
  key: 'gaps' | 'greenfield';
  name: string;
  towersPath: string;
  candidatesPath: string;
  radiusM: number;
}

function timeMs(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const stdout = execFileSync('node', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ms: performance.now() - started, stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percent = (value: number) => `${(100 * value).toFixed(2)}%`;

/** A candidate CSV: points drawn in proportion to the demand of the region's cells, uniformly inside the cell. */
function writeCandidates(path: string, grid: PopulationGrid, cells: number[], seed: number): void {
  const weights = cells.map((cell) => grid.values[cell]);
  const { lon, lat } = drawPointsInCells(grid, cells, weights, CANDIDATES, seededRandom(seed));
  const lines = ['id,lon,lat'];
  for (let j = 0; j < CANDIDATES; j++) lines.push(`C${j + 1},${lon[j].toFixed(6)},${lat[j].toFixed(6)}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function readGrid(): Promise<PopulationGrid> {
  const bytes = readFileSync(join(root, POPULATION));
  return readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The masts as the command reads them: the clean CSV fast path, else the full reader. */
async function readTowers(path: string): Promise<TowerArrays> {
  const bytes = new Uint8Array(readFileSync(resolve(root, path)));
  return (await readCleanTowersCsvAsArrays(bytes)) ?? packTowers((await readTowerFile(bytes, path)).towers);
}

/** The cases' files in a temporary folder. */
async function writeCases(grid: PopulationGrid): Promise<ProcessCase[]> {
  const folder = mkdtempSync(join(tmpdir(), 'cosite-siting-'));
  const region = new Set(nearestPopulatedCells(grid, REGION_CELLS));
  const gapRadiusM = 5_000;
  const towers = await readTowers(TOWERS);
  const covered = await computeFixedRadiusCoverage({
    grid,
    towers,
    defaultRadiusM: gapRadiusM,
    rowStart: 0,
    rowEnd: grid.height,
  });
  const gaps = [...region].filter((cell) => covered[cell] === 0).sort((a, b) => a - b);
  const gapsPath = join(folder, 'gap-candidates.csv');
  writeCandidates(gapsPath, grid, gaps, CANDIDATES);
  const emptyTowersPath = join(folder, 'no-towers.csv');
  writeFileSync(emptyTowersPath, 'id,operator,lon,lat,radius_m\n');
  const greenfieldPath = join(folder, 'greenfield-candidates.csv');
  writeCandidates(
    greenfieldPath,
    grid,
    [...region].sort((a, b) => a - b),
    CANDIDATES,
  );
  // About two candidates reach each demand cell on average (cells of ~0.8 km²), as in sitingCases.ts.
  const greenfieldRadiusM = Math.round(1000 * Math.sqrt((2 * REGION_CELLS * 0.8) / (Math.PI * CANDIDATES)));
  console.log(
    `  files in ${folder}: ${gaps.length.toLocaleString('en')} gap cells of the region with the national masts ` +
      `(radius ${gapRadiusM} m); greenfield radius ${greenfieldRadiusM} m`,
  );
  return [
    {
      key: 'gaps',
      name: `gaps: national masts, ${CANDIDATES} candidates in the gaps near Hà Nội, P ${SITES}`,
      towersPath: TOWERS,
      candidatesPath: gapsPath,
      radiusM: gapRadiusM,
    },
    {
      key: 'greenfield',
      name: `greenfield: no mast, ${CANDIDATES} candidates near Hà Nội, P ${SITES}`,
      towersPath: emptyTowersPath,
      candidatesPath: greenfieldPath,
      radiusM: greenfieldRadiusM,
    },
  ];
}

/**
 * The best plan known and the best bound, in process on the same cover sets: bestKnownCoverPlan (a long run of the
 * search, then multi-start ruin and recreate).
 */
async function longSearch(grid: PopulationGrid, c: ProcessCase, selectedIds: readonly string[]) {
  const towers = await readTowers(c.towersPath);
  const coveredBits = await computeFixedRadiusCoverage({
    grid,
    towers,
    defaultRadiusM: c.radiusM,
    rowStart: 0,
    rowEnd: grid.height,
  });
  const operatorBits = (1 << towers.operatorNames.length) - 1;
  const demand = buildDemand({ grid, coveredBits, operatorBits, weighting: 'people' });
  const rows = readFileSync(c.candidatesPath, 'utf8').trim().split('\n').slice(1);
  const ids = rows.map((row) => row.split(',')[0]);
  const cover = await buildCoverSets({
    grid,
    demand,
    candidateCount: rows.length,
    candidateLon: rows.map((row) => Number(row.split(',')[1])),
    candidateLat: rows.map((row) => Number(row.split(',')[2])),
    radiusM: c.radiusM,
  });
  const problem = { cover, budget: { maxSites: SITES } };
  const index = new Map(ids.map((id, j) => [id, j]));
  // The command's plan on these cover sets: the same value shows the same problem.
  const ours = evaluateCover(
    cover,
    selectedIds.map((id) => index.get(id) as number),
  );
  const key = `${c.key} (sitingProcesses)`;
  const long = await bestKnownCoverPlan(problem, storedSitePlans(key));
  storeSitePlanIfBetter(key, long);
  return { ours, objective: long.objective, upperBound: long.upperBound, foundBy: long.foundBy };
}

export async function run(): Promise<void> {
  timeMs(['bin/cosite.mjs', 'pathloss', '--model', 'fspl', '--frequency-mhz', '900', '--distance-m', '1']); // builds
  const grid = await readGrid();
  const cases = await writeCases(grid);
  const rows: string[][] = [
    [
      'case',
      'plain script',
      'cosite propose',
      'ratio (<= 1)',
      'plain % of opt',
      'ours % of opt',
      'ours certified gap',
      'reference',
    ],
  ];
  for (const c of cases) {
    const common = ['--towers', c.towersPath, '--population', POPULATION, '--candidates', c.candidatesPath];
    const cli = ['bin/cosite.mjs', 'propose', ...common, '--radius-m', String(c.radiusM), '--sites', String(SITES)];
    const plain = [
      'tests/bench/plainScripts/lazyGreedySites.mjs',
      c.towersPath,
      POPULATION,
      c.candidatesPath,
      String(c.radiusM),
      String(SITES),
    ];
    const plainTimes: number[] = [];
    const cliTimes: number[] = [];
    let plainOut = '';
    let cliOut = '';
    for (let round = 0; round < ROUNDS; round++) {
      const p = timeMs(plain);
      plainTimes.push(p.ms);
      plainOut = p.stdout;
      const o = timeMs([...cli, '--json']);
      cliTimes.push(o.ms);
      cliOut = o.stdout;
    }
    const peer = JSON.parse(plainOut) as { selected: string[]; population_newly_covered: number };
    const ours = JSON.parse(cliOut) as {
      selected: string[];
      population_newly_covered: number;
      upper_bound: number;
      gap_percent: number;
      timings_ms: Record<string, number>;
    };
    const exactRun = timeMs([...cli, '--exact', '--time-limit-s', String(EXACT_S), '--json']);
    const exact = JSON.parse(exactRun.stdout) as {
      population_newly_covered: number;
      upper_bound: number;
      proven_optimal: boolean;
      exact: { nodes: number; seconds: number };
    };
    const long = await longSearch(grid, c, ours.selected);
    const best = Math.max(
      ours.population_newly_covered,
      peer.population_newly_covered,
      exact.population_newly_covered,
      long.objective,
    );
    const bound = Math.min(ours.upper_bound, exact.upper_bound, long.upperBound);
    const proven = exact.proven_optimal && exact.population_newly_covered >= best * (1 - 1e-9);
    const versus = (value: number) =>
      proven ? percent(value / best) : `${percent(value / best)} (>= ${percent(value / bound)})`;
    const ratio = median(cliTimes) / median(plainTimes);
    const reached = ours.population_newly_covered / best;
    rows.push([
      c.name,
      `${median(plainTimes).toFixed(0)} ms`,
      `${median(cliTimes).toFixed(0)} ms`,
      `${ratio.toFixed(2)} ${ratio <= 1 ? 'met' : 'NOT met'}`,
      versus(peer.population_newly_covered),
      `${versus(ours.population_newly_covered)} ${reached >= 0.999 ? 'met' : 'NOT met'}`,
      `${ours.gap_percent.toFixed(3)}%`,
      proven
        ? `optimum proven by --exact in ${exact.exact.seconds.toFixed(1)} s, ${exact.exact.nodes} nodes`
        : `best known (exact ${EXACT_S} s: ${exact.proven_optimal ? 'optimal' : 'not proven'}; ${long.foundBy})`,
    ]);
    console.log(
      `  ${c.name}: plain ${peer.population_newly_covered.toFixed(0)}, ours ${ours.population_newly_covered.toFixed(0)} ` +
        `(same value in process: ${Math.abs(long.ours - ours.population_newly_covered) < 1e-6 * best}), exact ` +
        `${exact.population_newly_covered.toFixed(0)} <= ${exact.upper_bound.toFixed(0)}, best known in process ` +
        `${long.objective.toFixed(0)} (${long.foundBy}), long search's bound ${long.upperBound.toFixed(0)}; ours' bound ${ours.upper_bound.toFixed(0)}; ` +
        `times plain ${plainTimes.map((t) => t.toFixed(0)).join('/')} ms, cosite ` +
        `${cliTimes.map((t) => t.toFixed(0)).join('/')} ms; cosite timings ${JSON.stringify(
          Object.fromEntries(Object.entries(ours.timings_ms).map(([key, value]) => [key, Math.round(value)])),
        )}`,
    );
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join(' | '));
}
