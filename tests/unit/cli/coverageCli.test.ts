import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, point } from '@turf/turf';
import * as Comlink from 'comlink';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import type { CliOutput } from '../../../src/cli/cliCommand';
import { runCli } from '../../../src/cli/runCli';
import { summarizeCoverage } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { packTowers } from '../../../src/core/model/towerArrays';
import { type AnalysisApi, analysisApi } from '../../../workers/analysisApi';
import { runFixedRadiusCoverage } from '../../../workers/runFixedRadiusCoverage';
import { WorkerPool } from '../../../workers/workerPool';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const at = (relative: string) => `${repository}${relative}`;
const FIXTURE = {
  towers: at('tests/fixtures/coverage/towers.csv'),
  population: at('tests/fixtures/coverage/population.tif'),
  boundary: at('tests/fixtures/coverage/boundary.geojson'),
  areas: at('tests/fixtures/coverage/areas.geojson'),
};
const DEMO = {
  towers: at('data/demo/towers.csv'),
  population: at('data/demo/population.tif'),
  boundary: at('data/demo/province.geojson'),
};

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
  return { status, stdout, stderr, report: status === 0 ? JSON.parse(stdout) : null };
}

// ---- The definitions, written out apart from the code under test -------------------------------------------------

const RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a =
    Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 +
    Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Cell area on the sphere, km²: R² Δλ (sin φN - sin φS). */
function cellAreaKm2(latNorth: number, cellLat: number, cellLon: number): number {
  return (RADIUS_M / 1000) ** 2 * cellLon * RAD * (Math.sin(latNorth * RAD) - Math.sin((latNorth - cellLat) * RAD));
}

interface Cell {
  lon: number;
  lat: number;
  value: number;
  latNorth: number;
}

/** The raster's cells that hold data, read with geotiff itself. */
async function readCells(path: string) {
  const bytes = readFileSync(path);
  const image = await (
    await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  ).getImage();
  const [west, north] = image.getOrigin();
  const [cellLon, negativeCellLat] = image.getResolution();
  const nodata = image.getGDALNoData();
  const values = (await image.readRasters({ interleave: true })) as unknown as Float32Array;
  const cells: Cell[] = [];
  for (let row = 0; row < image.getHeight(); row++) {
    for (let col = 0; col < image.getWidth(); col++) {
      const value = values[row * image.getWidth() + col];
      if (value === nodata || Number.isNaN(value)) continue;
      cells.push({
        lon: west + (col + 0.5) * cellLon,
        lat: north + (row + 0.5) * negativeCellLat,
        value,
        latNorth: north + row * negativeCellLat,
      });
    }
  }
  return { cells, cellLon, cellLat: -negativeCellLat };
}

interface Mast {
  lon: number;
  lat: number;
  heightM: number | null;
  radiusM: number | null;
  operators: string[];
}

/** A plain CSV with columns id,operator,lon,lat,height_m,radius_m[,mast_type],tenants; rows with |lat| > 90 dropped. */
function readMasts(path: string): Mast[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const column = (name: string) => columns.indexOf(name);
  return rows
    .map((line) => line.split(','))
    .filter((fields) => Math.abs(Number(fields[column('lat')])) <= 90)
    .map((fields) => {
      const number = (name: string) => (fields[column(name)] === '' ? null : Number(fields[column(name)]));
      const owner = fields[column('operator')];
      const tenants = fields[column('tenants')] ?? '';
      return {
        lon: Number(fields[column('lon')]),
        lat: Number(fields[column('lat')]),
        heightM: number('height_m'),
        radiusM: number('radius_m'),
        operators: [...new Set([owner, ...tenants.split(';').filter((name) => name !== '')])],
      };
    });
}

