import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import { bullingtonDiffraction, knifeEdgeLossJDb } from '../../../src/core/terrain/bullingtonDiffraction';
import { computeTerrainPathLoss } from '../../../src/core/terrain/computeTerrainPathLoss';
import { readHgt } from '../../../src/core/terrain/readHgt';
import { runCliInProcess as run } from '../cli/cliHarness';
import {
  bullingtonByHand,
  freeSpaceByHand,
  type HgtTileByHand,
  hgtProfileByHand,
  jByHand,
} from '../oracles/terrainByHand';

const HGT_PATH = '/work/shared/data/elevation/N21E105.hgt';
const hgtBytes = readFileSync(HGT_PATH);
const tile: HgtTileByHand = { bytes: hgtBytes, northLat: 22, westLon: 105 };
const mosaic = buildElevationMosaic([readHgt(hgtBytes, HGT_PATH)]);

describe('Bullington by hand (ITU-R P.526-15 §4.5.1)', () => {
  it('J(ν): 6.9 + 20·log10(√1.01 − 0.1) ≈ 6.03 dB at 0, 0 at and below -0.78', () => {
    expect(knifeEdgeLossJDb(0)).toBeCloseTo(6.9 + 20 * Math.log10(Math.sqrt(1.01) - 0.1), 12);
    expect(knifeEdgeLossJDb(0)).toBeCloseTo(6.0329, 3);
    expect(knifeEdgeLossJDb(-0.78)).toBe(0);
    expect(knifeEdgeLossJDb(-0.7799)).toBeGreaterThan(0);
    expect(knifeEdgeLossJDb(-0.7799)).toBeLessThan(0.01);
    // ν = 1: 6.9 + 20·log10(√(0.81 + 1) + 0.9) = 13.926 dB
    expect(knifeEdgeLossJDb(1)).toBeCloseTo(6.9 + 20 * Math.log10(Math.sqrt(1.81) + 0.9), 12);
    expect(knifeEdgeLossJDb(1)).toBeCloseTo(13.926, 3);
  });

  it('earth bulge at k = 4/3, d = 20 km, midpoint: 500·(1/8494.67)·10·10 ≈ 5.886 m', () => {
    // A single intermediate point at 10 km of height 0 between two antennas at 0 m: S_tim = bulge/10 > S_tr = 0,
    // so not a line of sight; by symmetry d_b = 10 km and ν_b = bulge·√(0.002·20/(λ·10·10)).
    const bulgeM = 500 * (1 / ((4 / 3) * 6371)) * 10 * 10;
    expect(bulgeM).toBeCloseTo(5.886, 3);
    const result = bullingtonDiffraction({
      distancesKm: [0, 10, 20],
      heightsM: [0, 0, 0],
      txHeightAmslM: 0,
      rxHeightAmslM: 0,
      frequencyMHz: 299.792458,
      kFactor: 4 / 3,
    });
    expect(result.lineOfSight).toBe(false);
    expect(result.slopeToObstacleMPerKm).toBeCloseTo(bulgeM / 10, 12);
    expect(result.bullingtonPointKm).toBeCloseTo(10, 12);
    const nu = bulgeM * Math.sqrt((0.002 * 20) / (1 * 10 * 10));
    expect(result.nu).toBeCloseTo(nu, 12);
    expect(result.knifeEdgeLossDb).toBeCloseTo(jByHand(nu), 12);
    const luc = jByHand(nu);
    expect(result.diffractionLossDb).toBeCloseTo(luc + (1 - Math.exp(-luc / 6)) * (10 + 0.4), 12);
  });

  it('no intermediate point: line of sight and no loss', () => {
    const result = bullingtonDiffraction({
      distancesKm: [0, 0.05],
      heightsM: [10, 500],
      txHeightAmslM: 20,
      rxHeightAmslM: 501.5,
      frequencyMHz: 900,
      kFactor: 4 / 3,
    });
    expect(result).toMatchObject({ lineOfSight: true, knifeEdgeLossDb: 0, diffractionLossDb: 0 });
  });
});

