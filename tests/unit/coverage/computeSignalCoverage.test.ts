import { describe, expect, it } from 'vitest';
import { buildRadios, type SectorSpec } from '../../../src/core/coverage/buildRadios';
import {
  assembleSignalCoverage,
  computeSignalCoverage,
  type SignalCoverageRequest,
} from '../../../src/core/coverage/computeSignalCoverage';
import { DEFAULT_RECEIVER, radioSettingsFor, receiverAdjustmentDb } from '../../../src/core/coverage/linkBudget';
import { prepareSignalCoverage } from '../../../src/core/coverage/prepareSignalCoverage';
import { haversineDistanceM } from '../../../src/core/geo/haversineDistanceM';
import { makeAnalysisGrid } from '../../../src/core/geo/makeAnalysisGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { type PathLossModelId, pathLossDb } from '../../../src/core/propagation/pathLossModels';
import {
  bearingDeg,
  depressionAngleDeg,
  sectorAntennaGainDb,
  TR38901_SECTOR_PATTERN,
} from '../../../src/core/propagation/sectorAntennaGainDb';
import { isCancelledError } from '../../../src/core/util/cooperativeLoop';
import { seededRandom as random } from '../../../src/core/util/seededRandom';

const GRID = { width: 70, height: 55, originLon: 108.1, originLat: 16.1, cellSizeLonDeg: 0.002, cellSizeLatDeg: 0.002 };
const NAMES = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];

function makeTowers(count: number, next: () => number): Tower[] {
  return Array.from({ length: count }, (_, i) => {
    const operator = NAMES[Math.floor(next() * 4)];
    const other = NAMES[(NAMES.indexOf(operator) + 1) % 4];
    return {
      id: `T${i}`,
      operator,
      lon: 108.08 + next() * 0.18,
      lat: 16.12 - next() * 0.15,
      heightM: next() < 0.2 ? null : 15 + Math.round(next() * 40),
      radiusM: null,
      mastType: null,
      tenants: next() < 0.3 ? [operator, other] : [operator],
    };
  });
}

function setup(modelId: PathLossModelId, towers: Tower[], sectorsByTower?: Array<SectorSpec[] | null>) {
  const arrays = packTowers(towers);
  const receiver = { ...DEFAULT_RECEIVER };
  const floorDbm = -115;
  const radioByOperator = arrays.operatorNames.map((name) => radioSettingsFor('4g', name));
  const radios = buildRadios({ towers: arrays, radioByOperator, receiver, modelId, floorDbm, sectorsByTower });
  const request: SignalCoverageRequest = {
    grid: GRID,
    radios,
    operatorCount: arrays.operatorNames.length,
    modelId,
    environment: { rxHeightM: receiver.rxHeightM },
    receiverAdjustmentDb: receiverAdjustmentDb(receiver),
    signalFloorDbm: floorDbm,
    rowStart: 0,
    rowEnd: GRID.height,
  };
  return { arrays, request };
}

/**
 * The definition, literally: every cell against every radio, haversine distance to the cell centre (at least 1 m),
 * the model's path loss, the sector pattern for sectors, the receiver's adjustment; keep the best at or above the
 * floor. No reach, no row bands.
 */
