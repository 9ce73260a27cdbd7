import * as Comlink from 'comlink';
import { EARTH_MEAN_RADIUS_M } from '../src/core/geo/haversineDistanceM';
import type { PopulationGrid } from '../src/core/model/populationGrid';
import type { TowerArrays } from '../src/core/model/towerArrays';
import type { LongCallOptions } from '../src/core/util/cooperativeLoop';
import type { AnalysisApi } from './analysisApi';
import type { WorkerPool } from './workerPool';

/**
 * Fixed-radius coverage of the whole grid, split into bands of rows across the worker pool. Each band receives only the
 * towers whose reach overlaps its latitudes. Returns the per-cell operator bits for the whole grid.
 */
export async function runFixedRadiusCoverage(
  pool: WorkerPool<AnalysisApi>,
  grid: PopulationGrid,
  towers: TowerArrays,
  defaultRadiusM: number,
  options: LongCallOptions = {},
): Promise<Uint8Array> {
  const { width, height } = grid;
  const bandCount = Math.min(height, pool.size * 2);
  const rowsPerBand = Math.ceil(height / bandCount);
  const fractions = new Float64Array(bandCount);
  const reportProgress = () => {
    let done = 0;
    for (let b = 0; b < bandCount; b++) done += fractions[b];
    options.onProgress?.(done / bandCount);
  };
  const gridGeometry = {
    width,
    height,
    originLon: grid.originLon,
    originLat: grid.originLat,
    cellSizeLonDeg: grid.cellSizeLonDeg,
    cellSizeLatDeg: grid.cellSizeLatDeg,
  };
  const bands = [];
  for (let b = 0; b < bandCount; b++) {
    const rowStart = b * rowsPerBand;
    const rowEnd = Math.min(height, rowStart + rowsPerBand);
    if (rowStart >= rowEnd) break;
    const bandTowers = towersReachingRows(grid, towers, defaultRadiusM, rowStart, rowEnd);
    bands.push(
      pool
        .run(
          (api, jobId) =>
            api.fixedRadiusCoverageBand(
              jobId,
              { grid: gridGeometry, towers: bandTowers, defaultRadiusM, rowStart, rowEnd },
              Comlink.proxy((fraction: number) => {
                fractions[b] = Math.max(fractions[b], fraction);
                reportProgress();
              }),
            ),
          { signal: options.signal },
        )
        .then((bits) => {
          // Progress messages travel on their own channel and may trail the result: the band is done now.
          fractions[b] = 1;
          reportProgress();
          return { rowStart, bits };
        }),
    );
  }
  const results = await Promise.all(bands);
  const coveredBits = new Uint8Array(width * height);
  for (const { rowStart, bits } of results) coveredBits.set(bits, rowStart * width);
  return coveredBits;
}

function towersReachingRows(
  grid: PopulationGrid,
  towers: TowerArrays,
  defaultRadiusM: number,
  rowStart: number,
  rowEnd: number,
) {
  const latNorth = grid.originLat - rowStart * grid.cellSizeLatDeg;
  const latSouth = grid.originLat - rowEnd * grid.cellSizeLatDeg;
  const keep: number[] = [];
  for (let t = 0; t < towers.count; t++) {
    const radiusM = Number.isNaN(towers.radiusM[t]) ? defaultRadiusM : towers.radiusM[t];
    const reachDeg = (radiusM / EARTH_MEAN_RADIUS_M) * (180 / Math.PI);
    if (towers.lat[t] - reachDeg <= latNorth && towers.lat[t] + reachDeg >= latSouth) keep.push(t);
  }
  const lon = new Float64Array(keep.length);
  const lat = new Float64Array(keep.length);
  const radiusM = new Float64Array(keep.length);
  const tenantBits = new Uint8Array(keep.length);
  keep.forEach((t, i) => {
    lon[i] = towers.lon[t];
    lat[i] = towers.lat[t];
    radiusM[i] = towers.radiusM[t];
    tenantBits[i] = towers.tenantBits[t];
  });
  return { count: keep.length, lon, lat, radiusM, tenantBits };
}
