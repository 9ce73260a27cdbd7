import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    });
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
