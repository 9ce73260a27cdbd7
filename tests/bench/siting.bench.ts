/**
 * Shared-site proposal (maximal covering): lazy greedy, + 1-swap descent, + ruin-and-recreate rounds, and the
 * heuristic's own valid upper bound, beside the exact mixed-integer model in HiGHS (WebAssembly) on the same instances, of growing size up
 * to 2,000 candidates x 200,000 demand cells. Demand is the real WorldPop grid (a disc of populated cells around Hà
 * Nội, so dense cores compete), candidates are seeded and drawn in proportion to population; each instance's radius
 * gives about two candidates per demand cell. HiGHS is capped in time (COSITE_BENCH_HIGHS_S, default 60 s): a capped
 * run prints "not proven" and the comparison then uses its incumbent and bound.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import highsLoader from 'highs';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { isNodata, type PopulationGrid } from '../../src/core/model/populationGrid';
import { boundMaximalCover } from '../../src/core/siting/boundMaximalCover';
import type { CoverProblem } from '../../src/core/siting/coverProblem';
import { buildCoverSets } from '../../src/core/siting/coverSets';
import { improveByRuinAndRecreate } from '../../src/core/siting/improveByRuinAndRecreate';
import { improveBySwaps } from '../../src/core/siting/improveBySwaps';
import { solveExactHighs } from '../../src/core/siting/solveExactHighs';
import { solveGreedy } from '../../src/core/siting/solveGreedy';
import { seededRandom as random } from '../../src/core/util/seededRandom';

interface Size {
  candidates: number;
  demandCells: number;
  sites: number;
}

const SIZES: Size[] = [
  { candidates: 200, demandCells: 5_000, sites: 20 },
  { candidates: 500, demandCells: 20_000, sites: 30 },
  { candidates: 1_000, demandCells: 50_000, sites: 40 },
  { candidates: 2_000, demandCells: 200_000, sites: 50 },
];

/** A seeded stand-in when the national raster is absent: clustered "towns" on a 1 km grid. */
function syntheticGrid(): PopulationGrid {
  const width = 700;
  const height = 700;
  const next = random(99);
  const towns = Array.from({ length: 60 }, () => [
    next() * width,
    next() * height,
    5 + next() * 40,
    200 + next() * 5000,
  ]);
  const values = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      let value = next() * 30;
      for (const [x, y, spread, peak] of towns)
        value += peak * Math.exp(-((col - x) ** 2 + (row - y) ** 2) / (2 * spread * spread));
      values[row * width + col] = value;
    }
  }
  return {
    width,
    height,
    originLon: 103,
    originLat: 23,
    cellSizeLonDeg: 1 / 120,
    cellSizeLatDeg: 1 / 120,
    nodata: null,
    values,
  };
}

async function loadGrid(): Promise<{ grid: PopulationGrid; source: string }> {
  const nationalPath = path.resolve(
    process.env.COSITE_SHARED_DATA ?? '../shared/data',
    'population/vnm_ppp_2020_1km_Aggregated_UNadj.tif',
  );
  if (!existsSync(nationalPath))
    return { grid: syntheticGrid(), source: 'synthetic seeded grid (national raster not found)' };
  const grid = await readPopulationGeoTiff(new Uint8Array(readFileSync(nationalPath)).buffer);
  return { grid, source: 'WorldPop 2020 1 km, populated cells nearest Hà Nội (105.85 E, 21.03 N)' };
}

/** The `count` populated cells nearest a point (by cell-centre distance in cell units, ties by index). */
function nearestPopulatedCells(grid: PopulationGrid, count: number): Uint32Array {
  const centreCol = (105.85 - grid.originLon) / grid.cellSizeLonDeg;
  const centreRow = (grid.originLat - 21.03) / grid.cellSizeLatDeg;
  const cells: { cell: number; distance: number }[] = [];
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const cell = row * grid.width + col;
      const value = grid.values[cell];
      if (isNodata(grid, value) || !(value > 0)) continue;
      cells.push({ cell, distance: (col - centreCol) ** 2 + (row - centreRow) ** 2 });
    }
  }
  cells.sort((a, b) => a.distance - b.distance || a.cell - b.cell);
  return Uint32Array.from(cells.slice(0, count), (entry) => entry.cell).sort();
}