function bruteForce(request: SignalCoverageRequest) {
  const { grid, radios } = request;
  const best = new Float64Array(grid.width * grid.height).fill(Number.NEGATIVE_INFINITY);
  const serving = new Int32Array(best.length).fill(-1);
  const byOperator = Array.from({ length: request.operatorCount }, () =>
    new Float64Array(best.length).fill(Number.NEGATIVE_INFINITY),
  );
  for (let row = 0; row < grid.height; row++) {
    const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
    for (let col = 0; col < grid.width; col++) {
      const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
      const cell = row * grid.width + col;
      for (let i = 0; i < radios.count; i++) {
        const distanceM = Math.max(haversineDistanceM(radios.lon[i], radios.lat[i], lon, lat), 1);
        const loss = pathLossDb(request.modelId, {
          frequencyMHz: radios.frequencyMHz[i],
          txHeightM: radios.heightM[i],
          rxHeightM: request.environment.rxHeightM,
          distanceM,
        }).pathLossDb;
        let signal = radios.eirpPerResourceElementDbm[i] + request.receiverAdjustmentDb - loss;
        if (!Number.isNaN(radios.azimuthDeg[i])) {
          const horizontal = bearingDeg(radios.lon[i], radios.lat[i], lon, lat) - radios.azimuthDeg[i];
          const vertical =
            depressionAngleDeg(distanceM, radios.heightM[i], request.environment.rxHeightM) - radios.downtiltDeg[i];
          signal += sectorAntennaGainDb(horizontal, vertical, {
            ...TR38901_SECTOR_PATTERN,
            horizontalBeamwidthDeg: radios.horizontalBeamwidthDeg[i],
            verticalBeamwidthDeg: radios.verticalBeamwidthDeg[i],
          });
        }
        if (signal < request.signalFloorDbm) continue;
        const k = radios.operatorIndex[i];
        if (signal > byOperator[k][cell]) byOperator[k][cell] = signal;
        if (signal > best[cell]) {
          best[cell] = signal;
          serving[cell] = radios.towerIndex[i];
        }
      }
    }
  }
  return { best, serving, byOperator };
}

/** Cells whose value differs by more than 0.001 dB (float32 storage), ignoring those within 0.01 dB of the floor. */
function differences(actual: Float32Array, expected: Float64Array, floorDbm: number): number {
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a === e) continue;
    const nearFloor = Math.abs((Number.isFinite(a) ? a : e) - floorDbm) < 0.01;
    if (!nearFloor && !(Math.abs(a - e) < 0.001)) count++;
  }
  return count;
}

describe('computeSignalCoverage', () => {
  it.each(['uma-nlos', 'rma-los', 'cost231'] as const)(
    'matches the brute-force definition cell by cell (%s)',
    async (modelId) => {
      const { request } = setup(modelId, makeTowers(30, random(3)));
      const result = await computeSignalCoverage(request);
      const expected = bruteForce(request);
      expect(differences(result.bestSignalDbm, expected.best, request.signalFloorDbm)).toBe(0);
      result.bestSignalDbmByOperator.forEach((signal, k) => {
        expect(differences(signal, expected.byOperator[k], request.signalFloorDbm)).toBe(0);
      });
      let servingDiffers = 0;
      for (let i = 0; i < expected.serving.length; i++) {
        if (result.servingTowerIndex[i] !== expected.serving[i]) servingDiffers++;
      }
      expect(servingDiffers).toBe(0);
      const finite = result.bestSignalDbm.filter((value) => Number.isFinite(value)).length;
      expect(finite).toBeGreaterThan(100);
      if (modelId !== 'rma-los') expect(finite).toBeLessThan(result.bestSignalDbm.length); // LOS reaches every cell
    },
  );

  it('applies the 38.901 sector pattern for masts with azimuths, matching the definition', async () => {
    const towers = makeTowers(12, random(5));
    const sectors = towers.map((_, t) =>
      t % 2 === 0 ? [{ azimuthDeg: 0 }, { azimuthDeg: 120, downtiltDeg: 2 }, { azimuthDeg: 240 }] : null,
    );
    const { request } = setup('uma-nlos', towers, sectors);
    expect(request.radios.count).toBeGreaterThan(towers.length);
    const result = await computeSignalCoverage(request);
    const expected = bruteForce(request);
    expect(differences(result.bestSignalDbm, expected.best, request.signalFloorDbm)).toBe(0);
  });

  it('gives a sector 30 dB less behind it than in front, at the same distance', async () => {
    const tower: Tower = {
      id: 'S',
      operator: 'Viettel',
      lon: 108.17,
      lat: 16.045,
      heightM: 30,
      radiusM: null,
      mastType: null,
      tenants: ['Viettel'],
    };
    const { request } = setup('uma-nlos', [tower], [[{ azimuthDeg: 0 }]]);
    const result = await computeSignalCoverage(request);
    const column = Math.floor((tower.lon - GRID.originLon) / GRID.cellSizeLonDeg);
    const towerRow = Math.floor((GRID.originLat - tower.lat) / GRID.cellSizeLatDeg);
    // Row centres 0.002° apart in latitude: 2 rows north and 2 rows south of the tower's row, same column.
    const north = result.bestSignalDbm[(towerRow - 2) * GRID.width + column];
    const south = result.bestSignalDbm[(towerRow + 2) * GRID.width + column];
    const northDistance = haversineDistanceM(
      tower.lon,
      tower.lat,
      108.1 + (column + 0.5) * 0.002,
      16.1 - (towerRow - 1.5) * 0.002,
    );
    const southDistance = haversineDistanceM(
      tower.lon,
      tower.lat,
      108.1 + (column + 0.5) * 0.002,
      16.1 - (towerRow + 2.5) * 0.002,
    );
    expect(Math.abs(northDistance - southDistance)).toBeLessThan(1);
    expect(north - south).toBeGreaterThan(25);
  });

  it('gives the same rasters when the grid is split into bands', async () => {
    const { request } = setup('uma-nlos', makeTowers(25, random(9)));
    const whole = await computeSignalCoverage(request);
    const bands = await Promise.all(
      [
        [30, 55],
        [0, 13],
        [13, 30],
      ].map(([rowStart, rowEnd]) => computeSignalCoverage({ ...request, rowStart, rowEnd })),
    );
    const joined = assembleSignalCoverage(bands, GRID);
    expect(joined.bestSignalDbm).toEqual(whole.bestSignalDbm);
    expect(joined.servingTowerIndex).toEqual(whole.servingTowerIndex);
    expect(joined.bestSignalDbmByOperator).toEqual(whole.bestSignalDbmByOperator);
  });

  it('skips cells outside the cell mask', async () => {
    const { request } = setup('uma-nlos', makeTowers(25, random(9)));
    const cellMask = new Uint8Array(GRID.width * GRID.height);
    for (let i = 0; i < cellMask.length; i += 2) cellMask[i] = 1;
    const whole = await computeSignalCoverage(request);
    const masked = await computeSignalCoverage({ ...request, cellMask });
    for (let i = 0; i < cellMask.length; i++) {
      expect(masked.bestSignalDbm[i]).toBe(cellMask[i] ? whole.bestSignalDbm[i] : Number.NEGATIVE_INFINITY);
    }
  });

  it('reports progress up to 1 and stops on abort', async () => {
    const { request } = setup('uma-nlos', makeTowers(25, random(9)));
    const fractions: number[] = [];
    await computeSignalCoverage(request, { onProgress: (fraction) => fractions.push(fraction) });
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    const error = await computeSignalCoverage(request, { signal: controller.signal }).catch((caught) => caught);
    expect(isCancelledError(error)).toBe(true);
  });
});