function readPolygon(path: string): Feature<Polygon | MultiPolygon> {
  return (JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features[0];
}

/** Fixed-radius coverage by the definition: every cell against every mast. */
function fixedRadiusByDefinition(
  raster: Awaited<ReturnType<typeof readCells>>,
  masts: Mast[],
  defaultRadiusM: number | null,
  inside: (cell: Cell) => boolean = () => true,
) {
  let total = 0;
  let covered = 0;
  let areaKm2 = 0;
  const byOperator: Record<string, number> = {};
  for (const cell of raster.cells) {
    if (!inside(cell)) continue;
    total += cell.value;
    const operators = new Set<string>();
    for (const mast of masts) {
      const reachM = mast.radiusM ?? defaultRadiusM;
      if (reachM === null) continue;
      if (Math.abs(mast.lat - cell.lat) * 111_300 > reachM + 1000) continue; // cheap pre-filter, generous
      if (haversineM(cell.lon, cell.lat, mast.lon, mast.lat) <= reachM)
        for (const name of mast.operators) operators.add(name);
    }
    if (operators.size === 0) continue;
    covered += cell.value;
    areaKm2 += cellAreaKm2(cell.latNorth, raster.cellLat, raster.cellLon);
    for (const name of operators) byOperator[name] = (byOperator[name] ?? 0) + cell.value;
  }
  return { total, covered, areaKm2, byOperator };
}

// ---- Tests ---------------------------------------------------------------------------------------------------------

describe('cosite coverage, fixed radius, on the hand-made fixture', () => {
  it("matches the definition with each mast's radius_m; masts without one cover nothing, with a note", async () => {
    const { status, report, stderr } = await run([
      'coverage',
      '--towers',
      FIXTURE.towers,
      '--population',
      FIXTURE.population,
      '--json',
    ]);
    expect(status).toBe(0);
    const expected = fixedRadiusByDefinition(await readCells(FIXTURE.population), readMasts(FIXTURE.towers), null);
    expect(expected.total).toBe(5827.75); // the row sums of generate.ts: 620.5 + 1678 + 2276 + 956 + 144 + 153.25
    expect(report.population_total).toBeCloseTo(expected.total, 6);
    expect(report.population_covered).toBeCloseTo(expected.covered, 6);
    expect(report.population_uncovered).toBeCloseTo(expected.total - expected.covered, 6);
    expect(report.area_covered_km2).toBeCloseTo(expected.areaKm2, 6);
    for (const name of ['Viettel', 'VinaPhone', 'MobiFone']) {
      expect(report.population_covered_by_operator[name]).toBeCloseTo(expected.byOperator[name] ?? 0, 6);
    }
    expect(report.population_covered_by_operator.Vietnamobile).toBe(0); // C-04 has no radius_m
    expect(report).toMatchObject({ mode: 'fixed-radius', towers_used: 3, radius_m: null, rejected_rows: 1 });
    expect(stderr).toBe(
      `cosite coverage: note: 1 row(s) of ${FIXTURE.towers} rejected and left out (see cosite validate)\n` +
        'cosite coverage: note: 2 mast(s) have no radius_m and no --radius-m was given: they cover nothing\n',
    );
  });

  it('uses --radius-m for masts without radius_m, and counts only cells inside the boundary', async () => {
    const { report } = await run([
      'coverage',
      '--towers',
      FIXTURE.towers,
      '--population',
      FIXTURE.population,
      '--boundary',
      FIXTURE.boundary,
      '--radius-m',
      '1000',
      '--areas',
      FIXTURE.areas,
      '--json',
    ]);
    const boundary = readPolygon(FIXTURE.boundary);
    const inside = (cell: Cell) => booleanPointInPolygon(point([cell.lon, cell.lat]), boundary);
    const raster = await readCells(FIXTURE.population);
    const expected = fixedRadiusByDefinition(raster, readMasts(FIXTURE.towers), 1000, inside);
    expect(expected.total).toBeLessThan(5827.75);
    expect(report.population_total).toBeCloseTo(expected.total, 6);
    expect(report.population_covered).toBeCloseTo(expected.covered, 6);
    expect(report.area_covered_km2).toBeCloseTo(expected.areaKm2, 6);
    expect(report.population_covered_by_operator.Vietnamobile).toBeCloseTo(expected.byOperator.Vietnamobile ?? 0, 6);
    expect(report.towers_used).toBe(5);
    // Per commune: north of 16.03°N is "Xã Bắc", south "Xã Nam"; both inside the boundary test.
    const north = fixedRadiusByDefinition(
      raster,
      readMasts(FIXTURE.towers),
      1000,
      (cell) => inside(cell) && cell.lat > 16.03,
    );
    expect(report.gaps_by_area).toEqual([
      {
        area: 0,
        name: 'Xã Bắc',
        population_total: expect.closeTo(north.total, 6),
        population_covered: expect.closeTo(north.covered, 6),
        population_uncovered: expect.closeTo(north.total - north.covered, 6),
      },
      expect.objectContaining({
        area: 1,
        name: 'Xã Nam',
        population_total: expect.closeTo(expected.total - north.total, 6),
      }),
    ]);
  });

  it('gives the same JSON as a child process (the real command line)', async () => {
    const args = [
      'coverage',
      '--towers',
      FIXTURE.towers,
      '--population',
      FIXTURE.population,
      '--radius-m',
      '1500',
      '--json',
    ];
    const child = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', ...args],
        { cwd: repository },
        (error, out, err) => resolve({ status: error ? Number(error.code) : 0, stdout: out, stderr: err }),
      );
    });
    const inProcess = await run(args);
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(inProcess.stdout);
    expect(child.stderr).toBe(inProcess.stderr);
  });
});

