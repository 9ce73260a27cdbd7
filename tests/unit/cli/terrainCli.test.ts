import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bullingtonByHand,
  type HgtTileByHand,
  haversineByHand,
  hgtHeightByHand,
  hgtProfileByHand,
  hgtSampleByHand,
} from '../oracles/terrainByHand';
import { runCliInProcess as run, runCliChild } from './cliHarness';

const HGT_PATH = '/work/shared/data/elevation/N21E105.hgt';
let directory: string;
let syntheticPath: string;
let syntheticTile: HgtTileByHand;

/** A 3″ tile N10E106: gentle waves of ±40 m around 50 m and a 150 m wall north of the test site. */
function syntheticHeight(row: number, column: number): number {
  const wall = row >= 590 && row <= 593 && column < 640 ? 150 : 0;
  return Math.round(50 + 40 * Math.sin(column / 15) * Math.cos(row / 20) + wall);
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'cosite-terrain-'));
  const bytes = Buffer.alloc(1201 * 1201 * 2);
  for (let row = 0; row < 1201; row++) {
    for (let column = 0; column < 1201; column++)
      bytes.writeInt16BE(syntheticHeight(row, column), (row * 1201 + column) * 2);
  }
  syntheticPath = join(directory, 'N10E106.hgt');
  writeFileSync(syntheticPath, bytes);
  syntheticTile = { bytes, northLat: 11, westLon: 106 };
  writeFileSync(join(directory, 'short.hgt'), Buffer.alloc(1000));
  mkdirSync(join(directory, 'folder.hgt'));
  writeFileSync(join(directory, 'notes.dem'), 'x');
  writeFileSync(
    join(directory, 'lambert.tif'),
    new Uint8Array(
      writeArrayBuffer(new Float32Array(4), {
        width: 2,
        height: 2,
        BitsPerSample: [32],
        SampleFormat: [3],
        ModelPixelScale: [30, 30, 0],
        ModelTiepoint: [0, 0, 0, 500000, 2330000, 0],
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 2000,
      } as Parameters<typeof writeArrayBuffer>[1]) as ArrayBuffer,
    ),
  );
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** The viewshed by brute force: every grid point within R, its own profile, S_tim < S_tr by hand. */
function viewshedByHand(siteLon: number, siteLat: number, heightM: number, radiusM: number, targetM: number) {
  const siteRow = Math.round((11 - siteLat) * 1200);
  const siteColumn = Math.round((siteLon - 106) * 1200);
  const hts = hgtHeightByHand(syntheticTile, siteLon, siteLat) + heightM;
  let cells = 0;
  let visible = 0;
  for (let row = siteRow - 40; row <= siteRow + 40; row++) {
    for (let column = siteColumn - 40; column <= siteColumn + 40; column++) {
      if (row === siteRow && column === siteColumn) continue;
      const lat = 11 - row / 1200;
      const lon = 106 + column / 1200;
      if (haversineByHand(siteLon, siteLat, lon, lat) > radiusM) continue;
      cells++;
      const profile = hgtProfileByHand(syntheticTile, siteLon, siteLat, lon, lat);
      const hrs = hgtSampleByHand(syntheticTile, row, column) + targetM;
      if (bullingtonByHand(profile.heights, profile.distancesKm, hts, hrs, 900, 4 / 3).lineOfSight) visible++;
    }
  }
  return { cells, visible };
}

describe('cosite viewshed', () => {
  it('counts the same cells and visible cells as a brute force over a synthetic tile', async () => {
    const expected = viewshedByHand(106.5004, 10.5002, 10, 2000, 1.5);
    expect(expected.cells).toBeGreaterThan(1000);
    // The wall hides part of the disc, not all of it.
    expect(expected.visible).toBeGreaterThan(expected.cells * 0.2);
    expect(expected.visible).toBeLessThan(expected.cells * 0.95);
    const outPath = join(directory, 'seen.tif');
    const result = await run([
      'viewshed',
      '--terrain',
      syntheticPath,
      '--site',
      '106.5004,10.5002',
      '--height-m',
      '10',
      '--radius-m',
      '2000',
      '--out',
      outPath,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      cells_in_radius: expected.cells,
      visible_cells: expected.visible,
      target_height_m: 1.5,
      k_factor: 4 / 3,
      site_cell: { column: 600, row: 600 },
      dem_file: syntheticPath,
      out: outPath,
    });
    expect(report.visible_fraction).toBeCloseTo(expected.visible / expected.cells, 6);

    const bytes = readFileSync(outPath);
    const image = await (
      await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    ).getImage();
    const values = (await image.readRasters({ interleave: true })) as unknown as Uint8Array;
    const counts = [0, 0, 0];
    for (const value of values) counts[value === 255 ? 2 : value]++;
    // The site's own cell is written as visible but not counted.
    expect(counts[1]).toBe(expected.visible + 1);
    expect(counts[0]).toBe(expected.cells - expected.visible);
    expect(image.getGeoKeys()).toMatchObject({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 });
    expect(image.getGDALNoData()).toBe(255);
    // Pixels centred on the DEM's grid points: the window's corner is half a spacing north-west of a grid point.
    const [west, north] = image.getOrigin();
    expect(((west - 106) * 1200 + 0.5) % 1).toBeCloseTo(0, 6);
    expect(((11 - north) * 1200 + 0.5) % 1).toBeCloseTo(0, 6);
    expect(image.getResolution()[0]).toBeCloseTo(1 / 1200, 12);
  });

  it('a taller target is seen at more cells of the same disc', async () => {
    const args = ['viewshed', '--terrain', syntheticPath, '--site', '106.5004,10.5002', '--height-m', '10'];
    const low = JSON.parse((await run([...args, '--radius-m', '1500', '--json'])).stdout);
    const high = JSON.parse((await run([...args, '--radius-m', '1500', '--target-height-m', '200', '--json'])).stdout);
    expect(high.cells_in_radius).toBe(low.cells_in_radius);
    expect(high.visible_cells).toBeGreaterThan(low.visible_cells);
  });
});

