import { describe, expect, it } from 'vitest';
import { makeAnalysisGrid } from '../../../src/core/geo/makeAnalysisGrid';

// A WorldPop-like grid: 30" cells (1/120°) at 16°N.
const source = {
  width: 10,
  height: 8,
  originLon: 108,
  originLat: 16.05,
  cellSizeLonDeg: 1 / 120,
  cellSizeLatDeg: 1 / 120,
};

describe('makeAnalysisGrid', () => {
  it('splits each 30" cell into 9 x 9 cells for 100 m at 16°N', () => {
    // north-south: 1/120° x pi/180 x 6,371,008.8 m = 926.6 m -> round(9.27) = 9 -> 103.0 m
    // east-west at the middle latitude 16.0167°: 926.6 x cos(16.0167°) = 890.6 m -> round(8.91) = 9 -> 99.0 m
    const grid = makeAnalysisGrid(source, 100);
    expect(grid.width).toBe(90);
    expect(grid.height).toBe(72);
    expect(grid.cellSizeLatDeg).toBeCloseTo(1 / 1080, 15);
    expect(grid.cellSizeLonDeg).toBeCloseTo(1 / 1080, 15);
    expect(grid.cellHeightM).toBeCloseTo(102.95, 1);
    expect(grid.cellWidthM).toBeCloseTo(98.96, 1);
    expect([grid.originLon, grid.originLat]).toEqual([108, 16.05]);
  });

  it('groups whole source cells for a grid coarser than the source', () => {
    // 2 km / 926.6 m = 2.16 -> 2; 2 km / 890.6 m = 2.25 -> 2: 5 x 4 cells of 1/60°
    const grid = makeAnalysisGrid(source, 2000);
    expect([grid.width, grid.height]).toEqual([5, 4]);
    expect(grid.cellSizeLonDeg).toBeCloseTo(1 / 60, 15);
    expect(makeAnalysisGrid({ ...source, width: 11 }, 2000).width).toBe(6); // a partial group at the east edge
  });

  it('covers a bbox with cells of the size asked', () => {
    // 0.1° of latitude = 11,119.5 m -> 112 cells of 100 m (the last one partly outside)
    const grid = makeAnalysisGrid([108, 16, 108.1, 16.1], 100);
    expect(grid.height).toBe(112);
    expect(grid.cellHeightM).toBeCloseTo(100, 9);
    expect(grid.cellWidthM).toBeCloseTo(100, 9);
    expect([grid.originLon, grid.originLat]).toEqual([108, 16.1]);
  });

  it('rejects a size that is not positive', () => {
    expect(() => makeAnalysisGrid(source, 0)).toThrow(RangeError);
  });
});
