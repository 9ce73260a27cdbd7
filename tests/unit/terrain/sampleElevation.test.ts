import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import type { ElevationRaster } from '../../../src/core/terrain/elevationRaster';
import { finestSpacingAlongPathM } from '../../../src/core/terrain/finestSpacingAlongPathM';
import { greatCircleProfile } from '../../../src/core/terrain/greatCircleProfile';
import { OutsideElevationError } from '../../../src/core/terrain/outsideElevationError';
import { rasterSpacingM } from '../../../src/core/terrain/rasterSpacingM';
import { type ElevationHit, sampleElevation } from '../../../src/core/terrain/sampleElevation';

/** A degree grid whose first sample is at (west, north). */
function degreeRaster(
  name: string,
  west: number,
  north: number,
  spacingDeg: number,
  width: number,
  values: number[],
): ElevationRaster {
  return {
    name,
    width,
    height: values.length / width,
    firstSampleX: west,
    firstSampleY: north,
    spacingX: spacingDeg,
    spacingY: spacingDeg,
    heightsM: Float32Array.from(values),
    crs: resolveCrs('EPSG:4326'),
    samplesAt: 'grid-point',
  };
}

describe('sampleElevation', () => {
  // At the equator a degree grid's cells are square on the ground.
  const raster = degreeRaster('a', 0, 0.02, 0.01, 3, [0, 10, 20, 30, 40, 50, 60, 70, 80]);

  it('interpolates bilinearly between the four samples around the point', () => {
    const mosaic = buildElevationMosaic([raster]);
    // column 0.25, row 0.5: north row 0·0.75 + 10·0.25 = 2.5, south row 30·0.75 + 40·0.25 = 32.5 → 17.5
    expect(sampleElevation(mosaic, 0.0025, 0.015)).toBeCloseTo(17.5, 9);
    expect(sampleElevation(mosaic, 0.01, 0.01)).toBeCloseTo(40, 9);
    // The last row and column are covered (the stencil steps back one sample).
    expect(sampleElevation(mosaic, 0.02, 0)).toBeCloseTo(80, 9);
    expect(sampleElevation(mosaic, 0.015, 0)).toBeCloseTo(75, 9);
  });

  it('is NaN outside the sample extent', () => {
    const mosaic = buildElevationMosaic([raster]);
    expect(sampleElevation(mosaic, -0.0001, 0.01)).toBeNaN();
    expect(sampleElevation(mosaic, 0.01, 0.0201)).toBeNaN();
  });

  it('replaces a void of the stencil with the nearest valid of the four samples', () => {
    // Stencil NW void, NE 10, SW 20, SE 30; point at column 0.2, row 0.1: nearest valid is NE (0.8² + 0.1² = 0.65
    // cells², SW 0.2² + 0.9² = 0.85), so NW takes 10: 0.9·(0.8·10 + 0.2·10) + 0.1·(0.8·20 + 0.2·30) = 11.2.
    const voided = degreeRaster('v', 0, 0.01, 0.01, 2, [Number.NaN, 10, 20, 30]);
    expect(sampleElevation(buildElevationMosaic([voided]), 0.002, 0.009)).toBeCloseTo(11.2, 9);
    // Nearer the south-west corner the same void takes SW's 20: column 0.2, row 0.7 → NW = 20:
    // 0.3·(0.8·20 + 0.2·10) + 0.7·(0.8·20 + 0.2·30) = 5.4 + 15.4 = 20.8
    expect(sampleElevation(buildElevationMosaic([voided]), 0.002, 0.003)).toBeCloseTo(20.8, 9);
  });

  it('gives 0 when all four are voids, or asks the next DEM with allVoidStencil: next-dem', () => {
    const empty = degreeRaster('empty', 0, 0.01, 0.005, 3, new Array(9).fill(Number.NaN));
    const coarse = degreeRaster('coarse', -1, 1, 1, 3, new Array(9).fill(100));
    expect(sampleElevation(buildElevationMosaic([empty, coarse]), 0.004, 0.004)).toBe(0);
    const hit: ElevationHit = { layerIndex: -1 };
    const fallback = buildElevationMosaic([empty, coarse], { allVoidStencil: 'next-dem' });
    expect(sampleElevation(fallback, 0.004, 0.004, hit)).toBeCloseTo(100, 9);
    expect(fallback.layers[hit.layerIndex].raster.name).toBe('coarse');
  });

  it('takes the finest DEM covering the point, whatever the order given', () => {
    const fine = degreeRaster('fine', 0, 0.01, 0.005, 3, new Array(9).fill(5));
    const coarse = degreeRaster('coarse', -1, 1, 1, 3, new Array(9).fill(100));
    for (const mosaic of [buildElevationMosaic([coarse, fine]), buildElevationMosaic([fine, coarse])]) {
      expect(mosaic.layers.map((layer) => layer.raster.name)).toEqual(['fine', 'coarse']);
      expect(sampleElevation(mosaic, 0.004, 0.004)).toBeCloseTo(5, 9);
      expect(sampleElevation(mosaic, 0.5, 0.5)).toBeCloseTo(100, 9);
    }
  });

  it('samples a UTM DEM by converting lon/lat to x/y', () => {
    // Heights = easting / 100 on a 30 m grid: bilinear interpolation of a plane is exact.
    const width = 50;
    const values: number[] = [];
    for (let row = 0; row < 50; row++)
      for (let column = 0; column < width; column++) values.push((500000 + column * 30) / 100);
    const utm: ElevationRaster = {
      name: 'utm',
      width,
      height: 50,
      firstSampleX: 500000,
      firstSampleY: 2330000,
      spacingX: 30,
      spacingY: 30,
      heightsM: Float32Array.from(values),
      crs: resolveCrs('EPSG:32648'),
      samplesAt: 'pixel-centre',
    };
    const [lon, lat] = proj4('+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs', 'WGS84', [500700.5, 2329500.25]);
    expect(sampleElevation(buildElevationMosaic([utm]), lon, lat)).toBeCloseTo(5007.005, 2);
    expect(rasterSpacingM(utm, 21)).toEqual({ eastWestM: 30, northSouthM: 30 });
  });
});

