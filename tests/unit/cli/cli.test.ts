import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { runCliChild as runChild, runCliInProcess as runInProcess } from './cliHarness';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const NATIONAL_RASTER = '/work/shared/data/population/vnm_ppp_2020_1km_Aggregated_UNadj.tif';
const GOOD = 'tests/fixtures/towers/good.csv';
const BOUNDARY = 'tests/fixtures/boundary/da_nang_pentagon_with_hole.geojson';

/** Absolute path of a repository file: in-process runs do not depend on the test runner's working directory. */
const at = (relative: string) => `${repository}${relative}`;

/** Population inside the fixture boundary, computed apart from the code under test: geotiff + turf, cell by cell. */
async function populationInsideBoundary(): Promise<{ total: number; cells: number }> {
  const bytes = readFileSync(NATIONAL_RASTER);
  const image = await (
    await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  ).getImage();
  const [west, north] = image.getOrigin();
  const [cellLon, negativeCellLat] = image.getResolution();
  const nodata = image.getGDALNoData();
  const values = (await image.readRasters({ interleave: true })) as unknown as Float32Array;
  const boundary = JSON.parse(readFileSync(`${repository}${BOUNDARY}`, 'utf8')) as FeatureCollection<Polygon>;
  const polygon = boundary.features[0];
  let total = 0;
  let cells = 0;
  for (let row = 0; row < image.getHeight(); row++) {
    const lat = north + (row + 0.5) * negativeCellLat;
    if (lat < 15.9 || lat > 16.25) continue;
    for (let col = 0; col < image.getWidth(); col++) {
      const lon = west + (col + 0.5) * cellLon;
      if (lon < 108.05 || lon > 108.4) continue;
      const value = values[row * image.getWidth() + col];
      if (value === nodata || Number.isNaN(value) || !booleanPointInPolygon(point([lon, lat]), polygon)) continue;
      total += value;
      if (value > 0) cells++;
    }
  }
  return { total, cells };
}

function expectOneLine(stderr: string, expected: string | RegExp): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.slice(0, -1)).not.toContain('\n');
  if (typeof expected === 'string') expect(stderr).toBe(`${expected}\n`);
  else expect(stderr).toMatch(expected);
}

describe('cosite validate, as a child process', () => {
  it('prints one pretty JSON report and exits 0 for a good file', async () => {
    const run = await runChild(['validate', '--towers', GOOD]);
    expect(run.status).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual({
      accepted: 6,
      rejected: [],
      // DN-005's radius 0: read as not known (the default radius applies), said.
      warnings: [
        { row: 5, line: 6, field: 'radius_m', reason: 'radius_m 0 read as not known: the default radius applies' },
      ],
      towers_by_operator: { Viettel: 2, VinaPhone: 1, MobiFone: 1, Vietnamobile: 1, Gmobile: 1 },
      shared_masts: 3,
    });
    expectOneLine(run.stderr, `cosite validate: ${GOOD}: 6 accepted, 0 rejected, 1 warning(s)`);
  });

  it('adds the population inside the boundary, matching an independent count', async () => {
    const [run, expected] = await Promise.all([
      runChild(['validate', '--towers', GOOD, '--population', NATIONAL_RASTER, '--boundary', BOUNDARY, '--json']),
      populationInsideBoundary(),
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toHaveLength(2); // one compact line and the final newline
    const report = JSON.parse(run.stdout);
    expect(expected.cells).toBeGreaterThan(300);
    expect(report.population_cells).toBe(expected.cells);
    expect(report.population_total).toBeCloseTo(expected.total, 3);
  });

  it('exits 2 with one line on stderr and nothing on stdout when required columns are missing', async () => {
    const run = await runChild(['validate', '--towers', 'tests/fixtures/towers/missing_columns.csv']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(
      run.stderr,
      'cosite validate: cannot read tests/fixtures/towers/missing_columns.csv: missing column(s) lon, lat ' +
        '(found: site, owner, x_coord, y_coord)',
    );
  });

  it('exits 2 for an unknown flag', async () => {
    const run = await runChild(['validate', '--towers', GOOD, '--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, /^cosite validate: unknown flag --frobnicate \(flags: --towers, /);
  });
});

describe('cosite validate, in-process', () => {
  it('reports bad rows without failing', async () => {
    const run = await runInProcess(['validate', '--towers', at('tests/fixtures/towers/bad_rows.csv'), '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    // Rows 9-13 have an optional field that does not parse (row 12's radius 0 is read as not known): kept, with a
    // warning each.
    expect(report.accepted).toBe(7);
    expect(report.rejected.map((problem: { row: number }) => problem.row)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 14, 15, 17, 18, 19,
    ]);
    expect(report.warnings).toHaveLength(7);
    // The command line prints row, line, field and reason only.
    for (const problem of [...report.rejected, ...report.warnings]) {
      expect(Object.keys(problem).every((key) => ['row', 'line', 'field', 'reason'].includes(key))).toBe(true);
    }
  });

  it('reads GeoJSON towers', async () => {
    const run = await runInProcess(['validate', `--towers=${at('tests/fixtures/towers/towers.geojson')}`, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ accepted: 3, shared_masts: 2 });
  });

  it.each([
    [
      ['validate', '--towers', at('no/such/file.csv')],
      `cosite validate: cannot read ${at('no/such/file.csv')}: no such file`,
    ],
    [
      ['validate', '--towers', at('tests/fixtures')],
      `cosite validate: cannot read ${at('tests/fixtures')}: it is a directory`,
    ],
    [
      ['validate', '--towers', at('tests/fixtures/towers/binary_garbage.dat')],
      `cosite validate: cannot read ${at('tests/fixtures/towers/binary_garbage.dat')}: not a CSV or GeoJSON tower file: ` +
        'looks like binary data (NUL bytes)',
    ],
    [
      ['validate', '--towers', at('tests/fixtures/towers/invalid.geojson')],
      /^cosite validate: cannot read .*invalid JSON: .*line 4/,
    ],
    [
      ['validate', '--towers', at(GOOD), '--population', at(GOOD)],
      /^cosite validate: cannot read .*good.csv: not a GeoTIFF/,
    ],
    [
      ['validate', '--towers', at(GOOD), '--boundary', at('tests/fixtures/boundary/lines_only.geojson')],
      /^cosite validate: cannot read .*lines_only.geojson: no Polygon or MultiPolygon/,
    ],
    [['validate'], 'cosite validate: missing --towers FILE'],
    [['validate', '--towers'], 'cosite validate: flag --towers needs a value: --towers FILE'],
    [['validate', 'towers.csv'], /^cosite validate: unexpected argument 'towers.csv'/],
    // Other commands join the list as they are added: only its start is pinned.
    [['frobnicate'], /^cosite: unknown command 'frobnicate' \(commands: validate, [a-z, ]+; see cosite --help\)/],
  ])('exits 2 with one line for %j', async (args, expected) => {
    const run = await runInProcess(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, expected);
  });

  it('prints help on stdout and exits 0', async () => {
    const program = await runInProcess(['--help']);
    expect(program.status).toBe(0);
    expect(program.stdout).toMatch(/^CoSite command line/);
    expect(program.stdout).toContain('validate');
    const command = await runInProcess(['validate', '--help']);
    expect(command.status).toBe(0);
    expect(command.stdout).toMatch(/^Usage: cosite validate --towers FILE/);
    expect(command.stderr).toBe('');
  });
});
