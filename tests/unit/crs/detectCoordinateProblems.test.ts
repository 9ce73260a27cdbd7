import { describe, expect, it } from 'vitest';
import { detectCoordinateProblems } from '../../../src/core/crs/detectCoordinateProblems';
import { createFromWgs84 } from '../../../src/core/crs/transformToWgs84';
import type { LonLatPolygon } from '../../../src/core/geo/lonLatPolygon';

/** A box around central Đà Nẵng (the area a province boundary would give). */
const DA_NANG: LonLatPolygon = [
  [
    [108.15, 16.0],
    [108.3, 16.0],
    [108.3, 16.1],
    [108.15, 16.1],
    [108.15, 16.0],
  ],
];

describe('detectCoordinateProblems', () => {
  it('finds nothing wrong with WGS 84 points in Vietnam', () => {
    const report = detectCoordinateProblems([
      { row: 1, x: 108.22, y: 16.07 },
      { row: 2, x: 105.85, y: 21.03 },
    ]);
    expect(report.checked).toBe(2);
    expect(report.messages).toEqual([]);
  });

  it('counts swapped pairs and points outside Vietnam, with example rows', () => {
    const report = detectCoordinateProblems([
      { row: 1, x: 108.22, y: 16.07 },
      { row: 2, x: 16.05, y: 108.2 },
      { row: 3, x: 21.03, y: 105.85 },
      { row: 4, x: 2.35, y: 48.86 },
    ]);
    expect(report.swapped).toEqual({
      count: 2,
      examples: [
        { row: 2, x: 16.05, y: 108.2 },
        { row: 3, x: 21.03, y: 105.85 },
      ],
    });
    expect(report.outsideVietnam.count).toBe(1);
    expect(report.messages[0]).toMatch(/^2 of 4 points fall in Vietnam only with the two coordinates exchanged/);
    expect(report.messages[1]).toMatch(/^1 of 4 points are outside Vietnam in EPSG:4326 \(e\.g\. line 4/);
  });

  it('keeps at most five examples however many rows are wrong', () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ row: i + 1, x: 2.35, y: 48.86 }));
    const report = detectCoordinateProblems(points);
    expect(report.outsideVietnam.count).toBe(40);
    expect(report.outsideVietnam.examples.map((e) => e.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('recognises VN-2000 metres given as degrees, the survey X = northing order, and the zone from the province', () => {
    const toGrid = createFromWgs84('vn2000:107.75');
    const points = [
      [108.2208, 16.0678],
      [108.2022, 16.0544],
      [108.245, 16.0471],
    ].map(([lon, lat], i) => {
      const [easting, northing] = toGrid(lon, lat) as [number, number];
      return { row: i + 1, x: northing, y: easting }; // survey order
    });
    const report = detectCoordinateProblems(points, { areaPolygons: [DA_NANG], areaName: 'Đà Nẵng' });
    expect(report.projected.count).toBe(3);
    expect(report.northingFirst).toBe(true);
    expect(report.suggestedCrs[0]).toBe('vn2000:107.75');
    expect(report.suggestedCrs).not.toContain('vn2000:105');
    expect(report.messages[0]).toMatch(
      /3 of 3 coordinate pairs are metres of a projected CRS.*vn2000:107\.75.*X = northing/,
    );
    // Without the province, zones cannot be told apart: the message names how to choose instead.
    expect(detectCoordinateProblems(points).messages[0]).toContain('TM-3 zone of its province');
  });

  it('reports points outside the chosen province once the CRS is right', () => {
    const report = detectCoordinateProblems(
      [
        { row: 1, x: 108.22, y: 16.07 },
        { row: 2, x: 105.85, y: 21.03 },
      ],
      { areaPolygons: [DA_NANG], areaName: 'Đà Nẵng' },
    );
    expect(report.outsideProvince).toEqual({ count: 1, examples: [{ row: 2, x: 105.85, y: 21.03 }] });
    expect(report.messages).toEqual(['1 of 2 points are outside Đà Nẵng (e.g. line 2 (105.85, 21.03))']);
  });

  it('checks projected values in the CRS given', () => {
    const [easting, northing] = createFromWgs84('EPSG:32649')(108.22, 16.07) as [number, number];
    const report = detectCoordinateProblems([{ row: 1, x: easting, y: northing }], { crs: 'EPSG:32649' });
    expect(report.messages).toEqual([]);
  });
});
