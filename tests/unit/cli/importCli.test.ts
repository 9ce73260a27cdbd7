import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLayerFile } from '../../../src/core/io/readLayerFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { runCliInProcess as run } from './cliHarness';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const at = (relative: string) => path.join(repository, relative);
const IMPORT = 'tests/fixtures/import';

describe('cosite validate on every format', () => {
  it.each([
    ['towers.xlsx', 2, 3],
    ['towers_extended_data.kml', 3, 2],
    ['towers_extended_data.kmz', 3, 2],
    ['null_geometries.geojson', 3, 3],
    ['towers_windows1258.csv', 3, 1],
  ])('%s: %i accepted, %i rejected, exit 0', async (name, accepted, rejected) => {
    const result = await run(['validate', '--towers', at(`${IMPORT}/${name}`), '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.accepted).toBe(accepted);
    expect(report.rejected).toHaveLength(rejected);
    for (const problem of report.rejected) {
      expect(problem.row).toBeGreaterThan(0);
      expect(problem.reason).not.toBe('');
    }
  });

  it('reads a VN-2000 survey table with --crs, and with --columns when the headers are its own', async () => {
    const survey = at(`${IMPORT}/towers_vn2000_survey.csv`);
    const result = await run(['validate', '--towers', survey, '--crs', 'vn2000:107.75', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ accepted: 3, rejected: [], towers_by_operator: { Viettel: 1 } });
    const explicit = await run([
      'validate',
      '--towers',
      survey,
      '--crs',
      'vn2000:107-45',
      '--columns',
      'id=Tên trạm,operator=Nhà mạng,easting=Y,northing=X',
      '--json',
    ]);
    expect(JSON.parse(explicit.stdout)).toMatchObject({ accepted: 3 });
    // Without the CRS every row is rejected and the report says what the numbers are.
    const plain = JSON.parse((await run(['validate', '--towers', survey, '--json'])).stdout);
    expect(plain.accepted).toBe(0);
    expect(plain.coordinate_problems[0]).toMatch(/3 of 3 coordinate pairs are metres of a projected CRS/);
  });

  it('counts towers outside the --boundary province, from a zipped shapefile too', async () => {
    const result = await run([
      'validate',
      '--towers',
      at(`${IMPORT}/towers_problems.csv`),
      '--boundary',
      at('tests/fixtures/boundary/da_nang_pentagon_with_hole.geojson'),
      '--json',
    ]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.coordinate_problems.join(' ')).toMatch(
      /2 of 6 points fall in Vietnam only with the two coordinates exchanged/,
    );
    expect(report.coordinate_problems.join(' ')).toMatch(/outside .*da_nang_pentagon_with_hole\.geojson/);
  });

  it.each([
    [['--towers', at(`${IMPORT}/truncated.kmz`)], /truncated\.kmz: the zip archive is truncated or damaged/],
    [['--towers', at(`${IMPORT}/bomb_declared_4gib.kmz`)], /would inflate to 4\.0 GiB/],
    [['--towers', at(`${IMPORT}/empty.csv`)], /empty\.csv: the file is empty$/],
    [['--towers', at(`${IMPORT}/towers_vni.csv`)], /missing column.*VNI/],
    [['--towers', at('tests/fixtures/towers/good.csv'), '--crs', 'EPSG:2154'], /--crs: unsupported CRS EPSG:2154/],
    [['--towers', at('tests/fixtures/towers/good.csv'), '--columns', 'lon'], /--columns: 'lon' is not field=column/],
    [['--towers', at('tests/fixtures/towers/good.csv'), '--columns', 'lon=Easting'], /no column 'Easting' for lon/],
  ])('exits 2 with one line for %j', async (args, expected) => {
    const result = await run(['validate', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(expected);
  });
});

describe('cosite convert', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'cosite-convert-'));

  it.each(['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'zip'])(
    'writes towers read from an .xlsx as .%s, which reads back',
    async (format) => {
      const out = path.join(directory, `towers.${format}`);
      const result = await run(['convert', '--in', at(`${IMPORT}/towers.xlsx`), '--out', out, '--towers', '--json']);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ written: out, features: 2 });
      const back = await readTowerFile(readFileSync(out), out);
      expect(back.towers.map((t) => t.id)).toEqual(['XL-001', 'XL-002']);
      expect(back.towers[0]).toMatchObject({ azimuthsDeg: [0, 120, 240], bands: ['1800', '2100'], mastType: 'A2a' });
    },
  );

  it('converts a GeoJSON layer to a zipped shapefile that reads back', async () => {
    const shapefileZip = path.join(directory, 'layer.zip');
    const toZip = await run([
      'convert',
      '--in',
      at(`${IMPORT}/backbone_and_zones.geojson`),
      '--out',
      shapefileZip,
      '--json',
    ]);
    expect(toZip.status).toBe(0);
    const back = await readLayerFile(readFileSync(shapefileZip), 'layer.zip');
    expect(back.features).toHaveLength(5);
  });

  it('exits 2 for an unknown output format', async () => {
    const result = await run(['convert', '--in', at(`${IMPORT}/towers.xlsx`), '--out', path.join(directory, 'x.pdf')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown output format '\.pdf'/);
  });
});
