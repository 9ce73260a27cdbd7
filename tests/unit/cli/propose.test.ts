import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';
import { runCliChild as runChild, runCliInProcess as runInProcess } from './cliHarness';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const at = (relative: string) => `${repository}${relative}`;
const TOWERS = 'data/demo/towers.csv';
const POPULATION = 'data/demo/population.tif';
const CANDIDATES = 'tests/fixtures/siting/demo_gap_candidates.csv';
const BOUNDARY = 'tests/fixtures/siting/west_boundary.geojson';
const RADIUS_M = 3000;

interface Instance {
  ids: string[];
  /** Per candidate: population of each demand cell it reaches, keyed by cell. */
  reach: Map<number, number>[];
}

/** The population raster read with geotiff (not the code under test): its grid and values. */
async function demoRaster() {
  const bytes = readFileSync(at(POPULATION));
  const image = await (
    await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  ).getImage();
  const [west, north] = image.getOrigin();
  const [cellLon, negativeCellLat] = image.getResolution();
  const nodata = image.getGDALNoData();
  const values = (await image.readRasters({ interleave: true })) as unknown as Float32Array;
  return { image, west, north, cellLon, negativeCellLat, nodata, values };
}

/** The candidate CSV split by hand. */
function demoCandidates() {
  return readFileSync(at(CANDIDATES), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([id, lon, lat]) => ({ id, lon: +lon, lat: +lat }));
}

/**
 * The contract computed apart from the code under test: the raster read with geotiff, the CSVs split by hand, every
 * populated cell tested against every tower (towers' radius_m, else R) and every candidate with the haversine formula.
 */
async function independentInstance(boundary?: string): Promise<Instance> {
  const { image, west, north, cellLon, negativeCellLat, nodata, values } = await demoRaster();
  const towerLines = readFileSync(at(TOWERS), 'utf8').trim().split('\n');
  const header = towerLines[0].split(',');
  const [lonAt, latAt, radiusAt] = ['lon', 'lat', 'radius_m'].map((name) => header.indexOf(name));
  const towers = towerLines.slice(1).map((line) => {
    const fields = line.split(',');
    return { lon: +fields[lonAt], lat: +fields[latAt], radius: fields[radiusAt] === '' ? RADIUS_M : +fields[radiusAt] };
  });
  const candidates = demoCandidates();
  const polygon = boundary
    ? (JSON.parse(readFileSync(at(boundary), 'utf8')) as FeatureCollection<Polygon>).features[0]
    : null;
  const reach = candidates.map(() => new Map<number, number>());
  for (let row = 0; row < image.getHeight(); row++) {
    const lat = north + (row + 0.5) * negativeCellLat;
    for (let col = 0; col < image.getWidth(); col++) {
      const value = values[row * image.getWidth() + col];
      if (value === nodata || Number.isNaN(value) || !(value > 0)) continue;
      const lon = west + (col + 0.5) * cellLon;
      if (polygon && !booleanPointInPolygon(point([lon, lat]), polygon)) continue;
      const nearCandidates = candidates
        .map((candidate, k) => (haversine(lon, lat, candidate.lon, candidate.lat) <= RADIUS_M ? k : -1))
        .filter((k) => k >= 0);
      if (nearCandidates.length === 0) continue;
      // 0.1° is more than any tower radius (4 km) in both directions at this latitude.
      const covered = towers.some(
        (tower) =>
          Math.abs(tower.lat - lat) < 0.1 &&
          Math.abs(tower.lon - lon) < 0.1 &&
          haversine(lon, lat, tower.lon, tower.lat) <= tower.radius,
      );
      if (covered) continue;
      for (const k of nearCandidates) reach[k].set(row * image.getWidth() + col, value);
    }
  }
  return { ids: candidates.map((candidate) => candidate.id), reach };
}

interface WeightedInstance {
  ids: string[];
  /** Per candidate: each demand cell it reaches, with its people and its weight. */
  reach: Map<number, { people: number; weight: number }>[];
}

/**
 * The same contract for chosen operators, computed apart: a tower covers a cell for each operator on it (its tenants
 * column, owner included); with `people`, a cell is demand when none of the chosen operators covers it, worth its
 * people; with `people-x-operators`, when one of them does not, worth its people times the chosen operators that do not.
 */
