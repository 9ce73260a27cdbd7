import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { VIEWSHED_HIDDEN, VIEWSHED_OUTSIDE_RADIUS, VIEWSHED_VISIBLE } from '../../../src/core/terrain/computeViewshed';
import type { ElevationRaster } from '../../../src/core/terrain/elevationRaster';
import {
  VIEWSHED_HIDDEN_RGBA,
  VIEWSHED_VISIBLE_RGBA,
  viewshedImagePixels,
} from '../../../src/core/terrain/viewshedImagePixels';
import { viewshedWindowCorners } from '../../../src/core/terrain/viewshedWindowCorners';

describe('viewshedImagePixels', () => {
  it('tints visible cells green, hidden ones faint grey, and leaves cells outside the radius transparent', () => {
    const pixels = viewshedImagePixels(
      new Uint8Array([VIEWSHED_VISIBLE, VIEWSHED_HIDDEN, VIEWSHED_OUTSIDE_RADIUS, VIEWSHED_VISIBLE]),
    );
    expect(Array.from(pixels)).toEqual([
      ...VIEWSHED_VISIBLE_RGBA,
      ...VIEWSHED_HIDDEN_RGBA,
      0,
      0,
      0,
      0,
      ...VIEWSHED_VISIBLE_RGBA,
    ]);
    // Translucent both, the hidden veil fainter than the visible tint.
    expect(VIEWSHED_VISIBLE_RGBA[3]).toBeLessThan(255);
    expect(VIEWSHED_HIDDEN_RGBA[3]).toBeLessThan(VIEWSHED_VISIBLE_RGBA[3]);
  });
});

describe('viewshedWindowCorners', () => {
  it("places the window's pixels on their cells' samples, half a spacing beyond the outer ones", () => {
    // Samples every 0.01° from 108°E, 16°N (row 0) southwards; the window is columns 2-4, rows 3-4.
    const raster: ElevationRaster = {
      name: 'grid',
      width: 10,
      height: 10,
      firstSampleX: 108,
      firstSampleY: 16,
      spacingX: 0.01,
      spacingY: 0.01,
      heightsM: new Float32Array(100),
      crs: resolveCrs('EPSG:4326'),
      samplesAt: 'pixel-centre',
    };
    const corners = viewshedWindowCorners(raster, {
      firstColumn: 2,
      firstRow: 3,
      width: 3,
      height: 2,
      values: new Uint8Array(6),
    });
    // West edge 108.02 - 0.005, east 108.04 + 0.005; north 15.97 + 0.005, south 15.96 - 0.005.
    const expected = [
      [108.015, 15.955],
      [108.015, 15.975],
      [108.045, 15.975],
      [108.045, 15.955],
    ];
    expect(corners).not.toBeNull();
    corners?.forEach((corner, i) => {
      expect(corner[0]).toBeCloseTo(expected[i][0], 12);
      expect(corner[1]).toBeCloseTo(expected[i][1], 12);
    });
  });
});
