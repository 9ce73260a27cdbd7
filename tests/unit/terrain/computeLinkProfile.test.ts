import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import { computeLinkProfile } from '../../../src/core/terrain/computeLinkProfile';
import { computeTerrainPathLoss } from '../../../src/core/terrain/computeTerrainPathLoss';
import type { ElevationRaster } from '../../../src/core/terrain/elevationRaster';
import { readHgt } from '../../../src/core/terrain/readHgt';
import { bullingtonByHand, freeSpaceByHand, type HgtTileByHand, hgtProfileByHand } from '../oracles/terrainByHand';

const HGT_PATH = '/work/shared/data/elevation/N21E105.hgt';
const hgtBytes = readFileSync(HGT_PATH);
const tile: HgtTileByHand = { bytes: hgtBytes, northLat: 22, westLon: 105 };
const baVi = buildElevationMosaic([readHgt(hgtBytes, HGT_PATH)]);

/** 0.001° (111.195 m at the equator) samples from 0.01°N, -0.01°E; `heightAt(lon)` gives each column's height. */
function equatorRaster(heightAt: (lonDeg: number) => number): ElevationRaster {
  const side = 121;
  const heightsM = new Float32Array(side * side);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) heightsM[row * side + col] = heightAt(-0.01 + col * 0.001);
  }
  return {
    name: 'equator',
    width: side,
    height: side,
    firstSampleX: -0.01,
    firstSampleY: 0.01,
    spacingX: 0.001,
    spacingY: 0.001,
    heightsM,
    crs: resolveCrs('EPSG:4326'),
    samplesAt: 'grid-point',
  };
}

/** 10 km due east along the equator: 10,000 m / (R·π/180) degrees of longitude. */
const TEN_KM_DEG = 10_000 / ((6_371_008.8 * Math.PI) / 180);

describe('computeLinkProfile by hand', () => {
  it('10 km at 6 GHz over flat ground: F1 at the middle is 17.32·√(25/(6·10)) = 11.18 m, the lowest clearance there', () => {
    const profile = computeLinkProfile(buildElevationMosaic([equatorRaster(() => 0)]), {
      fromLonDeg: 0,
      fromLatDeg: 0,
      toLonDeg: TEN_KM_DEG,
      toLatDeg: 0,
      txHeightM: 30,
      rxHeightM: 30,
      frequencyMHz: 6000,
    });
    expect(profile.distanceKm).toBeCloseTo(10, 9);
    // s = 0.001° · 111,195 m = 111.195 m, N = ceil(10,000 / 111.195) = 90: point 45 is the middle.
    expect(profile.intervals).toBe(90);
    const middle = 45;
    const p = profile.points;
    expect(p.distanceKm[middle]).toBeCloseTo(5, 9);
    expect(p.fresnelRadiusM[middle]).toBeCloseTo(17.32 * Math.sqrt(25 / 60), 9);
    expect(p.fresnelRadiusM[middle]).toBeCloseTo(11.18, 2);
    // Bulge at the middle, k = 4/3: 500 · 25 / (4/3 · 6371) = 1.47151 m.
    expect(p.earthBulgeM[middle]).toBeCloseTo((500 * 25) / ((4 / 3) * 6371), 9);
    expect(p.earthBulgeM[middle]).toBeCloseTo(1.47151, 5);
    expect(p.lineOfSightM[middle]).toBeCloseTo(30, 9);
    expect(p.clearanceM[middle]).toBeCloseTo(30 - 1.47151, 5);
    expect(p.clearancePercentF1[middle]).toBeCloseTo((100 * (30 - 1.47151)) / (17.32 * Math.sqrt(25 / 60)), 3);
    // A quarter of the way: d1 = 2.5, d2 = 7.5 km.
    expect(p.fresnelRadiusM[22]).toBeCloseTo(17.32 * Math.sqrt((p.distanceKm[22] * (10 - p.distanceKm[22])) / 60), 9);
    // Ends: the antennas above their ground, no zone.
    expect(p.clearanceM[0]).toBeCloseTo(30, 9);
    expect(p.clearanceM[90]).toBeCloseTo(30, 9);
    expect(p.fresnelRadiusM[0]).toBe(0);
    expect(p.clearancePercentF1[0]).toBeNaN();
    expect(p.clearancePercentF1[90]).toBeNaN();
    // Over flat ground the clearance ratio is lowest in the middle.
    expect(profile.minClearanceIndex).toBe(middle);
    expect(profile.minClearanceDistanceKm).toBeCloseTo(5, 9);
    expect(profile.minClearancePercentF1).toBeCloseTo(p.clearancePercentF1[middle], 12);
    expect(profile.clearsSixtyPercentF1).toBe(true);
    expect(profile.lineOfSight).toBe(true);
    expect(profile.diffractionLossDb).toBe(0);
    // 32.44 + 20·log10(6000) + 20·log10(10) = 128.00 dB.
    expect(profile.freeSpaceLossDb).toBeCloseTo(32.44 + 20 * Math.log10(6000) + 20, 6);
    expect(profile.pathLossDb).toBeCloseTo(128.0, 2);
  });

  it('a 40 m wall across the middle cuts the line: negative clearance there, no line of sight, diffraction loss', () => {
    const wall = (lon: number) => (lon > 0.0435 && lon < 0.0465 ? 40 : 0);
    const profile = computeLinkProfile(buildElevationMosaic([equatorRaster(wall)]), {
      fromLonDeg: 0,
      fromLatDeg: 0,
      toLonDeg: TEN_KM_DEG,
      toLatDeg: 0,
      txHeightM: 30,
      rxHeightM: 30,
      frequencyMHz: 6000,
    });
    const middle = 45;
    expect(profile.points.groundM[middle]).toBeCloseTo(40, 9);
    expect(profile.points.clearanceM[middle]).toBeCloseTo(30 - 40 - 1.47151, 5);
    expect(profile.points.clearancePercentF1[middle]).toBeCloseTo((100 * -11.47151) / (17.32 * Math.sqrt(25 / 60)), 3);
    // The wall holds points 44-46; the ratio is lowest at its far side, where F1 has begun to narrow again.
    expect(profile.minClearanceIndex).toBe(46);
    expect(profile.points.groundM[46]).toBeCloseTo(40, 9);
    const ratios = Array.from(profile.points.clearancePercentF1.subarray(1, 90));
    expect(profile.minClearancePercentF1).toBe(Math.min(...ratios));
    expect(profile.clearsSixtyPercentF1).toBe(false);
    expect(profile.lineOfSight).toBe(false);
    const heights = Array.from(profile.points.groundM);
    const oracle = bullingtonByHand(heights, Array.from(profile.points.distanceKm), 30, 30, 6000, 4 / 3);
    expect(profile.diffractionLossDb).toBeCloseTo(oracle.diffractionDb, 9);
    expect(profile.diffractionLossDb).toBeGreaterThan(20);
    expect(profile.pathLossDb).toBeCloseTo(profile.freeSpaceLossDb + oracle.diffractionDb, 9);
  });
});