describe('cosite coverage, fixed radius, on the demo province', () => {
  it('matches the definition, cell by cell, within the province boundary', async () => {
    const { report } = await run([
      'coverage',
      '--towers',
      DEMO.towers,
      '--population',
      DEMO.population,
      '--boundary',
      DEMO.boundary,
      '--radius-m',
      '1500',
      '--json',
    ]);
    const boundary = readPolygon(DEMO.boundary);
    const inside = (cell: Cell) => booleanPointInPolygon(point([cell.lon, cell.lat]), boundary);
    const expected = fixedRadiusByDefinition(await readCells(DEMO.population), readMasts(DEMO.towers), 1500, inside);
    expect(report.population_total).toBeCloseTo(expected.total, 4);
    expect(report.population_covered).toBeCloseTo(expected.covered, 4);
    expect(report.area_covered_km2).toBeCloseTo(expected.areaKm2, 6);
    for (const [name, value] of Object.entries(expected.byOperator)) {
      expect(report.population_covered_by_operator[name]).toBeCloseTo(value, 4);
    }
    expect(report.towers_used).toBe(2318);
  });

  it('gives the same figures as the app path (worker pool over row bands, then summarizeCoverage)', async () => {
    const { report } = await run([
      'coverage',
      '--towers',
      DEMO.towers,
      '--population',
      DEMO.population,
      '--radius-m',
      '2000',
      '--json',
    ]);
    const grid = await readPopulationGeoTiff(new Uint8Array(readFileSync(DEMO.population)).buffer);
    const towers = packTowers(parseTowersCsv(readFileSync(DEMO.towers, 'utf8')).towers);
    const pool = new WorkerPool<AnalysisApi>(() => {
      const { port1, port2 } = new MessageChannel();
      Comlink.expose(analysisApi, port1 as unknown as Comlink.Endpoint);
      return {
        api: Comlink.wrap<AnalysisApi>(port2 as unknown as Comlink.Endpoint),
        terminate: () => {
          port1.close();
          port2.close();
        },
      };
    }, 2);
    try {
      const bits = await runFixedRadiusCoverage(pool, grid, towers, 2000);
      const app = summarizeCoverage(grid, bits, towers.operatorNames);
      expect(report.population_total).toBe(app.populationTotal);
      expect(report.population_covered).toBe(app.populationCovered);
      expect(report.area_covered_km2).toBe(app.areaCoveredKm2);
      expect(report.population_covered_by_operator).toEqual(app.populationCoveredByOperator);
    } finally {
      pool.close();
    }
  });
});

