import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { haversineDistanceM } from '../../../src/core/geo/haversineDistanceM';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import { computeViewshed, VIEWSHED_OUTSIDE_RADIUS } from '../../../src/core/terrain/computeViewshed';
import type { ElevationRaster } from '../../../src/core/terrain/elevationRaster';
import { OutsideElevationError } from '../../../src/core/terrain/outsideElevationError';

function flatRaster(name: string, west: number, north: number, spacingDeg: number, side: number, heightM: number) {
  const raster: ElevationRaster = {
    name,
    width: side,
    height: side,
    firstSampleX: west,
    firstSampleY: north,
    spacingX: spacingDeg,
    spacingY: spacingDeg,
    heightsM: new Float32Array(side * side).fill(heightM),
    crs: resolveCrs('EPSG:4326'),
    samplesAt: 'grid-point',
  };
  return raster;
}

describe('computeViewshed', () => {
  it('on flat ground within the radio horizon sees every cell of the disc but its own', async () => {
    // 0.001° ≈ 111 m cells at the equator; 1 km radius: about π·9² ≈ 250 cells, all visible from 30 m.
    const raster = flatRaster('flat', 0, 0.05, 0.001, 101, 10);
    const result = await computeViewshed(buildElevationMosaic([raster]), {
      siteLonDeg: 0.05,
      siteLatDeg: 0.0,
      heightM: 30,
      radiusM: 1000,
    });
    expect(result.cellsInRadius).toBeGreaterThan(200);
    expect(result.visibleCells).toBe(result.cellsInRadius);
    expect(result.visibleFraction).toBe(1);
    expect([result.siteColumn, result.siteRow]).toEqual([50, 50]);
    const inRadius = result.window.values.filter((value) => value !== VIEWSHED_OUTSIDE_RADIUS).length;
    expect(inRadius).toBe(result.cellsInRadius + 1);
  });

  it('counts the cells of the finest DEM covering the site, not those of a coarser one', async () => {
    const fine = flatRaster('fine', 0, 0.05, 0.001, 101, 10);
    const coarse = flatRaster('coarse', -1, 1, 0.01, 201, 10);
    const mosaic = buildElevationMosaic([coarse, fine]);
    const result = await computeViewshed(mosaic, { siteLonDeg: 0.05, siteLatDeg: 0.0, heightM: 30, radiusM: 1000 });
    expect(result.demName).toBe('fine');
    const alone = await computeViewshed(buildElevationMosaic([fine]), {
      siteLonDeg: 0.05,
      siteLatDeg: 0.0,
      heightM: 30,
      radiusM: 1000,
    });
    expect(result.cellsInRadius).toBe(alone.cellsInRadius);
  });

  it('over a flat sea sees up to the radio horizon and no farther', async () => {
    // Antennas 1 m and 1.5 m above a sea at 0 m, k = 4/3 (effective radius 8,494.67 km): the horizon is
    // √(2·8494.67·0.001) + √(2·8494.67·0.0015) ≈ 4.12 + 5.05 = 9.17 km.
    const raster = flatRaster('sea', 0, 0.1, 0.005, 41, 0);
    const result = await computeViewshed(buildElevationMosaic([raster]), {
      siteLonDeg: 0.1,
      siteLatDeg: 0.0,
      heightM: 1,
      radiusM: 11000,
    });
    const { window } = result;
    for (let row = 0; row < window.height; row++) {
      for (let column = 0; column < window.width; column++) {
        const value = window.values[row * window.width + column];
        const lon = (window.firstColumn + column) * 0.005;
        const lat = 0.1 - (window.firstRow + row) * 0.005;
        const distanceKm = haversineDistanceM(0.1, 0, lon, lat) / 1000;
        if (distanceKm < 8.9) expect(value).toBe(1);
        else if (distanceKm > 9.4 && distanceKm <= 11) expect(value).toBe(0);
      }
    }
    expect(result.visibleCells).toBeLessThan(result.cellsInRadius);
  });

  it('throws OutsideElevationError for a site outside every DEM', async () => {
    const mosaic = buildElevationMosaic([flatRaster('flat', 0, 0.05, 0.001, 101, 10)]);
    await expect(computeViewshed(mosaic, { siteLonDeg: 1, siteLatDeg: 1, heightM: 30, radiusM: 1000 })).rejects.toThrow(
      OutsideElevationError,
    );
  });
});
