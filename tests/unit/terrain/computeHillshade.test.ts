import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { EARTH_MEAN_RADIUS_M } from '../../../src/core/geo/haversineDistanceM';
import { computeHillshade, DEFAULT_HILLSHADE } from '../../../src/core/terrain/computeHillshade';
import type { ElevationRaster } from '../../../src/core/terrain/elevationRaster';
import { hillshadeImagePixels } from '../../../src/core/terrain/hillshadeImagePixels';
import { rasterImageCorners } from '../../../src/core/terrain/rasterImageCorners';
import { summarizeElevationRaster } from '../../../src/core/terrain/summarizeElevationRaster';

const SIZE = 7;
const SPACING_M = 30;

/** A UTM grid (square 30 m cells) whose heights are heightAt(east, north) in metres, north row first. */
function metreRaster(heightAt: (eastM: number, northM: number) => number): ElevationRaster {
  const heightsM = new Float32Array(SIZE * SIZE);
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) heightsM[row * SIZE + col] = heightAt(col * SPACING_M, -row * SPACING_M);
  }
  return {
    name: 'plane',
    width: SIZE,
    height: SIZE,
    firstSampleX: 800_000,
    firstSampleY: 1_780_000,
    spacingX: SPACING_M,
    spacingY: SPACING_M,
    heightsM,
    crs: resolveCrs('EPSG:32648'),
    samplesAt: 'pixel-centre',
  };
}

/** Interior samples only: at the edges the missing neighbours take the centre's height. */
function interior(values: Float32Array): number[] {
  const out: number[] = [];
  for (let row = 1; row < SIZE - 1; row++) for (let col = 1; col < SIZE - 1; col++) out.push(values[row * SIZE + col]);
  return out;
}

describe('computeHillshade (Horn, light from 315°, 45° up)', () => {
  it('lights flat ground at sin(45°) = 0.7071', async () => {
    const shade = await computeHillshade(metreRaster(() => 120));
    for (const value of shade) expect(value).toBeCloseTo(Math.SQRT1_2, 6);
  });

  // By hand: the light is the unit vector (east, north, up) = (sin 315° cos 45°, cos 315° cos 45°, sin 45°)
  // = (-1/2, 1/2, 1/√2). A plane z = p·east + q·north has the normal (-p, -q, 1)/|…|; it faces the light when
  // (-p, -q, 1) ∝ (-1/2, 1/2, 1/√2), i.e. p = 1/√2 and q = -1/√2: a 45° slope (|∇z| = 1) going down to the north-west.
  // Its illumination is cos(0) = 1; the opposite slope (p = -1/√2, q = 1/√2) has the normal (1/2, -1/2, 1/√2) and
  // the dot product -1/4 - 1/4 + 1/2 = 0.
  it('lights a 45° slope facing the light at cos(0) = 1 and the opposite slope at 0', async () => {
    const facing = await computeHillshade(metreRaster((e, n) => 500 + Math.SQRT1_2 * (e - n)));
    for (const value of interior(facing)) expect(value).toBeCloseTo(1, 6);
    const away = await computeHillshade(metreRaster((e, n) => 500 - Math.SQRT1_2 * (e - n)));
    for (const value of interior(away)) expect(value).toBeCloseTo(0, 6);
  });

  // A slope of 1 (45°) rising to the east, under a light from the west (270°) at 45°: the normal (-1, 0, 1)/√2 and
  // the light (-1/√2, 0, 1/√2) are parallel, illumination 1, but only if the east-west spacing is measured in
  // metres at the latitude (cos 60° = 0.5 of the equator's): with the equator's metres the slope would read 0.5.
  it('measures a degree grid in metres at each row latitude (the z-factor follows cos(latitude))', async () => {
    const spacingDeg = 1 / 3600;
    const heightsM = new Float32Array(SIZE * SIZE);
    for (let row = 0; row < SIZE; row++) {
      const latDeg = 60 - row * spacingDeg;
      const columnM = spacingDeg * (Math.PI / 180) * EARTH_MEAN_RADIUS_M * Math.cos((latDeg * Math.PI) / 180);
      for (let col = 0; col < SIZE; col++) heightsM[row * SIZE + col] = 100 + col * columnM;
    }
    const raster: ElevationRaster = {
      name: 'east-slope',
      width: SIZE,
      height: SIZE,
      firstSampleX: 10,
      firstSampleY: 60,
      spacingX: spacingDeg,
      spacingY: spacingDeg,
      heightsM,
      crs: resolveCrs('EPSG:4326'),
      samplesAt: 'grid-point',
    };
    const shade = await computeHillshade(raster, { ...DEFAULT_HILLSHADE, azimuthDeg: 270 });
    for (const value of interior(shade)) expect(value).toBeCloseTo(1, 5);
  });

  it('leaves voids as NaN and shades their neighbours as if the void were level with them', async () => {
    const raster = metreRaster(() => 50);
    raster.heightsM[3 * SIZE + 3] = Number.NaN;
    const shade = await computeHillshade(raster);
    expect(shade[3 * SIZE + 3]).toBeNaN();
    expect(shade[3 * SIZE + 2]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      computeHillshade(
        metreRaster(() => 0),
        DEFAULT_HILLSHADE,
        { signal: controller.signal },
      ),
    ).rejects.toThrow('cancelled');
  });
});

describe('hillshadeImagePixels', () => {
  it('keeps the ramp colour on flat ground, and leaves voids and the sea (≤ 0 m) transparent', () => {
    const heights = Float32Array.from([0, Number.NaN, 100, 100]);
    const light = Float32Array.from([Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2, 0]);
    const pixels = hillshadeImagePixels(heights, light, [100, 200], Math.SQRT1_2);
    expect(Array.from(pixels.slice(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // 100 m is the bottom of the range: the ramp's first colour, unchanged on flat ground.
    expect(Array.from(pixels.slice(8, 12))).toEqual([166, 206, 150, 150]);
    // In full shadow: 0.45 of it.
    expect(Array.from(pixels.slice(12, 16))).toEqual([Math.round(166 * 0.45), Math.round(206 * 0.45), 68, 150]);
  });
});

describe('summarizeElevationRaster and rasterImageCorners', () => {
  it('refuses a raster of people counts as a DEM, and places each pixel on its sample', () => {
    const grid = metreRaster(() => 25_000);
    expect(summarizeElevationRaster(grid).notElevation).toMatch(/not an elevation raster/);
    const dem = metreRaster((e) => e / 10);
    const summary = summarizeElevationRaster(dem);
    expect(summary.notElevation).toBeNull();
    expect([summary.minM, summary.maxM]).toEqual([0, 18]);
    expect(summary.eastWestM).toBe(30);
    const degrees: ElevationRaster = {
      ...dem,
      crs: resolveCrs('EPSG:4326'),
      firstSampleX: 108,
      firstSampleY: 16,
      spacingX: 0.5,
      spacingY: 0.25,
    };
    expect(rasterImageCorners(degrees)).toEqual([
      [107.75, 14.375],
      [107.75, 16.125],
      [111.25, 16.125],
      [111.25, 14.375],
    ]);
  });
});
