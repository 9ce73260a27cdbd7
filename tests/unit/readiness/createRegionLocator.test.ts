import { readFileSync } from 'node:fs';
import { bbox, booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createRegionLocator, locatePointsInRegions } from '../../../src/core/geo/createRegionLocator';
import type { LonLatPolygon } from '../../../src/core/geo/lonLatPolygon';
import { maskCellCentresInPolygons } from '../../../src/core/geo/maskCellCentresInPolygons';
import { parseRegionsGeoJson } from '../../../src/core/geo/parseRegionsGeoJson';
import { seededRandom } from '../../../src/core/util/seededRandom';

const NATIONAL_PROVINCES = new URL('../../../data/national/provinces.geojson', import.meta.url);

const square = (w: number, s: number, e: number, n: number): number[][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

describe('createRegionLocator', () => {
  it('cuts holes, unites parts and gives a point in two overlapping regions to the first', () => {
    const regions: LonLatPolygon[][] = [
      [[square(0, 0, 10, 10), square(4, 4, 6, 6)]], // a square with a hole
      [[square(4.5, 4.5, 5.5, 5.5)], [square(20, 0, 21, 1)]], // inside the hole, plus a far part
      [[square(8, 8, 12, 12)]], // overlaps region 0
    ];
    const locator = createRegionLocator(regions);
    expect(locator.locate(1, 1)).toBe(0);
    expect(locator.locate(4.2, 5)).toBe(-1); // in the hole, outside region 1
    expect(locator.locate(5, 5)).toBe(1);
    expect(locator.locate(20.5, 0.5)).toBe(1);
    expect(locator.locate(9, 9)).toBe(0); // in 0 and 2: the first
    expect(locator.locate(11, 11)).toBe(2);
    expect(locator.locate(-1, 5)).toBe(-1);
    expect(locator.locate(5, 30)).toBe(-1);
    expect(createRegionLocator([]).locate(0, 0)).toBe(-1);
  });

  it('agrees with maskCellCentresInPolygons on every cell centre, including centres on an edge', () => {
    // Edges on cell-centre longitudes and latitudes: the even-odd tie rules must match exactly.
    const grid = { width: 20, height: 20, originLon: 0, originLat: 20, cellSizeLonDeg: 1, cellSizeLatDeg: 1 };
    const region: LonLatPolygon[] = [
      [
        [
          [2.5, 2.5],
          [12.5, 3.5],
          [15.5, 15.5],
          [7.5, 17.5],
          [3.5, 10.5],
          [2.5, 2.5],
        ],
        square(6.5, 8.5, 9.5, 11.5),
      ],
    ];
    const mask = maskCellCentresInPolygons(grid, region);
    const locator = createRegionLocator([region]);
    for (let row = 0; row < grid.height; row++) {
      for (let col = 0; col < grid.width; col++) {
        const inside = locator.locate(col + 0.5, 20 - (row + 0.5)) === 0;
        expect(inside, `cell ${row},${col}`).toBe(mask[row * grid.width + col] === 1);
      }
    }
  });

  it('agrees with turf booleanPointInPolygon on 10,000 random points over the 34 provinces', () => {
    const provinces = parseRegionsGeoJson(readFileSync(NATIONAL_PROVINCES, 'utf8'));
    const features = provinces.map((province) => {
      const feature = multiPolygon(province.polygons);
      feature.bbox = bbox(feature); // lets turf skip provinces whose box misses the point
      return feature;
    });
    const random = seededRandom(5);
    const lon = new Float64Array(10_000);
    const lat = new Float64Array(10_000);
    for (let i = 0; i < lon.length; i++) {
      lon[i] = 102.1 + random() * 7.5;
      lat[i] = 8.3 + random() * 15.2;
    }
    const located = locatePointsInRegions(
      lon,
      lat,
      provinces.map((province) => province.polygons),
    );
    let inside = 0;
    for (let i = 0; i < lon.length; i++) {
      const expected = features.findIndex((feature) => booleanPointInPolygon(point([lon[i], lat[i]]), feature));
      expect(located[i], `point ${lon[i]}, ${lat[i]}`).toBe(expected);
      if (expected >= 0) inside++;
    }
    expect(inside).toBeGreaterThan(2000);
  });
});
