import { describe, expect, it } from 'vitest';
import { cellAreaKm2 } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import type { SignalCoverageBand } from '../../../src/core/coverage/computeSignalCoverage';
import { summarizeGapsByArea } from '../../../src/core/coverage/summarizeGapsByArea';
import { signalCoverageBits, summarizeSignalCoverage } from '../../../src/core/coverage/summarizeSignalCoverage';
import { labelCellCentresInAreas, transferCellLabels } from '../../../src/core/geo/labelCellCentresInAreas';
import type { ResampledPopulation } from '../../../src/core/population/resamplePopulation';

const NONE = Number.NEGATIVE_INFINITY;
// 3 x 2 cells of 0.5°; the middle cell of the bottom row has no data.
const population: ResampledPopulation = {
  width: 3,
  height: 2,
  originLon: 108,
  originLat: 16,
  cellSizeLonDeg: 0.5,
  cellSizeLatDeg: 0.5,
  values: Float64Array.of(10, 20, 30, 40, Number.NaN, 0),
};
const coverage: SignalCoverageBand = {
  rowStart: 0,
  rowEnd: 2,
  width: 3,
  signalFloorDbm: -120,
  bestSignalDbm: Float32Array.of(-90, -105, -115, NONE, -80, -100),
  servingTowerIndex: Int32Array.of(0, 1, 1, -1, 2, 0),
  bestSignalDbmByOperator: [
    Float32Array.of(-90, NONE, -115, NONE, -80, -100),
    Float32Array.of(-95, -105, NONE, NONE, NONE, NONE),
  ],
};

describe('signalCoverageBits', () => {
  it('sets bit k where operator k reaches the threshold', () => {
    expect([...signalCoverageBits(coverage, -110)]).toEqual([0b11, 0b10, 0, 0, 0b01, 0b01]);
    expect([...signalCoverageBits(coverage, -100)]).toEqual([0b11, 0, 0, 0, 0b01, 0b01]);
    expect(() => signalCoverageBits(coverage, -125)).toThrow(/below the run's signal floor/);
  });
});

describe('summarizeSignalCoverage', () => {
  it('sums population and area of covered cells with data (hand-computed)', () => {
    const summary = summarizeSignalCoverage({
      population,
      coverage,
      operatorNames: ['Viettel', 'MobiFone'],
      thresholdDbm: -110,
    });
    // covered at -110: cells 0 (10), 1 (20), 5 (0); cell 4 has no data; cell 2 (-115) and 3 not covered
    const northRow = cellAreaKm2(16, 15.5, 0.5);
    const southRow = cellAreaKm2(15.5, 15, 0.5);
    expect(summary).toEqual({
      populationTotal: 100,
      populationCovered: 30,
      populationCoveredByOperator: { Viettel: 10, MobiFone: 30 },
      areaCoveredKm2: expect.closeTo(2 * northRow + southRow, 6),
      populationUncovered: 70,
      areaCoveredByOperatorKm2: {
        Viettel: expect.closeTo(northRow + southRow, 6),
        MobiFone: expect.closeTo(2 * northRow, 6),
      },
      areaTotalKm2: expect.closeTo(3 * northRow + 2 * southRow, 6),
      thresholdDbm: -110,
    });
  });

  it('adds per-area gaps', () => {
    const summary = summarizeSignalCoverage({
      population,
      coverage,
      operatorNames: ['Viettel', 'MobiFone'],
      thresholdDbm: -110,
      areas: { labels: Int32Array.of(0, 0, 1, 1, 1, -1), names: ['Xã A', 'Xã B'] },
    });
    expect(summary.gapsByArea).toEqual([
      { area: 0, name: 'Xã A', populationTotal: 30, populationCovered: 30, populationUncovered: 0 },
      { area: 1, name: 'Xã B', populationTotal: 70, populationCovered: 0, populationUncovered: 70 },
    ]);
  });

  it('refuses a band that is not the whole grid', () => {
    expect(() =>
      summarizeSignalCoverage({
        population,
        coverage: { ...coverage, rowEnd: 1 },
        operatorNames: ['Viettel', 'MobiFone'],
        thresholdDbm: -110,
      }),
    ).toThrow(RangeError);
  });
});

describe('summarizeGapsByArea on a raster with a nodata value', () => {
  it('skips nodata and cells outside the mask', () => {
    const gaps = summarizeGapsByArea({
      values: Float32Array.of(5, -99999, 7, 11),
      nodata: -99999,
      covered: Uint8Array.of(1, 1, 0, 4),
      labels: Int32Array.of(0, 0, 0, 0),
      names: ['all'],
      mask: Uint8Array.of(1, 1, 1, 0),
    });
    expect(gaps).toEqual([{ area: 0, name: 'all', populationTotal: 12, populationCovered: 5, populationUncovered: 7 }]);
  });
});

describe('area labels', () => {
  const grid = { width: 4, height: 2, originLon: 0, originLat: 2, cellSizeLonDeg: 1, cellSizeLatDeg: 1 };
  const square = (west: number, east: number) => [
    [
      [west, 0],
      [east, 0],
      [east, 2],
      [west, 2],
      [west, 0],
    ],
  ];

  it('labels each cell with the first area containing its centre', () => {
    const labels = labelCellCentresInAreas(grid, [[square(0, 2)], [square(1, 3)]]);
    // centres at lon 0.5, 1.5, 2.5, 3.5: area 0 takes 0.5 and 1.5 (first wins), area 1 takes 2.5
    expect([...labels]).toEqual([0, 0, 1, -1, 0, 0, 1, -1]);
  });

  it('carries labels to a finer aligned grid by the source cell under each centre', () => {
    const fine = { width: 8, height: 4, originLon: 0, originLat: 2, cellSizeLonDeg: 0.5, cellSizeLatDeg: 0.5 };
    const labels = transferCellLabels(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7), grid, fine);
    expect([...labels.slice(0, 8)]).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect([...labels.slice(24, 32)]).toEqual([4, 4, 5, 5, 6, 6, 7, 7]);
  });
});