describe('computeLinkProfile on the Ba Vì DEM', () => {
  // From the plain east of the massif (17 m) to the valley south-west of it (25 m): the line passes by the summit.
  const across = {
    fromLonDeg: 105.45,
    fromLatDeg: 21.1,
    toLonDeg: 105.3,
    toLatDeg: 21.02,
    txHeightM: 40,
    rxHeightM: 30,
    frequencyMHz: 7500,
  };

  it('cuts the same profile as the path-loss command and the hand profile, and measures it by hand', () => {
    const profile = computeLinkProfile(baVi, across);
    const byHand = hgtProfileByHand(tile, across.fromLonDeg, across.fromLatDeg, across.toLonDeg, across.toLatDeg);
    expect(profile.intervals).toBe(byHand.steps);
    const loss = computeTerrainPathLoss(baVi, across);
    expect(profile.pathLossDb).toBe(loss.pathLossDb);
    const d = byHand.distanceM / 1000;
    const hts = byHand.heights[0] + 40;
    const hrs = byHand.heights[byHand.steps] + 30;
    for (const i of [1, Math.floor(byHand.steps / 3), Math.floor(byHand.steps / 2), byHand.steps - 1]) {
      const di = byHand.distancesKm[i];
      const bulge = (500 * di * (d - di)) / ((4 / 3) * 6371);
      const lineOfSight = hts + ((hrs - hts) * di) / d;
      const fresnel = 17.32 * Math.sqrt((di * (d - di)) / (7.5 * d));
      expect(profile.points.groundM[i]).toBeCloseTo(byHand.heights[i], 6);
      expect(profile.points.earthBulgeM[i]).toBeCloseTo(bulge, 6);
      expect(profile.points.lineOfSightM[i]).toBeCloseTo(lineOfSight, 6);
      expect(profile.points.fresnelRadiusM[i]).toBeCloseTo(fresnel, 6);
      expect(profile.points.clearanceM[i]).toBeCloseTo(lineOfSight - byHand.heights[i] - bulge, 6);
      expect(profile.points.clearancePercentF1[i]).toBeCloseTo(
        (100 * (lineOfSight - byHand.heights[i] - bulge)) / fresnel,
        4,
      );
    }
    const oracle = bullingtonByHand(byHand.heights, byHand.distancesKm, hts, hrs, 7500, 4 / 3);
    expect(profile.lineOfSight).toBe(false);
    expect(oracle.lineOfSight).toBe(false);
    expect(profile.diffractionLossDb).toBeCloseTo(oracle.diffractionDb, 6);
    expect(profile.freeSpaceLossDb).toBeCloseTo(freeSpaceByHand(7500, byHand.distanceM, hts, hrs), 6);
  });

  it('finds the obstruction at the summit of Ba Vì (1258 m), hundreds of metres into the line', () => {
    const profile = computeLinkProfile(baVi, across);
    const at = profile.minClearanceIndex ?? -1;
    expect(profile.points.groundM[at]).toBeGreaterThan(1000);
    // The summit is 8.9 km from the start along the line (105.3675, 21.0583).
    expect(profile.minClearanceDistanceKm).toBeGreaterThan(8);
    expect(profile.minClearanceDistanceKm).toBeLessThan(10);
    expect(profile.points.clearanceM[at]).toBeLessThan(-900);
    expect(profile.minClearancePercentF1).toBeLessThan(-5000);
    expect(profile.clearsSixtyPercentF1).toBe(false);
    expect(profile.diffractionLossDb).toBeGreaterThan(40);
  });

  it('from the summit down to the plain, 30 m masts see each other', () => {
    const profile = computeLinkProfile(baVi, {
      fromLonDeg: 105.3675,
      fromLatDeg: 21.0583,
      toLonDeg: 105.45,
      toLatDeg: 21.1,
      txHeightM: 30,
      rxHeightM: 30,
      frequencyMHz: 7500,
    });
    expect(profile.lineOfSight).toBe(true);
    expect(profile.minClearancePercentF1).toBeGreaterThan(0);
  });
});