const percent = (value: number) => `${(value * 100).toFixed(3)}%`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function run(): Promise<void> {
  const { grid, source } = await loadGrid();
  const highsSeconds = Number(process.env.COSITE_BENCH_HIGHS_S ?? 60);
  const highs = await highsLoader();
  console.log(`Maximal covering (shared site proposal); demand: ${source}`);
  console.log(
    `HiGHS: mip_rel_gap 1e-6, capped at ${highsSeconds} s, warm-started from the heuristic. Times are wall clock, ` +
      'cumulative along a row (greedy, + 1-swap, + ruin and recreate); the bound is computed after.',
  );
  const rows: string[][] = [
    ['candidates x cells, P', 'greedy', '+ 1-swap', '+ ruin&recreate', 'heuristic bound', 'HiGHS', 'HiGHS status'],
  ];
  for (const size of SIZES) {
    const cellIndex = nearestPopulatedCells(grid, size.demandCells);
    const weight = Float64Array.from(cellIndex, (cell) => grid.values[cell]);
    const demand = { count: cellIndex.length, cellIndex, weight };
    const next = random(size.candidates);
    const cumulative = new Float64Array(weight.length);
    let sum = 0;
    weight.forEach((value, d) => {
      sum += value;
      cumulative[d] = sum;
    });
    const candidateLon = new Float64Array(size.candidates);
    const candidateLat = new Float64Array(size.candidates);
    for (let j = 0; j < size.candidates; j++) {
      const target = next() * sum;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < target) lo = mid + 1;
        else hi = mid;
      }
      const cell = cellIndex[lo];
      candidateLon[j] = grid.originLon + ((cell % grid.width) + next()) * grid.cellSizeLonDeg;
      candidateLat[j] = grid.originLat - (Math.floor(cell / grid.width) + next()) * grid.cellSizeLatDeg;
    }
    // About two candidates reach each demand cell on average (cells of ~0.8 km²).
    const radiusM = 1000 * Math.sqrt((2 * size.demandCells * 0.8) / (Math.PI * size.candidates));

    const coverStart = performance.now();
    const cover = await buildCoverSets({
      grid,
      demand,
      candidateCount: size.candidates,
      candidateLon,
      candidateLat,
      radiusM,
    });
    const coverMs = performance.now() - coverStart;
    const problem: CoverProblem = { cover, budget: { maxSites: size.sites } };

    const solveStart = performance.now();
    const greedy = solveGreedy(problem);
    const greedyMs = performance.now() - solveStart;
    const swapped = await improveBySwaps(problem, greedy.selected);
    const swapMs = performance.now() - solveStart;
    const searched = await improveByRuinAndRecreate(problem, swapped, { timeLimitMs: 700 });
    const searchMs = performance.now() - solveStart;
    const boundStart = performance.now();
    const bound = await boundMaximalCover(problem, {
      prefixOrders: [...greedy.runs, searched.selected],
      lowerBound: searched.objective,
    });
    const boundMs = performance.now() - boundStart;
    const exact = await solveExactHighs(problem, {
      highs,
      warmStart: searched.selected,
      timeLimitSeconds: highsSeconds,
      relativeGap: 1e-6,
    });
    const proven = exact.status === 'optimal';
    const best = Math.max(exact.objective, searched.objective);
    const versus = (value: number) =>
      proven ? `${percent(1 - value / best)} below opt` : `>= ${percent(1 - value / exact.upperBound)} below bound`;
    rows.push([
      `${size.candidates} x ${cellIndex.length}, P ${size.sites}`,
      `${ms(greedyMs)}, ${versus(greedy.objective)}`,
      `${ms(swapMs)}, ${versus(swapped.objective)}`,
      `${ms(searchMs)}, ${versus(searched.objective)}`,
      `${ms(boundMs)}, ${proven ? `opt +${percent(bound.upperBound / best - 1)}` : `+${percent(bound.upperBound / searched.objective - 1)} over heuristic`}`,
      `${exact.seconds.toFixed(1)} s`,
      proven
        ? 'optimal'
        : `not proven (${exact.status}): incumbent ${percent(exact.objective / searched.objective - 1)} vs heuristic, bound ${percent(exact.upperBound / exact.objective - 1)} above it`,
    ]);
    console.log(
      `  ${size.candidates} x ${cellIndex.length}: radius ${radiusM.toFixed(0)} m; cover sets built in ${ms(coverMs)}: ` +
        `${cover.candidateItems.length} non-zeros, ${cover.itemCount} merged items from ${cover.reachableDemandCount} ` +
        `reachable cells; HiGHS model ${exact.columns} columns x ${exact.rows} rows; 1-swap moves ${swapped.moves}; ` +
        `ruin and recreate ${searched.rounds} rounds (${searched.improvements} improving, stopped by ${searched.stoppedBy}); ` +
        `bound from ${bound.source}`,
    );
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join(' | '));
}
