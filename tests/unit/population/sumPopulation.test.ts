import { describe, expect, it } from 'vitest';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import { countPopulatedCells } from '../../../src/core/population/countPopulatedCells';
import { sumPopulation } from '../../../src/core/population/sumPopulation';

function grid(values: number[], nodata: number | null): PopulationGrid {
  return {
    width: values.length,
    height: 1,
    originLon: 108,
    originLat: 16,
    cellSizeLonDeg: 0.01,
    cellSizeLatDeg: 0.01,
    nodata,
    values: new Float32Array(values),
  };
}

describe('sumPopulation and countPopulatedCells', () => {
  it('skip nodata and NaN cells', () => {
    const cells = grid([10.5, -99999, Number.NaN, 0, 4.25, 2], -99999);
    expect(sumPopulation(cells)).toBe(16.75);
    expect(countPopulatedCells(cells)).toBe(3);
  });

  it('count only cells inside the mask', () => {
    const cells = grid([10.5, -99999, Number.NaN, 0, 4.25, 2], -99999);
    const mask = new Uint8Array([1, 1, 1, 1, 0, 1]);
    expect(sumPopulation(cells, mask)).toBe(12.5);
    expect(countPopulatedCells(cells, mask)).toBe(2);
  });

  it('treat every finite value as data when the grid has no nodata value', () => {
    expect(sumPopulation(grid([1, -99999, 2], null))).toBe(-99996);
  });

  it('sum many small fractional cells without float32 drift', () => {
    const count = 1_000_000;
    const cells = grid(new Array(count).fill(0.1), null);
    // Each float32 0.1 is 0.100000001490116...; the exact total follows.
    expect(sumPopulation(cells)).toBeCloseTo(count * Math.fround(0.1), 6);
  });

  it('refuse a mask of another size', () => {
    expect(() => sumPopulation(grid([1, 2], null), new Uint8Array(3))).toThrow(RangeError);
  });
});
