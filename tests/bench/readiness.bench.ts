/**
 * National readiness on the committed national dataset (data/national/: the WorldPop 1 km grid, 34 provinces,
 * 87,632 synthetic masts, the road/rail backbone): single thread, split in 2 bands run one after the other, and the
 * same 2 bands on 2 worker_threads (what the browser's pool of 2 workers does). The peer is the plain Turf way
 * (a circle per mast, their union, point-in-polygon per cell) on one province, TP Huế.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { parseRegionsGeoJson } from '../../src/core/geo/parseRegionsGeoJson';
import { parseTowersCsv } from '../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { isNodata } from '../../src/core/model/populationGrid';
import { computeNationalReadiness } from '../../src/core/readiness/computeNationalReadiness';
import { computeProvinceReadiness } from '../../src/core/readiness/computeProvinceReadiness';
import { finishReadiness } from '../../src/core/readiness/finishReadiness';
import { packReadinessTowers } from '../../src/core/readiness/packReadinessTowers';
import { prepareReadiness } from '../../src/core/readiness/prepareReadiness';
import { readinessBandRequests } from '../../src/core/readiness/readinessBandRequests';
import { mergeReadinessPartials } from '../../src/core/readiness/readinessPartial';
import type { ReadinessBandRequest, ReadinessInput, ReadinessPartial } from '../../src/core/readiness/readinessTypes';
import { timeIt } from './fixedRadiusCoverage.bench';

const PEER_PROVINCE = 'VN22';

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

async function loadNational(): Promise<{ input: ReadinessInput; loadMs: Record<string, number> }> {
  const tif = await timed(async () => {
    const bytes = readFileSync('data/national/population.tif');
    return readPopulationGeoTiff(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  });
  const provinces = await timed(() => parseRegionsGeoJson(readFileSync('data/national/provinces.geojson', 'utf8')));
  const towers = await timed(() =>
    packReadinessTowers(parseTowersCsv(readFileSync('data/national/towers.csv', 'utf8')).towers),
  );
  const backbone = await timed(() =>
    (JSON.parse(readFileSync('data/national/backbone.geojson', 'utf8')).features as Feature[]).flatMap((feature) =>
      feature.geometry.type === 'LineString'
        ? [feature.geometry.coordinates]
        : feature.geometry.type === 'MultiLineString'
          ? feature.geometry.coordinates
          : [],
    ),
  );
  return {
    input: { grid: tif.result, provinces: provinces.result, towers: towers.result, backbone: backbone.result },
    loadMs: {
      'population.tif': tif.ms,
      'provinces.geojson': provinces.ms,
      'towers.csv': towers.ms,
      'backbone.geojson': backbone.ms,
    },
  };
}

/** The pool's path with real threads: prepare here, one band per worker, merge and finish here. */
async function runOnWorkers(input: ReadinessInput, workers: Worker[]) {
  const prepare = await timed(() => prepareReadiness(input));
  const split = await timed(() => readinessBandRequests(prepare.result, workers.length));
  const bands = await timed(() =>
    Promise.all(
      split.result.map(
        (request, i) =>
          new Promise<{ partial: ReadinessPartial; ms: number }>((resolve, reject) => {
            const worker = workers[i];
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(request satisfies ReadinessBandRequest);
          }),
      ),
    ),
  );
  const finish = await timed(() =>
    finishReadiness(prepare.result.context, mergeReadinessPartials(bands.result.map((b) => b.partial))),
  );
  return {
    ms: prepare.ms + split.ms + bands.ms + finish.ms,
    prepareMs: prepare.ms,
    splitMs: split.ms,
    bandsMs: bands.ms,
    bandMs: bands.result.map((band) => band.ms),
    finishMs: finish.ms,
    result: finish.result,
  };
}

/** Plain Turf for one province: 64-gon circles of its masts and those near it, their union, PIP per cell centre. */
function turfProvinceCoverage(input: ReadinessInput, code: string) {
  const region = input.provinces.find((province) => province.code === code);
  if (!region) throw new Error(`no ${code}`);
  const feature = turf.multiPolygon(region.polygons) as Feature<MultiPolygon>;
  const [west, south, east, north] = turf.bbox(feature);
  const { towers, grid } = input;
  const circles: Feature<Polygon>[] = [];
  for (let t = 0; t < towers.count; t++) {
    if (towers.bits4g[t] === 0) continue;
    const radiusM = Number.isNaN(towers.radiusM[t]) ? 2000 : towers.radiusM[t];
    const marginDeg = radiusM / 100_000 + 0.01;
    if (towers.lon[t] < west - marginDeg || towers.lon[t] > east + marginDeg) continue;
    if (towers.lat[t] < south - marginDeg || towers.lat[t] > north + marginDeg) continue;
    circles.push(turf.circle([towers.lon[t], towers.lat[t]], radiusM / 1000, { steps: 64, units: 'kilometers' }));
  }
  const union = turf.union(turf.featureCollection(circles)) as Feature<Polygon | MultiPolygon>;
  let population = 0;
  let covered = 0;
  for (let row = 0; row < grid.height; row++) {
    const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
    if (lat < south || lat > north) continue;
    for (let col = 0; col < grid.width; col++) {
      const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
      if (lon < west || lon > east) continue;
      const value = grid.values[row * grid.width + col];
      if (isNodata(grid, value) || !turf.booleanPointInPolygon([lon, lat], feature)) continue;
      population += value;
      if (turf.booleanPointInPolygon([lon, lat], union)) covered += value;
    }
  }
  return { population, covered, masts: circles.length };
}

