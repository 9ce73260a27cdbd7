/**
 * Terrain diffraction on an analysis grid: one mast on the summit of Ba Vì (1258 m, SRTM3 N21E105), 10 km reach,
 * the DEM resampled onto a 100 m grid. computeDiffractionGrid's exact mode (each cell's own profile through
 * bullingtonDiffraction) beside its radial sweep, at one profile point per step (the path-loss rule), four and eight.
 * Prints the times, their ratio and how the losses agree at 900 and 3500 MHz; then what bounds that agreement (the
 * exact value's own change from N to N + 1 points) and the straight lon/lat line against the great circle.
 */
import { readFileSync } from 'node:fs';
import { makeAnalysisGrid } from '../../src/core/geo/makeAnalysisGrid';
import { buildElevationMosaic } from '../../src/core/terrain/buildElevationMosaic';
import { buildTerrainGrid } from '../../src/core/terrain/buildTerrainGrid';
import { bullingtonDiffraction } from '../../src/core/terrain/bullingtonDiffraction';
import {
  computeDiffractionGrid,
  type DiffractionGrid,
  type DiffractionGridRequest,
  diffractionLossDb,
  type TerrainGrid,
} from '../../src/core/terrain/computeDiffractionGrid';
import { GreatCircleArc } from '../../src/core/terrain/greatCircleArc';
import { readHgt } from '../../src/core/terrain/readHgt';
import { sampleTerrainGrid } from '../../src/core/terrain/sampleTerrainGrid';
import { timeIt } from './fixedRadiusCoverage.bench';

const HGT_PATH = '/work/shared/data/elevation/N21E105.hgt';
const SITE = { lon: 105.3675, lat: 21.0583 };
const TARGET_RATIO = 20;
const TARGET_SWEEP_MS = 20;
const TARGET_AGREEMENT = 0.99;
const UNIT_WAVELENGTH_MHZ = 299.792458;

/** Loss differences |a − b| in dB over the cells both computed, at one frequency. */
function lossDifferencesDb(a: DiffractionGrid, b: DiffractionGrid, frequencyMHz: number): number[] {
  const wavelengthM = 299.792458 / frequencyMHz;
  const differences: number[] = [];
  for (let i = 0; i < a.nuSqrtLambda.length; i++) {
    if (Number.isNaN(a.nuSqrtLambda[i]) || Number.isNaN(b.nuSqrtLambda[i])) continue;
    differences.push(
      Math.abs(
        diffractionLossDb(a.nuSqrtLambda[i], wavelengthM, a.distanceKm[i]) -
          diffractionLossDb(b.nuSqrtLambda[i], wavelengthM, b.distanceKm[i]),
      ),
    );
  }
  return differences.sort((x, y) => x - y);
}

function describeAgreement(differences: number[]): { within: number; text: string } {
  const within = differences.filter((value) => value <= 0.5).length / differences.length;
  const p99 = differences[Math.floor(0.99 * (differences.length - 1))];
  return {
    within,
    text:
      `${(100 * within).toFixed(2)}% within 0.5 dB, ` +
      `${((100 * differences.filter((value) => value <= 1).length) / differences.length).toFixed(2)}% within 1 dB, ` +
      `p99 ${p99.toFixed(2)} dB, worst ${differences[differences.length - 1].toFixed(1)} dB`,
  };
}

/**
 * The exact mode's cells again on other profiles, for what bounds the agreement: `intervals(N)` points on the lon/lat
 * line, or on the great circle. Returns a grid shaped like the exact one (ν·√λ per cell).
 */
function recut(
  request: DiffractionGridRequest,
  exact: DiffractionGrid,
  intervalsFor: (n: number) => number,
  path: 'line' | 'great-circle',
): { grid: DiffractionGrid; largestSeparationM: number } {
  const { terrain } = request;
  const nuSqrtLambda = new Float32Array(exact.nuSqrtLambda.length).fill(Number.NaN);
  const midLat = terrain.originLat - (terrain.height * terrain.cellSizeLatDeg) / 2;
  const metresPerDegree = (Math.PI / 180) * 6_371_008.8;
  const stepM = Math.min(
    terrain.cellSizeLonDeg * metresPerDegree * Math.cos((midLat * Math.PI) / 180),
    terrain.cellSizeLatDeg * metresPerDegree,
  );
  const arc = new GreatCircleArc();
  const siteGround = sampleTerrainGrid(terrain, request.siteLon, request.siteLat);
  let largestSeparationM = 0;
  for (let cell = 0; cell < nuSqrtLambda.length; cell++) {
    const dKm = exact.distanceKm[cell];
    if (Number.isNaN(dKm)) continue;
    const intervals = intervalsFor(Math.ceil((dKm * 1000) / stepM));
    if (intervals < 2) {
      nuSqrtLambda[cell] = Number.NEGATIVE_INFINITY;
      continue;
    }
    const col = cell % terrain.width;
    const row = (cell - col) / terrain.width;
    const lon = terrain.originLon + (col + 0.5) * terrain.cellSizeLonDeg;
    const lat = terrain.originLat - (row + 0.5) * terrain.cellSizeLatDeg;
    arc.set(request.siteLon, request.siteLat, lon, lat);
    const distancesKm = new Float64Array(intervals + 1);
    const heightsM = new Float64Array(intervals + 1);
    for (let i = 0; i <= intervals; i++) {
      const f = i / intervals;
      let pointLon = request.siteLon + (lon - request.siteLon) * f;
      let pointLat = request.siteLat + (lat - request.siteLat) * f;
      if (path === 'great-circle') {
        arc.pointAt(f);
        const eastM = (arc.lonDeg - pointLon) * metresPerDegree * Math.cos((pointLat * Math.PI) / 180);
        const northM = (arc.latDeg - pointLat) * metresPerDegree;
        largestSeparationM = Math.max(largestSeparationM, Math.hypot(eastM, northM));
        pointLon = arc.lonDeg;
        pointLat = arc.latDeg;
      }
      distancesKm[i] = dKm * f;
      heightsM[i] = sampleTerrainGrid(terrain, pointLon, pointLat);
    }
    heightsM[0] = siteGround;
    heightsM[intervals] = terrain.groundM[cell];
    nuSqrtLambda[cell] = bullingtonDiffraction({
      distancesKm,
      heightsM,
      txHeightAmslM: siteGround + request.txHeightM,
      rxHeightAmslM: terrain.groundM[cell] + request.rxHeightM,
      frequencyMHz: UNIT_WAVELENGTH_MHZ,
      kFactor: request.kFactor,
    }).nu;
  }
  return { grid: { ...exact, nuSqrtLambda }, largestSeparationM };
}