describe('terrain commands refuse unusable input with exit 2 and one line', () => {
  const pathloss = (terrain: string, from = '105.3,21.1', to = '105.45,21.05') => [
    'pathloss',
    '--terrain',
    terrain,
    '--from',
    from,
    '--to',
    to,
    '--frequency-mhz',
    '900',
    '--tx-height-m',
    '30',
    '--rx-height-m',
    '1.5',
  ];
  const cases: [string, () => string[], RegExp][] = [
    [
      'a missing DEM',
      () => pathloss('/nonexistent/N21E105.hgt'),
      /cannot read \/nonexistent\/N21E105\.hgt: no such file/,
    ],
    ['a directory', () => pathloss(join(directory, 'folder.hgt')), /folder\.hgt: it is a directory/],
    ['another extension', () => pathloss(join(directory, 'notes.dem')), /notes\.dem: not a DEM this command reads/],
    ['a .hgt of the wrong size', () => pathloss(join(directory, 'short.hgt')), /short\.hgt: .*this one is 1000 bytes/],
    [
      'a DEM in an unknown CRS',
      () => pathloss(join(directory, 'lambert.tif')),
      /lambert\.tif: the DEM is in EPSG:2000/,
    ],
    [
      'a point outside every DEM',
      () => pathloss(HGT_PATH, '105.3,21.1', '106.5,21.5'),
      /the end point \(106\.500000, 21\.500000\) is outside every DEM given: .*N21E105\.hgt covers 105\.0000\.\.106\.0000°E/,
    ],
    [
      'one of several DEMs missing',
      () => pathloss(`${HGT_PATH},/nonexistent/b.tif`),
      /cannot read \/nonexistent\/b\.tif: no such file/,
    ],
    [
      '--distance-m with --terrain',
      () => [...pathloss(HGT_PATH), '--distance-m', '5'],
      /--distance-m does not go with --terrain/,
    ],
    [
      'another model with --terrain',
      () => [...pathloss(HGT_PATH), '--model', 'cost231'],
      /--model cost231 does not go/,
    ],
    ['--from without --terrain', () => ['pathloss', '--model', 'fspl', '--from', '1,2'], /--from need --terrain FILE/],
    ['a malformed point', () => pathloss(HGT_PATH, '105.3'), /--from must be LON,LAT in degrees/],
    ['the same point twice', () => pathloss(HGT_PATH, '105.3,21.1', '105.3,21.1'), /the same point/],
    [
      'a missing height',
      () => ['pathloss', '--terrain', HGT_PATH, '--from', '105.3,21.1', '--to', '105.4,21.1', '--frequency-mhz', '900'],
      /missing --tx-height-m H/,
    ],
    [
      'a viewshed site outside every DEM',
      () => ['viewshed', '--terrain', HGT_PATH, '--site', '104.5,21.5', '--height-m', '30', '--radius-m', '1000'],
      /the site \(104\.500000, 21\.500000\) is outside every DEM given: .*N21E105\.hgt/,
    ],
    [
      'a viewshed DEM in an unknown CRS',
      () => [
        'viewshed',
        '--terrain',
        join(directory, 'lambert.tif'),
        '--site',
        '1,1',
        '--height-m',
        '3',
        '--radius-m',
        '9',
      ],
      /lambert\.tif: the DEM is in EPSG:2000/,
    ],
  ];
  it.each(cases)('%s', async (_what, args, message) => {
    const result = await run(args());
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    expect(result.stderr.slice(0, -1)).not.toContain('\n');
    expect(result.stderr).toMatch(message);
  });

  it('as a child process: exit 2, one line, no stack', async () => {
    const result = await runCliChild(pathloss('/nonexistent/N21E105.hgt'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('cosite pathloss: cannot read /nonexistent/N21E105.hgt: no such file\n');
  });
});