describe('cosite coverage --model', () => {
  it('matches a link budget computed by hand on the fixture (UMa NLOS, 4G, grid = the 1 km raster)', async () => {
    const { report, stderr } = await run([
      'coverage',
      '--towers',
      FIXTURE.towers,
      '--population',
      FIXTURE.population,
      '--model',
      'uma-nlos',
      '--grid-m',
      '1000',
      '--json',
    ]);
    // 0.01° cells are 1112 x 1069 m: round(1.11) = round(1.07) = 1, so the analysis grid is the raster's own grid.
    expect(report.analysis_grid).toEqual({ width: 8, height: 6, cell_width_m: 1068.7, cell_height_m: 1112 });
    // RSRP = 46 - 10 log10(1200) + 17.5 - 0.5 (32.2082 dBm per RE) - 8.3 dB shadowing - PL >= -110 dBm
    // PL = max(LOS, 13.54 + 39.08 log d3D + 20 log 1.8), LOS = 28 + 22 log d3D + 20 log 1.8 before
    // d'BP = 4 (hBS - 1) x 0.5 x 1.8e9 / 3e8, else 28 + 40 log d3D + 20 log 1.8 - 9 log(d'BP² + (hBS - 1.5)²)
    const eirpDbm = 46 - 10 * Math.log10(1200) + 17.5 - 0.5;
    const pathLoss = (distanceM: number, hBS: number) => {
      const d3D = Math.sqrt(distanceM ** 2 + (hBS - 1.5) ** 2);
      const breakpointM = (4 * (hBS - 1) * 0.5 * 1.8e9) / 3e8;
      const fTerm = 20 * Math.log10(1.8);
      const los =
        distanceM <= breakpointM
          ? 28 + 22 * Math.log10(d3D) + fTerm
          : 28 + 40 * Math.log10(d3D) + fTerm - 9 * Math.log10(breakpointM ** 2 + (hBS - 1.5) ** 2);
      return Math.max(los, 13.54 + 39.08 * Math.log10(d3D) + fTerm);
    };
    const raster = await readCells(FIXTURE.population);
    const masts = readMasts(FIXTURE.towers);
    /** People covered when RSRP - lossDb >= thresholdDbm, in all and per operator, by brute force over every pair. */
    const handCovered = (lossDb: number, thresholdDbm: number, totalEirpDbm: Record<string, number> = {}) => {
      let total = 0;
      const perOperator: Record<string, number> = {};
      for (const cell of raster.cells) {
        const operators = new Set<string>();
        for (const mast of masts) {
          const distanceM = Math.max(haversineM(mast.lon, mast.lat, cell.lon, cell.lat), 1);
          for (const name of mast.operators) {
            // A total EIRP given for the operator replaces 46 + 17.5 - 0.5 dBm; per resource element: less 10 log 1200.
            const perRe = name in totalEirpDbm ? totalEirpDbm[name] - 10 * Math.log10(1200) : eirpDbm;
            if (perRe - lossDb - pathLoss(distanceM, mast.heightM ?? 25) >= thresholdDbm) operators.add(name);
          }
        }
        if (operators.size > 0) total += cell.value;
        for (const name of operators) perOperator[name] = (perOperator[name] ?? 0) + cell.value;
      }
      return { total, perOperator };
    };
    const { total: covered, perOperator: byOperator } = handCovered(8.3, -110);
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(5827.75);
    expect(report.population_total).toBeCloseTo(5827.75, 6);
    expect(report.population_covered).toBeCloseTo(covered, 6);
    for (const name of ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile']) {
      expect(report.population_covered_by_operator[name]).toBeCloseTo(byOperator[name] ?? 0, 6);
    }
    expect(report).toMatchObject({
      mode: 'propagation',
      model: 'uma-nlos',
      technology: '4g',
      frequency_mhz: 1800,
      threshold_dbm: -110,
      grid_m: 1000,
      towers_used: 5,
      radios: 7,
    });
    expect(stderr).toContain('cosite coverage: note: 1 mast(s) have no height: 25 m is used\n');

    // Indoors: 8.3 dB shadowing + 20 dB building loss, then -100 dBm; or the losses given on the command line.
    const grid1000 = ['--model', 'uma-nlos', '--grid-m', '1000', '--json'];
    const base = ['coverage', '--towers', FIXTURE.towers, '--population', FIXTURE.population, ...grid1000];
    for (const [flags, lossDb, thresholdDbm, totalEirp] of [
      [['--indoor'], 28.3, -100, {}],
      [['--indoor', '--indoor-loss-db', '6', '--shadowing-margin-db', '4'], 10, -100, {}],
      [['--shadowing-margin-db', '0', '--threshold-dbm', '-120'], 0, -120, {}],
      [['--eirp-dbm', 'Viettel=55, mobifone=75'], 8.3, -110, { Viettel: 55, MobiFone: 75 }],
    ] as const) {
      const expected = handCovered(lossDb, thresholdDbm, totalEirp);
      const got = (await run([...base, ...flags])).report;
      expect(got.threshold_dbm).toBe(thresholdDbm);
      expect(got.shadowing_margin_db + got.indoor_loss_db).toBeCloseTo(lossDb, 9);
      expect(got.population_covered).toBeCloseTo(expected.total, 6);
      for (const name of ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile']) {
        expect(got.population_covered_by_operator[name]).toBeCloseTo(expected.perOperator[name] ?? 0, 6);
      }
    }
  });

  it('keeps the population total of the fixed-radius mode and covers less with stricter service', async () => {
    const common = [
      'coverage',
      '--towers',
      DEMO.towers,
      '--population',
      DEMO.population,
      '--boundary',
      DEMO.boundary,
      '--json',
    ];
    const fixed = (await run([...common, '--radius-m', '1000'])).report;
    const outdoor = (await run([...common, '--model', 'uma-nlos'])).report;
    const strict = (await run([...common, '--model', 'uma-nlos', '--grid-m', '250', '--threshold-dbm', '-100'])).report;
    const loose = (await run([...common, '--model', 'uma-nlos', '--grid-m', '250'])).report;
    expect(Math.abs(outdoor.population_total - fixed.population_total)).toBeLessThan(1e-6);
    expect(Math.abs(strict.population_total - fixed.population_total)).toBeLessThan(1e-6);
    expect(outdoor.analysis_grid).toEqual({ width: 1656, height: 1386, cell_width_m: 99.2, cell_height_m: 103 });
    expect(outdoor.population_covered / outdoor.population_total).toBeGreaterThan(0.5);
    expect(strict.population_covered).toBeLessThan(loose.population_covered);
    expect(Math.abs(loose.population_covered - outdoor.population_covered) / outdoor.population_total).toBeLessThan(
      0.02,
    );
    for (const name of ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile']) {
      expect(outdoor.population_covered_by_operator[name]).toBeLessThanOrEqual(outdoor.population_covered);
    }
  });

  it('runs 5G with the licensed bands only, and indoor service below outdoor', async () => {
    const common = [
      'coverage',
      '--towers',
      FIXTURE.towers,
      '--population',
      FIXTURE.population,
      '--model',
      'rma-nlos',
      '--grid-m',
      '250',
      '--json',
    ];
    const silent = await run([...common, '--technology', '5g']);
    expect(silent.report.population_covered).toBe(0); // the fixture has no has_5g / tenants_5g columns: no 5G
    expect(silent.stderr).toContain('the tower file says nothing about 5G (no has_5g / tenants_5g): no mast runs 5G');
    const fiveG = await run([...common, '--technology', '5g', '--assume-5g']);
    expect(fiveG.report.frequency_mhz).toBeNull();
    expect(fiveG.report.frequency_mhz_by_operator).toEqual({
      Viettel: 2550,
      VinaPhone: 3750,
      MobiFone: 3850,
      Vietnamobile: null,
    });
    expect(fiveG.report.population_covered).toBeGreaterThan(0);
    expect(fiveG.report.population_covered_by_operator.Vietnamobile).toBe(0);
    expect(fiveG.stderr).toContain('every tenant with a 5G band is assumed to run it (--assume-5g)');
    expect(fiveG.stderr).toContain('Vietnamobile has no 5G band: its radios on 1 mast(s) cover nothing in 5G');
    const outdoor = (await run(common)).report;
    const indoor = (await run([...common, '--indoor'])).report;
    expect(indoor.threshold_dbm).toBe(-100);
    expect(indoor.population_covered).toBeLessThan(outdoor.population_covered);
    const at2100 = (await run([...common, '--frequency-mhz', '2100'])).report;
    expect(at2100.frequency_mhz).toBe(2100);
    expect(at2100.population_covered).toBeLessThanOrEqual(outdoor.population_covered);
  });
});

