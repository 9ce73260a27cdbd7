import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoundaryFileError } from '../../../src/core/geo/boundaryFileError';
import { parseBoundaryGeoJson } from '../../../src/core/geo/parseBoundaryGeoJson';

const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 1, lat],
    [lon + 1, lat + 1],
    [lon, lat + 1],
    [lon, lat],
  ],
];

describe('parseBoundaryGeoJson', () => {
  it('reads a fixture Feature whose Polygon has a hole', () => {
    const text = readFileSync(
      new URL('../../fixtures/boundary/da_nang_pentagon_with_hole.geojson', import.meta.url),
      'utf8',
    );
    const polygons = parseBoundaryGeoJson(text);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
    expect(polygons[0][0][0]).toEqual([108.1, 15.95]);
  });

  it('collects polygons from every container type, ignoring other geometries', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'MultiPolygon', coordinates: [square(2, 0), square(4, 0)] },
        },
        { type: 'Feature', properties: {}, geometry: null },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'GeometryCollection',
            geometries: [
              { type: 'Point', coordinates: [0, 0] },
              { type: 'Polygon', coordinates: square(6, 0) },
            ],
          },
        },
      ],
    };
    const polygons = parseBoundaryGeoJson(JSON.stringify(collection));
    expect(polygons.map((polygon) => polygon[0][0][0])).toEqual([0, 2, 4, 6]);
    expect(parseBoundaryGeoJson(JSON.stringify({ type: 'Polygon', coordinates: square(1, 1) }))).toHaveLength(1);
  });

  it('throws BoundaryFileError when there is no polygon, saying what there was', () => {
    const text = readFileSync(new URL('../../fixtures/boundary/lines_only.geojson', import.meta.url), 'utf8');
    expect(() => parseBoundaryGeoJson(text)).toThrow(
      new BoundaryFileError('no Polygon or MultiPolygon in the boundary file (found: LineString x1)', {
        code: 'noPolygon',
        params: { found: 'LineString x1' },
      }),
    );
  });

  it('throws BoundaryFileError for invalid JSON and for projected coordinates', () => {
    expect(() => parseBoundaryGeoJson('{"type": "Polygon", ')).toThrow(/^invalid JSON/);
    const projected = {
      type: 'Polygon',
      coordinates: [
        [
          [500000, 2300000],
          [510000, 2300000],
          [510000, 2310000],
        ],
      ],
    };
    expect(() => parseBoundaryGeoJson(JSON.stringify(projected))).toThrow(/not longitude\/latitude degrees/);
    const malformed = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 2],
          ['a', 3],
          [4, 5],
        ],
      ],
    };
    expect(() => parseBoundaryGeoJson(JSON.stringify(malformed))).toThrow(BoundaryFileError);
  });
});
