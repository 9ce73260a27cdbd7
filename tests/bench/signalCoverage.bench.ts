/**
 * Propagation coverage of the demo province at 100 m: the core (per-radio scan of the cells in reach, typed arrays)
 * beside the plain way with Turf (turf.distance from every cell to every mast, then the model), which is run on a
 * seeded sample of cells and extrapolated. Prints the time of each stage, the ratio, and how the answers agree.
 */
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { computeSignalCoverage } from '../../src/core/coverage/computeSignalCoverage';
import { prepareSignalCoverage } from '../../src/core/coverage/prepareSignalCoverage';
import type { Technology } from '../../src/core/coverage/radioPresets';
import { summarizeSignalCoverage } from '../../src/core/coverage/summarizeSignalCoverage';
import { makeAnalysisGrid } from '../../src/core/geo/makeAnalysisGrid';
import { maskCellCentresInPolygons } from '../../src/core/geo/maskCellCentresInPolygons';
import { parseBoundaryGeoJson } from '../../src/core/geo/parseBoundaryGeoJson';
import { parseTowersCsv } from '../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { packTowers } from '../../src/core/model/towerArrays';
import { resamplePopulation } from '../../src/core/population/resamplePopulation';
import type { PathLossModelId } from '../../src/core/propagation/pathLossModels';
import { seededRandom as random } from '../../src/core/util/seededRandom';
import { timeIt } from './fixedRadiusCoverage.bench';

const TARGET_MS = 3000;
const SAMPLE_CELLS = 2000;

async function loadDemo() {
  const population = await readPopulationGeoTiff(new Uint8Array(readFileSync('data/demo/population.tif')).buffer);
  const parsed = parseTowersCsv(readFileSync('data/demo/towers.csv', 'utf8'));
  const polygons = parseBoundaryGeoJson(readFileSync('data/demo/province.geojson', 'utf8'));
  return { population, towers: packTowers(parsed.towers), mask: maskCellCentresInPolygons(population, polygons) };
}

type Demo = Awaited<ReturnType<typeof loadDemo>>;

/** The whole pipeline the CLI and the app run, stage by stage (one thread). */
async function corePipeline(demo: Demo, technology: Technology, modelId: PathLossModelId) {
  const times: Record<string, number> = {};
  let start = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    times[name] = now - start;
    start = now;
  };
  const grid = makeAnalysisGrid(demo.population, 100);
  const resampled = resamplePopulation(demo.population, grid, demo.mask);
  const cellMask = new Uint8Array(resampled.values.length);
  for (let i = 0; i < cellMask.length; i++) cellMask[i] = Number.isNaN(resampled.values[i]) ? 0 : 1;
  lap('grid + resample');
  const prepared = prepareSignalCoverage({ towers: demo.towers, grid, technology, modelId });
  lap('link budgets + reach');
  const coverage = await computeSignalCoverage({ ...prepared.request, cellMask, rowStart: 0, rowEnd: grid.height });
  lap('signal rasters');
  const summary = summarizeSignalCoverage({
    population: resampled,
    coverage,
    operatorNames: prepared.operatorNames,
    thresholdDbm: prepared.thresholdDbm,
  });
  lap('summary');
  return { times, grid, resampled, cellMask, prepared, coverage, summary };
}

type CoreRun = Awaited<ReturnType<typeof corePipeline>>;

/**
 * The plain way on a sample of cells: turf.distance from the cell centre to each mast, the UMa NLOS formula written
 * out (TR 38.901), the same link budget; the best signal per cell.
 */