describe('computeSignalCoverage with a band-sized cell mask', () => {
  it('gives the same band as the whole-grid mask', async () => {
    const grid = makeAnalysisGrid([108.0, 16.0, 108.1, 16.08], 200);
    const towers = packTowers([
      {
        id: 'a',
        operator: 'Viettel',
        lon: 108.03,
        lat: 16.03,
        heightM: 30,
        radiusM: null,
        mastType: 'A2b',
        tenants: ['Viettel'],
      },
      {
        id: 'b',
        operator: 'MobiFone',
        lon: 108.07,
        lat: 16.05,
        heightM: 25,
        radiusM: null,
        mastType: 'A2a',
        tenants: ['MobiFone'],
      },
    ]);
    const prepared = prepareSignalCoverage({ towers, grid, technology: '4g', modelId: 'uma-nlos' });
    const mask = new Uint8Array(grid.width * grid.height);
    for (let i = 0; i < mask.length; i++) mask[i] = (i * 7) % 5 === 0 ? 0 : 1;
    const rowStart = 7;
    const rowEnd = 23;
    const whole = await computeSignalCoverage({ ...prepared.request, cellMask: mask, rowStart, rowEnd });
    const sliced = await computeSignalCoverage({
      ...prepared.request,
      cellMask: mask.slice(rowStart * grid.width, rowEnd * grid.width),
      rowStart,
      rowEnd,
    });
    expect(sliced.bestSignalDbm).toEqual(whole.bestSignalDbm);
    expect(sliced.servingTowerIndex).toEqual(whole.servingTowerIndex);
    expect(whole.bestSignalDbm.some(Number.isFinite)).toBe(true);
    expect(whole.bestSignalDbm.some((value) => value === Number.NEGATIVE_INFINITY)).toBe(true);
  });
});