describe('path loss over the real Ba Vì tile, against an independent profile', () => {
  it.each([
    // [from, to, F MHz, tx m, rx m, k] — across Ba Vì's summit (21.0583N 105.3675E, 1,258 m): far beyond sight
    [[105.3, 21.1], [105.45, 21.05], 900, 30, 1.5, 4 / 3],
    // from the summit's shoulder down to the plain: a line of sight with a near-grazing foothill
    [[105.3675, 21.0583], [105.42, 21.12], 1800, 20, 1.5, 4 / 3],
    // across the Red River plain north of Sơn Tây, k = 1
    [[105.5, 21.15], [105.56, 21.12], 2600, 40, 10, 1],
    // a line of sight that grazes the ground (ν_max ≈ -0.05): L_uc = J(ν_max) > 0 on the line-of-sight branch
    [[105.5859, 21.1869], [105.5742, 21.1889], 900, 15, 1.5, 4 / 3],
  ] as const)('%j → %j at %d MHz', (from, to, frequencyMHz, txHeightM, rxHeightM, kFactor) => {
    const byHand = hgtProfileByHand(tile, from[0], from[1], to[0], to[1]);
    const hts = byHand.heights[0] + txHeightM;
    const hrs = byHand.heights[byHand.steps] + rxHeightM;
    const expected = bullingtonByHand(byHand.heights, byHand.distancesKm, hts, hrs, frequencyMHz, kFactor);
    const freeSpace = freeSpaceByHand(frequencyMHz, byHand.distanceM, hts, hrs);

    const result = computeTerrainPathLoss(mosaic, {
      fromLonDeg: from[0],
      fromLatDeg: from[1],
      toLonDeg: to[0],
      toLatDeg: to[1],
      frequencyMHz,
      txHeightM,
      rxHeightM,
      kFactor,
    });
    expect(result.profile.distanceM).toBeCloseTo(byHand.distanceM, 6);
    expect(result.profile.spacingM).toBeCloseTo(byHand.spacingM, 9);
    expect(result.profile.intervals).toBe(byHand.steps);
    for (let i = 0; i <= byHand.steps; i++) expect(result.profile.groundHeightsM[i]).toBeCloseTo(byHand.heights[i], 6);
    expect(result.diffraction.lineOfSight).toBe(expected.lineOfSight);
    expect(result.diffraction.nu).toBeCloseTo(expected.nu, 6);
    expect(result.diffraction.diffractionLossDb).toBeCloseTo(expected.diffractionDb, 6);
    expect(result.freeSpaceLossDb).toBeCloseTo(freeSpace, 9);
    expect(result.pathLossDb).toBeCloseTo(freeSpace + expected.diffractionDb, 6);
  });

  it('the paths cover both branches and a loss on a line of sight (the test would prove little otherwise)', () => {
    const cases = [
      [105.3, 21.1, 105.45, 21.05, 30, 1.5],
      [105.3675, 21.0583, 105.42, 21.12, 20, 1.5],
      [105.5859, 21.1869, 105.5742, 21.1889, 15, 1.5],
    ].map(([lon1, lat1, lon2, lat2, tx, rx]) => {
      const p = hgtProfileByHand(tile, lon1, lat1, lon2, lat2);
      const b = bullingtonByHand(p.heights, p.distancesKm, p.heights[0] + tx, p.heights[p.steps] + rx, 900, 4 / 3);
      return [b.lineOfSight, b.luc > 0];
    });
    expect(cases).toEqual([
      [false, true],
      [true, false],
      [true, true],
    ]);
  });

  it('cosite pathloss --terrain prints the same figures and the inputs used', async () => {
    const byHand = hgtProfileByHand(tile, 105.3, 21.1, 105.45, 21.05);
    const hts = byHand.heights[0] + 30;
    const hrs = byHand.heights[byHand.steps] + 1.5;
    const expected = bullingtonByHand(byHand.heights, byHand.distancesKm, hts, hrs, 900, 4 / 3);
    const freeSpace = freeSpaceByHand(900, byHand.distanceM, hts, hrs);
    const result = await run([
      'pathloss',
      '--terrain',
      HGT_PATH,
      '--from',
      '105.3,21.1',
      '--to',
      '105.45,21.05',
      '--frequency-mhz',
      '900',
      '--tx-height-m',
      '30',
      '--rx-height-m',
      '1.5',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.distance_m).toBeCloseTo(byHand.distanceM, 2);
    expect(report.line_of_sight).toBe(false);
    expect(report.diffraction_loss_db).toBeCloseTo(expected.diffractionDb, 2);
    expect(report.free_space_loss_db).toBeCloseTo(freeSpace, 2);
    expect(report.path_loss_db).toBeCloseTo(freeSpace + expected.diffractionDb, 2);
    expect(report).toMatchObject({
      model: 'fspl',
      from: [105.3, 21.1],
      to: [105.45, 21.05],
      frequency_mhz: 900,
      tx_height_m: 30,
      rx_height_m: 1.5,
      k_factor: 4 / 3,
      profile_points: byHand.steps,
      dem_files: [HGT_PATH],
      dem_files_used: [HGT_PATH],
    });
    expect(report.ground_tx_m).toBeCloseTo(byHand.heights[0], 2);
    expect(report.h_rs_m).toBeCloseTo(hrs, 2);
    expect(report.profile_spacing_m).toBeCloseTo(byHand.spacingM, 2);
  });
});