function plainTurfSample(run: CoreRun, cells: number[]) {
  const { grid, prepared } = run;
  const { radios } = prepared.request;
  const radioCoordinates = Array.from({ length: radios.count }, (_, i) => [radios.lon[i], radios.lat[i]]);
  const best = new Float64Array(cells.length).fill(Number.NEGATIVE_INFINITY);
  const adjustmentDb = prepared.request.receiverAdjustmentDb;
  cells.forEach((cell, s) => {
    const col = cell % grid.width;
    const row = Math.floor(cell / grid.width);
    const centre = [
      grid.originLon + (col + 0.5) * grid.cellSizeLonDeg,
      grid.originLat - (row + 0.5) * grid.cellSizeLatDeg,
    ];
    for (let i = 0; i < radios.count; i++) {
      const distanceM = Math.max(turf.distance(radioCoordinates[i], centre, { units: 'meters' }), 1);
      const hBS = radios.heightM[i];
      const fc = radios.frequencyMHz[i] / 1000;
      const d3D = Math.sqrt(distanceM * distanceM + (hBS - 1.5) ** 2);
      const breakpointM = (4 * (hBS - 1) * 0.5 * fc * 1e9) / 3e8;
      const los =
        distanceM <= breakpointM
          ? 28 + 22 * Math.log10(d3D) + 20 * Math.log10(fc)
          : 28 + 40 * Math.log10(d3D) + 20 * Math.log10(fc) - 9 * Math.log10(breakpointM ** 2 + (hBS - 1.5) ** 2);
      const pathLoss = Math.max(los, 13.54 + 39.08 * Math.log10(d3D) + 20 * Math.log10(fc));
      const signal = radios.eirpPerResourceElementDbm[i] + adjustmentDb - pathLoss;
      if (signal >= prepared.request.signalFloorDbm && signal > best[s]) best[s] = signal;
    }
  });
  return best;
}

const format = (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 0 });

export async function run(): Promise<void> {
  const demo = await loadDemo();
  const main = await timeIt(3, () => corePipeline(demo, '4g', 'uma-nlos'));
  const { grid, summary, prepared, cellMask } = main.result;
  const cellsWithData = cellMask.reduce((sum, value) => sum + value, 0);
  console.log(
    `Propagation coverage, demo province at 100 m: ${grid.width} x ${grid.height} cells (${format(cellsWithData)} with data), ` +
      `${demo.towers.count} masts, ${prepared.request.radios.count} radios, 4G LTE 1800, UMa NLOS`,
  );
  for (const [stage, ms] of Object.entries(main.result.times))
    console.log(`  ${stage.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms`);
  console.log(
    `  total (median of 3)    ${main.ms.toFixed(0).padStart(6)} ms   target < ${TARGET_MS} ms: ${main.ms < TARGET_MS ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  covered ${format(summary.populationCovered)} of ${format(summary.populationTotal)} people ` +
      `(${((100 * summary.populationCovered) / summary.populationTotal).toFixed(1)}%), ${summary.areaCoveredKm2.toFixed(0)} km²`,
  );

  // The plain Turf way on a seeded sample of cells with data, extrapolated to all of them.
  const next = random(99);
  const withData: number[] = [];
  for (let i = 0; i < cellMask.length; i++) if (cellMask[i]) withData.push(i);
  const sample = Array.from({ length: SAMPLE_CELLS }, () => withData[Math.floor(next() * withData.length)]);
  const plain = await timeIt(1, () => plainTurfSample(main.result, sample));
  const plainFullMs = (plain.ms * cellsWithData) / SAMPLE_CELLS;
  let worstDb = 0;
  let coverDisagrees = 0;
  sample.forEach((cell, s) => {
    const core = main.result.coverage.bestSignalDbm[cell];
    const expected = plain.result[s];
    if (Number.isFinite(core) && Number.isFinite(expected)) worstDb = Math.max(worstDb, Math.abs(core - expected));
    if (core >= prepared.thresholdDbm !== expected >= prepared.thresholdDbm) coverDisagrees++;
  });
  console.log(
    `  plain Turf (turf.distance per cell x radio): ${plain.ms.toFixed(0)} ms for ${SAMPLE_CELLS} sampled cells, ` +
      `about ${format(plainFullMs / 1000)} s for all ${format(cellsWithData)} -> core about ${format(plainFullMs / main.ms)}x faster`,
  );
  console.log(
    `  agreement on the sample: best signal within ${worstDb.toFixed(4)} dB; covered/not differs in ${coverDisagrees} of ${SAMPLE_CELLS} cells`,
  );

  for (const [technology, modelId] of [
    ['5g', 'uma-nlos'],
    ['4g', 'rma-nlos'],
  ] as const) {
    const other = await corePipeline(demo, technology, modelId);
    const total = Object.values(other.times).reduce((sum, ms) => sum + ms, 0);
    console.log(
      `  ${technology.toUpperCase()} ${modelId}: ${total.toFixed(0)} ms, ${other.prepared.request.radios.count} radios, covered ` +
        `${((100 * other.summary.populationCovered) / other.summary.populationTotal).toFixed(1)}%`,
    );
  }
}