async function operatorInstance(operators: string[], weighting: 'people' | 'people-x-operators') {
  const { image, west: westLon, north, cellLon, negativeCellLat, nodata, values } = await demoRaster();
  const towerLines = readFileSync(at(TOWERS), 'utf8').trim().split('\n');
  const header = towerLines[0].split(',');
  const [lonAt, latAt, radiusAt, tenantsAt] = ['lon', 'lat', 'radius_m', 'tenants'].map((name) => header.indexOf(name));
  const towers = towerLines.slice(1).map((line) => {
    const fields = line.split(',');
    return {
      lon: +fields[lonAt],
      lat: +fields[latAt],
      radius: fields[radiusAt] === '' ? RADIUS_M : +fields[radiusAt],
      tenants: fields[tenantsAt].split(';'),
    };
  });
  const candidates = demoCandidates();
  const reach = candidates.map(() => new Map<number, { people: number; weight: number }>());
  for (let row = 0; row < image.getHeight(); row++) {
    const lat = north + (row + 0.5) * negativeCellLat;
    for (let col = 0; col < image.getWidth(); col++) {
      const people = values[row * image.getWidth() + col];
      if (people === nodata || Number.isNaN(people) || !(people > 0)) continue;
      const lon = westLon + (col + 0.5) * cellLon;
      const near = candidates
        .map((candidate, k) => (haversine(lon, lat, candidate.lon, candidate.lat) <= RADIUS_M ? k : -1))
        .filter((k) => k >= 0);
      if (near.length === 0) continue;
      const covering = new Set<string>();
      for (const tower of towers) {
        if (Math.abs(tower.lat - lat) >= 0.1 || Math.abs(tower.lon - lon) >= 0.1) continue;
        if (haversine(lon, lat, tower.lon, tower.lat) <= tower.radius)
          for (const name of tower.tenants) covering.add(name);
      }
      const lacking = operators.filter((name) => !covering.has(name)).length;
      const weight =
        weighting === 'people' ? (lacking === operators.length ? people : 0) : lacking > 0 ? people * lacking : 0;
      if (weight === 0) continue;
      for (const k of near) reach[k].set(row * image.getWidth() + col, { people, weight });
    }
  }
  return { ids: candidates.map((candidate) => candidate.id), reach } satisfies WeightedInstance;
}

function covered(instance: WeightedInstance, chosen: number[]): { people: number; weight: number } {
  const cells = new Map<number, { people: number; weight: number }>();
  for (const k of chosen) for (const [cell, value] of instance.reach[k]) cells.set(cell, value);
  let people = 0;
  let weight = 0;
  for (const value of cells.values()) {
    people += value.people;
    weight += value.weight;
  }
  return { people, weight };
}

/** Best weight of at most `sites` candidates, by enumerating every subset of that size. */
function bestWeight(instance: WeightedInstance, sites: number): number {
  let best = 0;
  const choose = (from: number, chosen: number[]) => {
    if (chosen.length === sites) {
      best = Math.max(best, covered(instance, chosen).weight);
      return;
    }
    for (let k = from; k < instance.ids.length; k++) choose(k + 1, [...chosen, k]);
  };
  choose(0, []);
  return best;
}

function coveredPeople(instance: Instance, chosen: number[]): number {
  const cells = new Map<number, number>();
  for (const k of chosen) for (const [cell, people] of instance.reach[k]) cells.set(cell, people);
  let total = 0;
  for (const people of cells.values()) total += people;
  return total;
}

/** Best choice of at most `sites` candidates by enumerating every subset of exactly that size (coverage only grows). */
function optimum(instance: Instance, sites: number): number {
  let best = 0;
  const choose = (from: number, chosen: number[]) => {
    if (chosen.length === sites) {
      best = Math.max(best, coveredPeople(instance, chosen));
      return;
    }
    for (let k = from; k < instance.ids.length; k++) choose(k + 1, [...chosen, k]);
  };
  choose(0, []);
  return best;
}

let whole: Instance;
let west: Instance;
beforeAll(async () => {
  [whole, west] = await Promise.all([independentInstance(), independentInstance(BOUNDARY)]);
}, 120_000);

const baseArgs = (sites: number) => [
  'propose',
  '--towers',
  at(TOWERS),
  '--population',
  at(POPULATION),
  '--candidates',
  at(CANDIDATES),
  '--radius-m',
  String(RADIUS_M),
  '--sites',
  String(sites),
  '--json',
];

