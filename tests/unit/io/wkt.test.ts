import { describe, expect, it } from 'vitest';
import { geometryToWkt, wktToGeometry } from '../../../src/core/io/wkt';

describe('wktToGeometry', () => {
  it('reads a polygon with a hole and a collection, and writes them back the same', () => {
    const text =
      'POLYGON ((108 16, 108.1 16, 108.1 16.1, 108 16), (108.02 16.02, 108.05 16.02, 108.05 16.05, 108.02 16.02))';
    const read = wktToGeometry(text);
    expect(read).toEqual({
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [108, 16],
            [108.1, 16],
            [108.1, 16.1],
            [108, 16],
          ],
          [
            [108.02, 16.02],
            [108.05, 16.02],
            [108.05, 16.05],
            [108.02, 16.02],
          ],
        ],
      },
    });
    if ('geometry' in read) expect(wktToGeometry(geometryToWkt(read.geometry))).toEqual(read);
    const collection = wktToGeometry('GEOMETRYCOLLECTION (POINT (108 16), LINESTRING (108 16, 108.1 16.1))');
    expect(collection).toEqual({
      geometry: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [108, 16] },
          {
            type: 'LineString',
            coordinates: [
              [108, 16],
              [108.1, 16.1],
            ],
          },
        ],
      },
    });
  });

  it('refuses collections nested more than 16 deep with the reason, never a stack overflow', () => {
    const nest = (depth: number) => `${'GEOMETRYCOLLECTION('.repeat(depth)}POINT(108 16)${')'.repeat(depth)}`;
    expect(wktToGeometry(nest(16))).toHaveProperty('geometry.type', 'GeometryCollection');
    expect(wktToGeometry(nest(17))).toEqual({ error: 'not WKT: GEOMETRYCOLLECTIONs nested more than 16 deep' });
    expect(wktToGeometry(nest(50_000))).toEqual({ error: 'not WKT: GEOMETRYCOLLECTIONs nested more than 16 deep' });
  });
});