describe('profile spacing and coverage', () => {
  it('degree grid spacing: Δlon·(π/180)·R·cos(midLat) and Δlat·(π/180)·R', () => {
    const tile = degreeRaster('t', 105, 22, 1 / 1200, 2, [0, 0, 0, 0]);
    const spacing = rasterSpacingM(tile, 21.5);
    expect(spacing.northSouthM).toBeCloseTo(((Math.PI / 180) * 6_371_008.8) / 1200, 9);
    expect(spacing.eastWestM).toBeCloseTo(
      (((Math.PI / 180) * 6_371_008.8) / 1200) * Math.cos((21.5 * Math.PI) / 180),
      9,
    );
  });

  it('takes s from the finest DEM the path crosses, even when it covers neither end', () => {
    const coarse = degreeRaster('coarse', 0, 1, 0.01, 101, new Array(101 * 101).fill(0));
    const fine = degreeRaster('fine', 0.5, 0.6, 0.001, 11, new Array(121).fill(7));
    const mosaic = buildElevationMosaic([coarse, fine]);
    const spacing = finestSpacingAlongPathM(mosaic, 0.1, 0.595, 0.9, 0.595);
    expect(mosaic.layers[spacing?.layerIndex ?? -1].raster.name).toBe('fine');
    expect(spacing?.spacingM).toBeCloseTo(rasterSpacingM(fine, 0.595).eastWestM, 9);
    const profile = greatCircleProfile(mosaic, 0.1, 0.595, 0.9, 0.595);
    expect(profile.intervals).toBe(Math.ceil(profile.distanceM / (spacing?.spacingM ?? 1)));
    expect(profile.demNamesUsed).toEqual(['fine', 'coarse']);
    expect(Math.max(...profile.groundHeightsM)).toBe(7);
    // A path that misses the fine DEM takes the coarse spacing.
    expect(finestSpacingAlongPathM(mosaic, 0.1, 0.2, 0.9, 0.2)?.spacingM).toBeCloseTo(
      rasterSpacingM(coarse, 0.2).eastWestM,
      9,
    );
  });

  it('throws OutsideElevationError for an end outside every DEM', () => {
    const mosaic = buildElevationMosaic([degreeRaster('t', 0, 1, 0.5, 3, new Array(9).fill(1))]);
    expect(() => greatCircleProfile(mosaic, 0.5, 0.5, 1.5, 0.5)).toThrow(OutsideElevationError);
    expect(() => greatCircleProfile(mosaic, 0.5, 0.5, 1.5, 0.5)).toThrow(/the end point \(1\.500000, 0\.500000\)/);
  });

  it('puts the points at fractions i/N of the great circle', () => {
    const mosaic = buildElevationMosaic([degreeRaster('t', 0, 1, 0.5, 3, new Array(9).fill(1))]);
    const profile = greatCircleProfile(mosaic, 0.1, 0.1, 0.9, 0.8);
    const i = Math.floor(profile.intervals / 3);
    // Distances from both ends add up and split at i/N.
    const R = 6_371_008.8;
    const rad = Math.PI / 180;
    const hav = (lon1: number, lat1: number, lon2: number, lat2: number) =>
      2 *
      R *
      Math.asin(
        Math.sqrt(
          Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
            Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2,
        ),
      );
    const fromStart = hav(0.1, 0.1, profile.lonDeg[i], profile.latDeg[i]);
    const toEnd = hav(profile.lonDeg[i], profile.latDeg[i], 0.9, 0.8);
    expect(fromStart).toBeCloseTo((profile.distanceM * i) / profile.intervals, 4);
    expect(fromStart + toEnd).toBeCloseTo(profile.distanceM, 4);
  });
});