describe('cosite coverage, bad input', () => {
  const base = ['coverage', '--towers', FIXTURE.towers, '--population', FIXTURE.population];
  it.each([
    [
      [...base, '--model', 'uma-nlos', '--radius-m', '500'],
      'cosite coverage: --radius-m is for the fixed-radius mode: leave it out with --model',
    ],
    [[...base, '--grid-m', '100'], 'cosite coverage: --grid-m needs --model (propagation mode)'],
    [[...base, '--model', 'uma-nlos', '--indoor-loss-db', '10'], 'cosite coverage: --indoor-loss-db needs --indoor'],
    [
      [...base, '--model', 'uma-nlos', '--eirp-dbm', 'Viettel=60,Orange=58'],
      "cosite coverage: --eirp-dbm: 'Orange=58' is not OPERATOR=DBM (an operator and an EIRP of 0-100 dBm)",
    ],
    [
      [...base, '--model', 'uma-nlos', '--shadowing-margin-db', 'x'],
      "cosite coverage: --shadowing-margin-db must be a margin in dB >= 0 and <= 60, got 'x'",
    ],
    [[...base, '--model', 'okumura'], /^cosite coverage: unknown model 'okumura' \(models: fspl, /],
    [[...base, '--radius-m', '-1'], "cosite coverage: --radius-m must be a radius in m >= 0, got '-1'"],
    [
      [...base, '--model', 'uma-nlos', '--technology', '6g'],
      "cosite coverage: --technology must be one of 4g, 5g, got '6g'",
    ],
    [
      [...base, '--model', 'uma-nlos', '--grid-m', '0'],
      "cosite coverage: --grid-m must be a cell size in m >= 1, got '0'",
    ],
    [['coverage', '--towers', FIXTURE.towers], 'cosite coverage: missing --population FILE.tif'],
    [
      [...base, '--areas', at('tests/fixtures/boundary/lines_only.geojson')],
      /^cosite coverage: cannot read .*lines_only.geojson: no Polygon/,
    ],
  ])('exits 2 with one line for %j', async (args, expected) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.slice(0, -1)).not.toContain('\n');
    if (typeof expected === 'string') expect(result.stderr).toBe(`${expected}\n`);
    else expect(result.stderr).toMatch(expected);
  });
});
