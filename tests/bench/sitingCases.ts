/**
 * Seeded maximal-covering cases for the siting benchmark (not a benchmark itself): demand is the real WorldPop grid (the
 * populated cells nearest Hà Nội, so dense cores compete) or a seeded stand-in, candidates are drawn in proportion to
 * population, and each case's radius gives about two candidates per demand cell.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { isNodata, type PopulationGrid } from '../../src/core/model/populationGrid';
import type { CoverProblem } from '../../src/core/siting/coverProblem';
import { buildCoverSets } from '../../src/core/siting/coverSets';
import { seededRandom as random } from '../../src/core/util/seededRandom';

export interface SitingCaseSize {
  candidates: number;
  demandCells: number;
  sites: number;
  /** Seed of the candidate draw (default: the candidate count). */
  seed?: number;
}

export interface SitingCase {
  size: SitingCaseSize;
  grid: PopulationGrid;
  /** Demand cells (row-major indices, ascending) and their weights (people). */
  cellIndex: Uint32Array;
  candidateLon: Float64Array;
  candidateLat: Float64Array;
  problem: CoverProblem;
  radiusM: number;
  /** Raw cover lists before merging (CSR over demand indices), for a self-contained peer. */
  demandWeight: Float64Array;
  candidateStarts: Uint32Array;
  candidateDemand: Uint32Array;
  coverMs: number;
}

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

export async function loadSitingGrid(): Promise<{ grid: PopulationGrid; source: string }> {
  const nationalPath = path.resolve(
    process.env.COSITE_SHARED_DATA ?? '../shared/data',
    'population/vnm_ppp_2020_1km_Aggregated_UNadj.tif',
  );
  if (!existsSync(nationalPath))
    return { grid: syntheticGrid(), source: 'synthetic seeded grid (national raster not found)' };
  const grid = await readPopulationGeoTiff(new Uint8Array(readFileSync(nationalPath)).buffer);
  return { grid, source: 'WorldPop 2020 1 km, populated cells nearest Hà Nội (105.85 E, 21.03 N)' };
}

/** The `count` populated cells nearest Hà Nội (by cell-centre distance in cell units, ties by index), ascending. */
export function nearestPopulatedCells(grid: PopulationGrid, count: number): Uint32Array {
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

export async function buildSitingCase(grid: PopulationGrid, size: SitingCaseSize): Promise<SitingCase> {
  const cellIndex = nearestPopulatedCells(grid, size.demandCells);
  const weight = Float64Array.from(cellIndex, (cell) => grid.values[cell]);
  const demand = { count: cellIndex.length, cellIndex, weight };
  const next = random(size.seed ?? size.candidates);
  const { lon: candidateLon, lat: candidateLat } = drawPointsInCells(grid, cellIndex, weight, size.candidates, next);
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
  // The raw lists, unmerged, from the merged ones (each item's demand cells, per candidate).
  const candidateStarts = new Uint32Array(size.candidates + 1);
  for (let j = 0; j < size.candidates; j++) {
    let count = 0;
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
      const item = cover.candidateItems[k];
      count += cover.itemDemandStarts[item + 1] - cover.itemDemandStarts[item];
    }
    candidateStarts[j + 1] = candidateStarts[j] + count;
  }
  const candidateDemand = new Uint32Array(candidateStarts[size.candidates]);
  for (let j = 0; j < size.candidates; j++) {
    let at = candidateStarts[j];
    for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
      const item = cover.candidateItems[k];
      for (let m = cover.itemDemandStarts[item]; m < cover.itemDemandStarts[item + 1]; m++)
        candidateDemand[at++] = cover.itemDemand[m];
    }
  }
  return {
    size,
    grid,
    cellIndex,
    candidateLon,
    candidateLat,
    problem: { cover, budget: { maxSites: size.sites } },
    radiusM,
    demandWeight: weight,
    candidateStarts,
    candidateDemand,
    coverMs,
  };
}

/**
 * `count` points drawn in proportion to the weights of `cells` (a cumulative sum searched by bisection), each uniform
 * inside its cell: the candidates of the bench's cases.
 */
export function drawPointsInCells(
  grid: PopulationGrid,
  cells: ArrayLike<number>,
  weights: ArrayLike<number>,
  count: number,
  next: () => number,
): { lon: Float64Array; lat: Float64Array } {
  const cumulative = new Float64Array(cells.length);
  let sum = 0;
  for (let d = 0; d < cells.length; d++) {
    sum += weights[d];
    cumulative[d] = sum;
  }
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const target = next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    const cell = cells[lo];
    lon[j] = grid.originLon + ((cell % grid.width) + next()) * grid.cellSizeLonDeg;
    lat[j] = grid.originLat - (Math.floor(cell / grid.width) + next()) * grid.cellSizeLatDeg;
  }
  return { lon, lat };
}
