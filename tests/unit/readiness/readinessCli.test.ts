import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliOutput } from '../../../src/cli/cliCommand';
import { runCli } from '../../../src/cli/runCli';
import type { Tower } from '../../../src/core/model/tower';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { HAND_BACKBONE, HAND_PROVINCES, HAND_TOWERS, handGrid } from './handCheckedDataset';

let dir = '';
const file = (name: string) => join(dir, name);

/** The hand-checked dataset written as the files a user would bring. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosite-readiness-'));
  const grid = handGrid();
  const tiff = writeArrayBuffer(grid.values, {
    width: grid.width,
    height: grid.height,
    BitsPerSample: [32],
    SampleFormat: [3],
    ModelPixelScale: [grid.cellSizeLonDeg, grid.cellSizeLatDeg, 0],
    ModelTiepoint: [0, 0, 0, grid.originLon, grid.originLat, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    GDAL_NODATA: '-99999',
  } as Parameters<typeof writeArrayBuffer>[1]) as ArrayBuffer;
  writeFileSync(file('population.tif'), new Uint8Array(tiff));
  writeFileSync(
    file('provinces.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: HAND_PROVINCES.map((p) => ({
        type: 'Feature',
        properties: { code: p.code, name: p.name },
        geometry: { type: 'MultiPolygon', coordinates: p.polygons },
      })),
    }),
  );
  const rows = HAND_TOWERS.map((t) =>
    [
      t.id,
      t.operator,
      t.lon,
      t.lat,
      t.radiusM ?? '',
      t.tenants.join(';'),
      t.has4g === false ? 0 : 1,
      (t.tenants5g ?? []).length > 0 ? 1 : 0,
      t.radius5gM ?? '',
      (t.tenants5g ?? []).join(';'),
    ].join(','),
  );
  writeFileSync(
    file('towers.csv'),
    `id,operator,lon,lat,radius_m,tenants,has_4g,has_5g,radius_5g_m,tenants_5g\n${rows.join('\n')}\n`,
  );
  writeFileSync(
    file('backbone.geojson'),
    JSON.stringify({
      type: 'Feature',
      properties: {},
      geometry: { type: 'MultiLineString', coordinates: HAND_BACKBONE },
    }),
  );
  writeFileSync(file('targets.json'), JSON.stringify({ coverage_5g_share: 0.25, tenancy_ratio: 1.6 }));
  writeFileSync(file('bad-targets.json'), JSON.stringify({ coverage_6g_share: 0.5 }));
  // Province B's station list from Viettel and Gtel (see the register test below), with one broken row.
  writeFileSync(
    file('register-b.csv'),
    [
      'id,operator,lon,lat,radius_m,tenants,has_5g,radius_5g_m',
      'R1,Gtel,105.035,21.015,1100,Gtel,0,',
      'R2,Viettel,105.025,21.025,600,Viettel;MobiFone,1,600',
      'R3,Viettel,105.015,21.015,600,Viettel,0,',
      'R9,Viettel,,21.015,600,Viettel,0,',
    ].join('\n'),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const output: CliOutput = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const status = await runCli(args, output);
  return { status, stdout, stderr };
}

const baseArgs = () => [
  'readiness',
  '--towers',
  file('towers.csv'),
  '--population',
  file('population.tif'),
  '--provinces',
  file('provinces.geojson'),
];

describe('cosite readiness', () => {
  it('prints the hand-checked figures and the same result as the core', async () => {
    const { status, stdout, stderr } = await run([
      ...baseArgs(),
      '--backbone',
      file('backbone.geojson'),
      '--targets',
      file('targets.json'),
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout);
    const [a, b] = report.provinces;
    expect([a.code, a.population_total, a.population_covered_4g, a.population_covered_5g]).toEqual([
      'VNA',
      6000,
      3500,
      500,
    ]);
    expect([b.code, b.population_total, b.population_covered_4g, b.population_covered_5g]).toEqual([
      'VNB',
      5800,
      1200,
      1600,
    ]);
    expect([a.masts, a.tenancy_ratio, a.shared_share, a.masts_near_backbone]).toEqual([2, 1.5, 0.5, 1]);
    expect(b.by_operator.VinaPhone.population_covered_5g).toBe(1600);
    expect(report.national).toMatchObject({ population_total: 11800, masts: 4, tenancy_ratio: 1.75 });
    expect(b.targets.coverage_5g_share).toEqual({
      target: 0.25,
      value: 1600 / 5800,
      distance: 0.25 - 1600 / 5800,
      met: true,
    });
    expect(report.towers).toEqual({ accepted: 5, rejected: 0, warnings: 0 });

    const core = await computeNationalReadiness({
      grid: handGrid(),
      provinces: HAND_PROVINCES,
      towers: packReadinessTowers(HAND_TOWERS),
      backbone: HAND_BACKBONE,
      targets: { coverage_5g_share: 0.25, tenancy_ratio: 1.6 },
    });
    const { towers: _towers, ...fromCli } = report;
    expect(fromCli).toEqual(JSON.parse(JSON.stringify(core)));
  });

  it("counts a province's station list for its operators instead of theirs in --towers, as the core does by hand", async () => {
    const { status, stdout, stderr } = await run([...baseArgs(), '--register', `VNB=${file('register-b.csv')}`]);
    expect(status).toBe(0);
    expect(stderr).toContain(`; VNB counts ${file('register-b.csv')} for Gtel, Viettel (1 row(s) rejected)\n`);
    const report = JSON.parse(stdout);
    expect(report.registers).toEqual([
      { province: 'VNB', file: file('register-b.csv'), operators: ['Gtel', 'Viettel'], masts: 3, rejected: 1 },
    ]);
    // B loses T3 (Viettel) and keeps T4 (VinaPhone); R1 and R2 stand in B, R3 in A (cell (2,1)).
    const [a, b] = report.provinces;
    expect([b.masts, b.population_covered_4g, b.population_covered_5g]).toEqual([3, 1900, 2300]);
    expect([a.masts, a.population_covered_4g]).toEqual([3, 3500]);
    const at = (id: string) => HAND_TOWERS.find((tower) => tower.id === id) as Tower;
    const register: Tower[] = [
      { ...at('T5'), id: 'R1', operator: 'Gtel', lon: 105.035, lat: 21.015, radiusM: 1100, tenants: ['Gtel'] },
      {
        ...at('T5'),
        id: 'R2',
        operator: 'Viettel',
        lon: 105.025,
        lat: 21.025,
        radiusM: 600,
        tenants: ['Viettel', 'MobiFone'],
        tenants5g: ['Viettel', 'MobiFone'],
        radius5gM: 600,
      },
      { ...at('T5'), id: 'R3', operator: 'Viettel', lon: 105.015, lat: 21.015, radiusM: 600, tenants: ['Viettel'] },
    ];
    const core = await computeNationalReadiness({
      grid: handGrid(),
      provinces: HAND_PROVINCES,
      towers: packReadinessTowers([...HAND_TOWERS.filter((tower) => tower.id !== 'T3'), ...register]),
    });
    const { towers: _towers, registers: _registers, ...fromCli } = report;
    expect(fromCli).toEqual(JSON.parse(JSON.stringify(core)));

    const malformed = await run([...baseArgs(), '--register', 'VNB']);
    expect([malformed.status, malformed.stderr]).toEqual([
      2,
      "cosite readiness: --register: expected CODE=FILE, got 'VNB'\n",
    ]);
    const unknown = await run([...baseArgs(), '--register', `VNX=${file('register-b.csv')}`]);
    expect([unknown.status, unknown.stderr]).toEqual([
      2,
      `cosite readiness: --register: no province VNX in the run (${file('provinces.geojson')})\n`,
    ]);
    const missing = await run([...baseArgs(), '--register', `VNB=${file('none.csv')}`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('none.csv');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('applies the distance and reach flags, and says so in the settings', async () => {
    const { status, stdout } = await run([
      ...baseArgs(),
      '--backbone',
      file('backbone.geojson'),
      '--backbone-distance-m',
      '1700',
      '--radius-m',
      '900',
      '--json',
    ]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.settings).toEqual({
      backbone_distance_m: 1700,
      default_radius_m: 900,
      default_5g_radius_factor: 0.6,
    });
    expect(report.provinces.map((p: { masts_near_backbone: number }) => p.masts_near_backbone)).toEqual([2, 2]);
    // Without --backbone the backbone figures are null.
    const none = JSON.parse((await run([...baseArgs(), '--json'])).stdout);
    expect(none.national.masts_near_backbone).toBeNull();
  });

  it('writes a summary on stderr without --json', async () => {
    const { status, stderr } = await run(baseArgs());
    expect(status).toBe(0);
    expect(stderr).toMatch(
      /^cosite readiness: 2 province\(s\), 4 masts in them \(0 row\(s\) rejected\); 4G 39\.8%, 5G 17\.8% of 11800 people/,
    );
  });

  it('explains unusable inputs in one line with status 2', async () => {
    const missing = await run(['readiness', '--towers', file('towers.csv'), '--population', file('population.tif')]);
    expect([missing.status, missing.stderr]).toEqual([2, 'cosite readiness: missing --provinces FILE.geojson\n']);
    const badNumber = await run([...baseArgs(), '--backbone-distance-m', 'far']);
    expect([badNumber.status, badNumber.stderr]).toEqual([
      2,
      "cosite readiness: --backbone-distance-m must be a number >= 0, got 'far'\n",
    ]);
    const badTargets = await run([...baseArgs(), '--targets', file('bad-targets.json')]);
    expect(badTargets.status).toBe(2);
    expect(badTargets.stderr).toContain("unknown KPI 'coverage_6g_share'");
    const notPolygons = await run([
      'readiness',
      '--towers',
      file('towers.csv'),
      '--population',
      file('population.tif'),
      '--provinces',
      file('backbone.geojson'),
    ]);
    expect(notPolygons.status).toBe(2);
    expect(notPolygons.stderr).toContain('no Polygon or MultiPolygon');
  });

  it('documents its definitions in --help', async () => {
    const { status, stdout } = await run(['readiness', '--help']);
    expect(status).toBe(0);
    for (const term of ['population_covered_5g', 'tenancy_ratio', 'shared_share', 'masts_near_backbone', 'haversine']) {
      expect(stdout).toContain(term);
    }
  });
});
