import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeSignalCoverage } from '../../../src/core/coverage/computeSignalCoverage';
import { prepareSignalRun } from '../../../src/core/coverage/prepareSignalRun';
import { signalCoverageBits } from '../../../src/core/coverage/summarizeSignalCoverage';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { packTowers } from '../../../src/core/model/towerArrays';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import { readElevationFile } from '../../../src/core/terrain/readElevationFile';
import { repositoryPath, runCliInProcess } from './cliHarness';

const at = repositoryPath;
const BASE = [
  'coverage',
  '--towers',
  at('tests/fixtures/coverage/towers.csv'),
  '--population',
  at('tests/fixtures/coverage/population.tif'),
];

/** A synthetic SRTM3 tile N16E108 (1201 x 1201 big-endian int16): flat at 10 m with a 250 m ridge along 108.03°E. */
function writeRidgeTile(): string {
  const size = 1201;
  const bytes = new Uint8Array(size * size * 2);
  const view = new DataView(bytes.buffer);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const lon = 108 + col / 1200;
      const height = Math.round(10 + 250 * Math.exp(-(((lon - 108.03) / 0.004) ** 2)));
      view.setInt16((row * size + col) * 2, height, false);
    }
  }
  const path = join(mkdtempSync(join(tmpdir(), 'cosite-terrain-')), 'N16E108.hgt');
  writeFileSync(path, bytes);
  return path;
}
const TILE = writeRidgeTile();

async function run(args: string[]) {
  const result = await runCliInProcess(args);
  return { ...result, report: result.status === 0 ? JSON.parse(result.stdout) : null };
}

describe('cosite coverage --terrain', () => {
  it('adds nothing with --diffraction-weight 0: the figures of the same model without terrain', async () => {
    const plain = await run([...BASE, '--model', 'uma-nlos', '--grid-m', '200', '--json']);
    const weightless = await run([
      ...BASE,
      ...['--model', 'uma-nlos', '--grid-m', '200', '--terrain', TILE, '--diffraction-weight', '0', '--json'],
    ]);
    expect(weightless.status).toBe(0);
    expect(weightless.report.population_covered).toBe(plain.report.population_covered);
    expect(weightless.report.population_covered_by_operator).toEqual(plain.report.population_covered_by_operator);
    expect(weightless.report.terrain).toEqual({
      dem_files: [TILE],
      k_factor: 4 / 3,
      diffraction_weight: 0,
      mode: 'sweep',
      calculation_radius_m: 10000,
      profile_points_per_step: 1,
    });
  });

  it('cuts profiles of M points per grid step with --profile-points-per-step M, as the core does', async () => {
    const strict = ['--grid-m', '200', '--threshold-dbm', '-75', '--terrain', TILE, '--terrain-mode', 'exact'];
    const eight = await run([...BASE, '--model', 'p526', ...strict, '--profile-points-per-step', '8', '--json']);
    expect(eight.status).toBe(0);
    expect(eight.report.terrain.profile_points_per_step).toBe(8);
    // The same run through the core, with 8 profile points per step (computeDiffractionGrid's tests check that
    // profile against an independent cut, point by point).
    const population = await readPopulationGeoTiff(
      new Uint8Array(readFileSync(at('tests/fixtures/coverage/population.tif'))).buffer,
    );
    const parsed = parseTowersCsv(readFileSync(at('tests/fixtures/coverage/towers.csv'), 'utf8'));
    const read = await readElevationFile(new Uint8Array(readFileSync(TILE)), TILE);
    if ('error' in read) throw new Error(read.error);
    const prepared = await prepareSignalRun(
      {
        towers: parsed.towers,
        arrays: packTowers(parsed.towers),
        population,
        terrain: buildElevationMosaic([read.raster]),
      },
      {
        modelId: 'p526',
        technology: '4g',
        gridM: 200,
        thresholdDbm: -75,
        indoor: false,
        metropolitan: false,
        assume5g: false,
        terrain: { mode: 'exact', profilePointsPerStep: 8 },
      },
    );
    expect(prepared.prepared.request.terrain?.samplesPerStep).toBe(8);
    const coverage = await computeSignalCoverage({
      ...prepared.prepared.request,
      cellMask: prepared.cellMask,
      rowStart: 0,
      rowEnd: prepared.grid.height,
    });
    const bits = signalCoverageBits(coverage, prepared.prepared.thresholdDbm);
    let covered = 0;
    bits.forEach((bit, cell) => {
      if (bit !== 0 && prepared.population.values[cell] > 0) covered += prepared.population.values[cell];
    });
    expect(eight.report.population_covered).toBeCloseTo(covered, 6);
  });

  it('makes p526 free space plus the whole diffraction loss, and the ridge takes people away', async () => {
    // A strict threshold, so that free space does not cover the whole small fixture either way.
    const strict = ['--grid-m', '200', '--threshold-dbm', '-75', '--json'];
    const common = [...strict, '--terrain', TILE, '--terrain-mode', 'exact'];
    const p526 = await run([...BASE, '--model', 'p526', ...common]);
    const fsplWhole = await run([...BASE, '--model', 'fspl', ...common, '--diffraction-weight', '1']);
    const fsplFlat = await run([...BASE, '--model', 'fspl', ...strict]);
    expect(p526.status).toBe(0);
    expect(p526.report.population_covered).toBe(fsplWhole.report.population_covered);
    expect(p526.report.area_covered_by_operator_km2).toEqual(fsplWhole.report.area_covered_by_operator_km2);
    expect(p526.report.population_covered).toBeLessThan(fsplFlat.report.population_covered);
    expect(p526.report.terrain.diffraction_weight).toBe(1);
    expect(p526.report.model).toBe('p526');
  });

  it.each([
    [['--model', 'p526'], 'cosite coverage: --model p526 needs --terrain FILE[,FILE...] (elevation data)'],
    [['--terrain', TILE], 'cosite coverage: --terrain needs --model (propagation mode)'],
    [['--model', 'uma-nlos', '--k-factor', '4/3'], 'cosite coverage: --k-factor needs --terrain FILE'],
    [
      ['--model', 'p526', '--terrain', TILE, '--diffraction-weight', '0.5'],
      'cosite coverage: --diffraction-weight is for the empirical models: p526 takes the whole diffraction loss',
    ],
    [
      ['--model', 'uma-nlos', '--terrain', TILE, '--diffraction-weight', '2'],
      "cosite coverage: --diffraction-weight must be a weight >= 0 and <= 1, got '2'",
    ],
    [
      ['--model', 'uma-nlos', '--terrain', TILE, '--terrain-mode', 'fast'],
      "cosite coverage: --terrain-mode must be one of sweep, exact, got 'fast'",
    ],
    [
      ['--model', 'uma-nlos', '--profile-points-per-step', '4'],
      'cosite coverage: --profile-points-per-step needs --terrain FILE',
    ],
    ...['0', '17', '2.5', 'many'].map((value) => [
      ['--model', 'uma-nlos', '--terrain', TILE, '--profile-points-per-step', value],
      value === '2.5'
        ? "cosite coverage: --profile-points-per-step must be a whole number of points, got '2.5'"
        : `cosite coverage: --profile-points-per-step must be a whole number of points >= 1 and <= 16, got '${value}'`,
    ]),
    [
      ['--model', 'uma-nlos', '--terrain', at('no/such.hgt')],
      `cosite coverage: cannot read ${at('no/such.hgt')}: no such file`,
    ],
  ])('exits 2 with one line for %j', async (args, expected) => {
    const result = await run([...BASE, ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${expected}\n`);
  });
});