describe('cosite propose against an independent computation (demo province, 30 gap candidates)', () => {
  it.each([1, 3, 4])(
    'P = %i: heuristic <= optimum <= upper_bound, --exact finds the optimum by exhaustive search',
    async (sites) => {
      const best = optimum(whole, sites);
      expect(best).toBeGreaterThan(0);
      for (const exact of [false, true]) {
        const run = await runInProcess([...baseArgs(sites), ...(exact ? ['--exact'] : [])]);
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
        const report = JSON.parse(run.stdout);
        expect(report.selected.length).toBeLessThanOrEqual(sites);
        const chosen = report.selected.map((id: string) => whole.ids.indexOf(id));
        expect(chosen.every((k: number) => k >= 0)).toBe(true);
        expect(report.population_newly_covered).toBeCloseTo(coveredPeople(whole, chosen), 3);
        expect(report.population_newly_covered).toBeLessThanOrEqual(best + 1e-6);
        expect(report.upper_bound).toBeGreaterThanOrEqual(best - 1e-6);
        expect(report.gap_percent).toBeCloseTo(
          (100 * (report.upper_bound - report.population_newly_covered)) / report.upper_bound,
          9,
        );
        if (exact) {
          expect(report.method).toBe('exact');
          expect(report.proven_optimal).toBe(true);
          expect(report.population_newly_covered).toBeCloseTo(best, 3);
          expect(report.gap_percent).toBeLessThan(1e-6);
        } else {
          expect(report.method).toBe('greedy+swap');
          expect(report.population_newly_covered).toBeGreaterThanOrEqual(0.995 * best);
        }
      }
    },
  );

  it('--boundary: only cells whose centre is inside count as demand', async () => {
    const run = await runInProcess([...baseArgs(3), '--boundary', at(BOUNDARY), '--exact']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    const best = optimum(west, 3);
    expect(best).toBeLessThan(optimum(whole, 3));
    expect(report.population_newly_covered).toBeCloseTo(best, 3);
    const chosen = report.selected.map((id: string) => west.ids.indexOf(id));
    expect(report.population_newly_covered).toBeCloseTo(coveredPeople(west, chosen), 3);
  });

  it('P = 0 selects nothing; P above the candidate count takes every useful one', async () => {
    const none = JSON.parse((await runInProcess(baseArgs(0))).stdout);
    expect(none).toMatchObject({ selected: [], population_newly_covered: 0, upper_bound: 0, gap_percent: 0 });
    const all = JSON.parse((await runInProcess(baseArgs(100))).stdout);
    const everyCandidate = whole.ids.map((_, k) => k);
    expect(all.population_newly_covered).toBeCloseTo(coveredPeople(whole, everyCandidate), 3);
  });

  it('--budget-usd: the sites cost no more together, and --exact finds the best plan within both budgets', async () => {
    // pytal's unit costs (DOMAIN.md): tower, civil works, transport, installation 5,000 USD each and a 5G power
    // system 15,000 USD; no backbone here, so no fibre: every candidate costs 35,000 USD on a new mast.
    const perSite = 5_000 * 4 + 15_000;
    // 80,000 USD pays for 2 sites: with P = 4 the money decides, and the best plan is the best pair.
    for (const exact of [false, true]) {
      const run = await runInProcess([...baseArgs(4), '--budget-usd', '80000', ...(exact ? ['--exact'] : [])]);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.budget_usd).toBe(80_000);
      expect(report.selected.length).toBeLessThanOrEqual(2);
      expect(report.sites.every((site: { capex_usd: number }) => site.capex_usd === perSite)).toBe(true);
      expect(report.total_capex_usd).toBe(perSite * report.selected.length);
      const chosen = report.selected.map((id: string) => whole.ids.indexOf(id));
      expect(report.population_newly_covered).toBeCloseTo(coveredPeople(whole, chosen), 3);
      expect(report.upper_bound).toBeGreaterThanOrEqual(optimum(whole, 2) - 1e-6);
      if (exact) {
        expect(report.proven_optimal).toBe(true);
        expect(report.population_newly_covered).toBeCloseTo(optimum(whole, 2), 3);
      } else expect(report.population_newly_covered).toBeGreaterThanOrEqual(0.99 * optimum(whole, 2));
    }
    // Less than one site's cost: nothing can be built.
    const none = JSON.parse((await runInProcess([...baseArgs(4), '--budget-usd', String(perSite - 1)])).stdout);
    expect(none).toMatchObject({ selected: [], population_newly_covered: 0, total_capex_usd: 0 });
    // Without a budget the field says so.
    expect(JSON.parse((await runInProcess(baseArgs(1))).stdout).budget_usd).toBeNull();
  });

  it('--budget-usd that is not a positive number: exit 2, one line naming the flag', async () => {
    const run = await runInProcess([...baseArgs(4), '--budget-usd', '-5']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--budget-usd/);
  });

  it('runs as a child process: one JSON line, per-site details, exit 0', async () => {
    const run = await runChild([
      'propose',
      '--towers',
      TOWERS,
      '--population',
      POPULATION,
      '--candidates',
      CANDIDATES,
      '--radius-m',
      '3000',
      '--sites',
      '2',
      '--json',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toHaveLength(2);
    const report = JSON.parse(run.stdout);
    expect(report.selected).toHaveLength(2);
    expect(report.sites.map((site: { id: string }) => site.id)).toEqual(report.selected);
    const sum = report.sites.reduce(
      (total: number, site: { population_newly_covered: number }) => total + site.population_newly_covered,
      0,
    );
    expect(sum).toBeCloseTo(report.population_newly_covered, 3);
    expect(report.sites[0].nearest_tower.distance_m).toBeGreaterThan(0);
  });
});

describe('cosite propose for chosen operators, and weighted by operators gaining', () => {
  it.each([
    [['Viettel'], 'people'],
    [['VinaPhone', 'MobiFone'], 'people'],
    [['VinaPhone', 'MobiFone'], 'people-x-operators'],
  ] as const)('--operators %j --weighting %s: the best plan by exhaustive search', async (operators, weighting) => {
    const instance = await operatorInstance([...operators], weighting);
    const best = bestWeight(instance, 3);
    // Fewer operators' masts fill fewer gaps: more demand than with every operator.
    expect(best).toBeGreaterThan(optimum(whole, 3));
    // The operators as a user may write them: a code and another spelling for VinaPhone (452-02, VNPT).
    const written = operators.map((name) => (name === 'VinaPhone' ? '452-02' : name)).join(',');
    const run = await runInProcess([...baseArgs(3), '--operators', written, '--weighting', weighting, '--exact']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.operators).toEqual(operators);
    expect(report.weighting).toBe(weighting === 'people' ? 'people' : 'people_x_operators');
    const chosen = report.selected.map((id: string) => instance.ids.indexOf(id));
    const value = covered(instance, chosen);
    expect(report.objective).toBeCloseTo(value.weight, 3);
    expect(report.population_newly_covered).toBeCloseTo(value.people, 3);
    expect(report.proven_optimal).toBe(true);
    expect(report.objective).toBeCloseTo(best, 3);
    expect(report.upper_bound).toBeGreaterThanOrEqual(best - 1e-6);
  });

  it('without --operators, every operator of the file and people: the objective is the people newly covered', async () => {
    const report = JSON.parse((await runInProcess(baseArgs(2))).stdout);
    expect(report.operators).toEqual(['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile']);
    expect(report.weighting).toBe('people');
    expect(report.objective).toBe(report.population_newly_covered);
  });

  it.each([
    [['--operators', 'Gmobile'], "cosite propose: --operators: 'Gmobile' is not an operator of the towers file"],
    [['--operators', ','], 'cosite propose: --operators must name at least one operator'],
    [['--weighting', 'money'], "cosite propose: --weighting must be one of people, people-x-operators, got 'money'"],
  ])('refuses %j: exit 2, one line', async (extra, message) => {
    const run = await runInProcess([...baseArgs(2), ...extra]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.startsWith(message)).toBe(true);
  });
});

describe('cosite propose input errors', () => {
  it('leaves bad candidate rows out and lists each on stderr with its row number', async () => {
    const args = baseArgs(2);
    args[6] = at('tests/fixtures/siting/candidates_bad_rows.csv');
    const run = await runInProcess(args);
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/row 2 \(line 3\) left out: id is empty$/),
      expect.stringMatching(/row 3 \(line 4\) left out: lon "abc" is not a number$/),
      expect.stringMatching(/row 4 \(line 5\) left out: lat 95 is not a latitude in degrees$/),
      expect.stringMatching(/row 5 \(line 6\) left out: id "A1" repeats row 1$/),
    ]);
    const report = JSON.parse(run.stdout);
    expect(report.candidates.accepted).toBe(2);
    expect(report.candidates.rejected.map((problem: { row: number }) => problem.row)).toEqual([2, 3, 4, 5]);
  });

  const withFlag = (index: number, value: string) => {
    const args = baseArgs(2);
    args[index] = value;
    return args;
  };
  it.each([
    [withFlag(10, '-1'), "cosite propose: --sites must be an integer >= 0, got '-1'"],
    [withFlag(10, '2.5'), "cosite propose: --sites must be an integer >= 0, got '2.5'"],
    [withFlag(8, '0'), "cosite propose: --radius-m must be a number > 0, got '0'"],
    [withFlag(8, 'far'), "cosite propose: --radius-m must be a number > 0, got 'far'"],
    [withFlag(6, at('no/such.csv')), `cosite propose: cannot read ${at('no/such.csv')}: no such file`],
    [
      withFlag(6, at('tests/fixtures/siting/candidates_missing_lat.csv')),
      `cosite propose: cannot read ${at('tests/fixtures/siting/candidates_missing_lat.csv')}: missing column(s) lat ` +
        '(found: id, lon, latitude_wrong; expected id,lon,lat)',
    ],
    [baseArgs(2).filter((_, k) => k !== 5 && k !== 6), 'cosite propose: missing --candidates FILE.csv'],
  ])('exits 2 with one line for %j', async (args, message) => {
    const run = await runInProcess(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}\n`);
  });

  it('exits 2 from the real entry point too', async () => {
    const run = await runChild(['propose', '--towers', TOWERS]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('cosite propose: missing --population FILE.tif\n');
  });
});
