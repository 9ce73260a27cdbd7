import { booleanPointInPolygon, point, polygon as turfPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { LonLatPolygon } from '../../../src/core/geo/lonLatPolygon';
import { type GridGeometry, maskCellCentresInPolygons } from '../../../src/core/geo/maskCellCentresInPolygons';
import { seededRandom } from '../../../src/core/util/seededRandom';

/** A closed star-shaped (so simple) ring around a centre, counter-clockwise. */
function starRing(random: () => number, lon: number, lat: number, minRadius: number, maxRadius: number): number[][] {
  const vertexCount = 7 + Math.floor(random() * 20);
  const ring: number[][] = [];
  for (let i = 0; i < vertexCount; i++) {
    const angle = (2 * Math.PI * (i + random() * 0.8)) / vertexCount;
    const radius = minRadius + random() * (maxRadius - minRadius);
    ring.push([lon + radius * Math.cos(angle), lat + radius * Math.sin(angle)]);
  }
  ring.push([...ring[0]]);
  return ring;
}

/** Brute force: test every cell centre with turf, union over polygons. */
function bruteForceMask(grid: GridGeometry, polygons: LonLatPolygon[]): Uint8Array {
  const turfPolygons = polygons.map((rings) => turfPolygon(rings));
  const mask = new Uint8Array(grid.width * grid.height);
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const centre = point([
        grid.originLon + (col + 0.5) * grid.cellSizeLonDeg,
        grid.originLat - (row + 0.5) * grid.cellSizeLatDeg,
      ]);
      if (turfPolygons.some((candidate) => booleanPointInPolygon(centre, candidate))) mask[row * grid.width + col] = 1;
    }
  }
  return mask;
}

function countSet(mask: Uint8Array): number {
  return mask.reduce((sum, value) => sum + value, 0);
}

describe('maskCellCentresInPolygons', () => {
  it('matches turf booleanPointInPolygon on a polygon with a hole, over a random grid', () => {
    const random = seededRandom(20240601);
    const grid: GridGeometry = {
      width: 170,
      height: 130,
      originLon: 107.9 + random() * 0.01,
      originLat: 16.35 + random() * 0.01,
      cellSizeLonDeg: 0.0031 + random() * 0.001,
      cellSizeLatDeg: 0.0029 + random() * 0.001,
    };
    const outer = starRing(random, 108.17, 16.15, 0.12, 0.2);
    const hole = starRing(random, 108.17, 16.15, 0.03, 0.08).reverse();
    const polygons = [[outer, hole]];
    const mask = maskCellCentresInPolygons(grid, polygons);
    const expected = bruteForceMask(grid, polygons);
    expect(countSet(expected)).toBeGreaterThan(2000);
    // The hole really removes cells.
    expect(countSet(expected)).toBeLessThan(countSet(bruteForceMask(grid, [[outer]])));
    expect(Array.from(mask)).toEqual(Array.from(expected));
  });

  it('matches turf on a multipolygon: overlapping parts united, a part with a hole, a part off the grid edge', () => {
    const random = seededRandom(7);
    const grid: GridGeometry = {
      width: 150,
      height: 160,
      originLon: 105.0,
      originLat: 21.5,
      cellSizeLonDeg: 1 / 120,
      cellSizeLatDeg: 1 / 120,
    };
    const polygons: LonLatPolygon[] = [
      [starRing(random, 105.4, 21.1, 0.1, 0.3)],
      [starRing(random, 105.6, 21.0, 0.1, 0.3)],
      [starRing(random, 105.9, 20.4, 0.15, 0.25), starRing(random, 105.9, 20.4, 0.02, 0.1)],
      // Sticks out of the grid to the west and south: clipped, not wrapped.
      [starRing(random, 105.0, 20.2, 0.2, 0.4)],
    ];
    const mask = maskCellCentresInPolygons(grid, polygons);
    const expected = bruteForceMask(grid, polygons);
    // The union counts overlapping cells once: fewer than the parts' masks added up.
    const separateCounts = polygons.map((part) => countSet(bruteForceMask(grid, [part])));
    expect(countSet(expected)).toBeGreaterThan(3000);
    expect(countSet(expected)).toBeLessThan(separateCounts.reduce((sum, count) => sum + count, 0));
    expect(Array.from(mask)).toEqual(Array.from(expected));
  });

  it('counts a vertex lying exactly on a row centre once (hand-checked diamond)', () => {
    // Centres at lon 0.5..3.5 and lat 3.5..0.5; the side vertices sit exactly on row 1's latitude (2.5).
    const grid: GridGeometry = {
      width: 4,
      height: 4,
      originLon: 0,
      originLat: 4,
      cellSizeLonDeg: 1,
      cellSizeLatDeg: 1,
    };
    const diamond: LonLatPolygon = [
      [
        [2, 3.9],
        [0.8, 2.5],
        [2, 0.1],
        [3.2, 2.5],
        [2, 3.9],
      ],
    ];
    const mask = maskCellCentresInPolygons(grid, [diamond]);
    // Row 0 spans lon [1.66, 2.34): no centre; row 1 [0.8, 3.2): 1.5, 2.5; row 2 [1.3, 2.7): 1.5, 2.5; row 3 none.
    expect(Array.from(mask)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(mask)).toEqual(Array.from(bruteForceMask(grid, [diamond])));
  });

  it('accepts rings that do not repeat their first position', () => {
    const grid: GridGeometry = {
      width: 4,
      height: 4,
      originLon: 0,
      originLat: 4,
      cellSizeLonDeg: 1,
      cellSizeLatDeg: 1,
    };
    const open: LonLatPolygon = [
      [
        [0.9, 0.9],
        [3.1, 0.9],
        [3.1, 3.1],
        [0.9, 3.1],
      ],
    ];
    expect(countSet(maskCellCentresInPolygons(grid, [open]))).toBe(4);
  });
});