/**
 * A worker thread running readinessBand.worker.ts. Node 20 does not carry tsx's loader into workers (nor honour
 * `--import` in their execArgv), so a two-line bootstrap registers tsx in the worker before importing the file.
 */
function startBandWorker(): Worker {
  const file = new URL('./readinessBand.worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}); });`;
  return new Worker(bootstrap, { eval: true });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const people = (value: number) => Math.round(value).toLocaleString('en-GB');

export async function run(): Promise<void> {
  const { input, loadMs } = await loadNational();
  const { grid, towers, provinces } = input;
  console.log(
    `National readiness: ${provinces.length} provinces, ${towers.count.toLocaleString('en-GB')} masts, ` +
      `${(grid.width * grid.height).toLocaleString('en-GB')} cells (1 km WorldPop grid)`,
  );
  const loadTotal = Object.values(loadMs).reduce((sum, ms) => sum + ms, 0);
  console.log(
    `  loading the files           ${seconds(loadTotal)} (${Object.entries(loadMs)
      .map(([name, ms]) => `${name} ${seconds(ms)}`)
      .join(', ')})`,
  );

  const single = await timeIt(3, () => computeNationalReadiness(input));
  console.log(`  single thread, 1 band      ${seconds(single.ms)}   (median of 3)`);
  const sequential = await timeIt(3, () => computeNationalReadiness(input, { bandCount: 2 }));
  console.log(`  single thread, 2 bands     ${seconds(sequential.ms)}   (median of 3)`);

  const workers = [0, 1].map(startBandWorker);
  try {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runOnWorkers(input, workers));
    runs.sort((a, b) => a.ms - b.ms);
    const pooled = runs[1];
    console.log(
      `  2 worker_threads, 2 bands  ${seconds(pooled.ms)}   (median of 3: prepare ${seconds(pooled.prepareMs)}, ` +
        `split ${seconds(pooled.splitMs)}, bands ${seconds(pooled.bandsMs)} [${pooled.bandMs.map(seconds).join(' | ')}], ` +
        `merge+finish ${seconds(pooled.finishMs)})`,
    );
    const n = single.result.national;
    const m = pooled.result.national;
    const differs =
      Math.abs(n.population_covered_4g - m.population_covered_4g) +
      Math.abs(n.population_covered_5g - m.population_covered_5g);
    console.log(
      `  answers: 4G ${(100 * (n.coverage_4g_share ?? 0)).toFixed(2)}%, 5G ${(100 * (n.coverage_5g_share ?? 0)).toFixed(2)}% ` +
        `of ${people(n.population_total)}; 1 band vs 2 workers differ by ${differs.toExponential(1)} people`,
    );
    console.log(`  target < 10 s for the whole national computation: ${single.ms < 10_000 ? 'met' : 'NOT met'}`);
  } finally {
    for (const worker of workers) await worker.terminate();
  }

  const coreProvince = await timeIt(3, () => computeProvinceReadiness(input, PEER_PROVINCE));
  const peer = await timed(() => turfProvinceCoverage(input, PEER_PROVINCE));
  const core = coreProvince.result;
  console.log(`\nOne province, ${core.code} ${core.name}: 4G population coverage`);
  console.log(
    `  core (computeProvinceReadiness)  ${seconds(coreProvince.ms)}   covered ${people(core.population_covered_4g)} of ${people(core.population_total)}`,
  );
  console.log(
    `  plain Turf (${peer.result.masts} circles, union, PIP)  ${seconds(peer.ms)}   covered ${people(peer.result.covered)} of ${people(peer.result.population)}`,
  );
  console.log(
    `  core is ${(peer.ms / coreProvince.ms).toFixed(0)}x faster; covered differs by ` +
      `${((100 * Math.abs(peer.result.covered - core.population_covered_4g)) / core.population_covered_4g).toFixed(3)}% ` +
      "(Turf's 64-gon circles); population identical: " +
      `${Math.abs(peer.result.population - core.population_total) < 1e-3}`,
  );
}