export async function run(): Promise<void> {
  const mosaic = buildElevationMosaic([readHgt(readFileSync(HGT_PATH), HGT_PATH)]);
  const grid = makeAnalysisGrid([SITE.lon - 0.1, SITE.lat - 0.1, SITE.lon + 0.1, SITE.lat + 0.1], 100);
  const terrain: TerrainGrid = buildTerrainGrid(mosaic, grid).terrain;
  const base: Omit<DiffractionGridRequest, 'mode'> = {
    terrain,
    siteLon: SITE.lon,
    siteLat: SITE.lat,
    txHeightM: 30,
    rxHeightM: 1.5,
    kFactor: 4 / 3,
    reachM: 10_000,
    rowStart: 0,
    rowEnd: terrain.height,
  };
  console.log(
    `Bullington diffraction on a 100 m grid (${terrain.width} x ${terrain.height}), Ba Vì summit ` +
      `${SITE.lon}, ${SITE.lat}, mast 30 m, terminal 1.5 m, k = 4/3, reach 10 km`,
  );
  let exactAtOne: DiffractionGrid | null = null;
  for (const samplesPerStep of [1, 4, 8]) {
    const request = { ...base, samplesPerStep };
    const exact = await timeIt(samplesPerStep === 1 ? 5 : 3, () =>
      computeDiffractionGrid({ ...request, mode: 'exact' }),
    );
    const sweep = await timeIt(15, () => computeDiffractionGrid({ ...request, mode: 'sweep' }));
    if (samplesPerStep === 1) exactAtOne = exact.result;
    const cells = exact.result.nuSqrtLambda.filter((value) => !Number.isNaN(value)).length;
    const ratio = exact.ms / sweep.ms;
    console.log(
      `  ${samplesPerStep} profile point(s) per step s (N = ceil(${samplesPerStep}·d/s)), ${cells} cells in reach`,
    );
    console.log(`    exact (median)  ${exact.ms.toFixed(1).padStart(7)} ms`);
    console.log(
      `    sweep (median)  ${sweep.ms.toFixed(1).padStart(7)} ms   target < ${TARGET_SWEEP_MS} ms: ` +
        `${sweep.ms < TARGET_SWEEP_MS ? 'met' : 'NOT met'}`,
    );
    console.log(
      `    ratio           ${ratio.toFixed(1).padStart(7)} x    target ≥ ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`,
    );
    for (const frequencyMHz of [900, 3500]) {
      const agreement = describeAgreement(lossDifferencesDb(exact.result, sweep.result, frequencyMHz));
      console.log(
        `    sweep vs exact at ${String(frequencyMHz).padStart(4)} MHz: ${agreement.text}   target ≥ 99%: ` +
          `${agreement.within >= TARGET_AGREEMENT ? 'met' : 'NOT met'}`,
      );
    }
  }
  if (exactAtOne === null) return;
  const request = { ...base, mode: 'exact' as const };
  const nextN = recut(request, exactAtOne, (n) => n + 1, 'line').grid;
  const sixteen = recut(request, exactAtOne, (n) => 16 * n, 'line').grid;
  const greatCircle = recut(request, exactAtOne, (n) => n, 'great-circle');
  for (const frequencyMHz of [900, 3500]) {
    console.log(`  what bounds the agreement at ${frequencyMHz} MHz (exact, one point per step):`);
    console.log(
      `    exact N vs exact N + 1:          ${describeAgreement(lossDifferencesDb(exactAtOne, nextN, frequencyMHz)).text}`,
    );
    console.log(
      `    exact N vs exact 16 N:           ${describeAgreement(lossDifferencesDb(exactAtOne, sixteen, frequencyMHz)).text}`,
    );
    console.log(
      `    lon/lat line vs great circle:    ${describeAgreement(lossDifferencesDb(exactAtOne, greatCircle.grid, frequencyMHz)).text}`,
    );
  }
  console.log(
    `  largest distance between the lon/lat line and the great circle: ${greatCircle.largestSeparationM.toFixed(2)} m`,
  );
}
