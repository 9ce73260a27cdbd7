import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { parseTowersGeoJson } from '../../../src/core/io/parseTowersGeoJson';
import { validateTowerFile } from '../../../src/core/validation/validateTowerFile';
import { repositoryPath, runCliInProcess } from '../cli/cliHarness';

const folder = mkdtempSync(join(tmpdir(), 'cosite-tenant-counts-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A file in the temporary folder; its absolute path. */
function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const CSV = [
  'id,operator,lon,lat,tenants',
  'T1,Viettel,108.2000,16.0500,3',
  'T2,MobiFone,108.2100,16.0600,2',
  'T3,VinaPhone,108.2200,16.0700,1',
  'T4,Viettel,108.2300,16.0800,',
].join('\n');

function feature(id: string, operator: string, lon: number, lat: number, tenants: unknown) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { id, operator, tenants },
  };
}

const GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    feature('G1', 'Viettel', 108.2, 16.05, 3), // a JSON number
    feature('G2', 'MobiFone', 108.21, 16.06, '3'), // text
    feature('G3', 'VinaPhone', 108.22, 16.07, 1),
    feature('G4', 'Viettel', 108.23, 16.08, 2),
  ],
});

describe('tenants given as a count', () => {
  it('CSV: accepts every row, sets tenantCount, keeps the owner as the only named tenant', () => {
    const result = parseTowersCsv(CSV);
    expect(result.rejected).toEqual([]);
    expect(result.towers).toHaveLength(4);
    expect(result.towers.map((tower) => [tower.id, tower.tenants, tower.tenantCount])).toEqual([
      ['T1', ['Viettel'], 3],
      ['T2', ['MobiFone'], 2],
      ['T3', ['VinaPhone'], 1],
      ['T4', ['Viettel'], undefined],
    ]);
    expect('tenantCount' in result.towers[3]).toBe(false);
    // One file-wide note that 3 masts give a count.
    expect(result.warnings).toEqual([expect.objectContaining({ row: 0, field: 'tenants' })]);
    expect(result.warnings[0].reason).toMatch(/^3 mast\(s\)/);
  });

  it('CSV: validateTowerFile counts masts by owner only, and masts with a count of 2 or more as shared', () => {
    const report = validateTowerFile(parseTowersCsv(CSV));
    expect(report.accepted).toBe(4);
    expect(report.rejected).toEqual([]);
    // Owners: Viettel T1, T4; MobiFone T2; VinaPhone T3. The counted tenants of T1 and T2 are nobody's masts.
    expect(report.towers_by_operator).toEqual({ Viettel: 2, VinaPhone: 1, MobiFone: 1 });
    // T1 (3) and T2 (2); T3 (1) and T4 (owner alone) are not shared.
    expect(report.shared_masts).toBe(2);
  });

  it('GeoJSON: a count as a JSON number and as text are read alike', () => {
    const result = parseTowersGeoJson(GEOJSON);
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((tower) => [tower.id, tower.tenants, tower.tenantCount])).toEqual([
      ['G1', ['Viettel'], 3],
      ['G2', ['MobiFone'], 3],
      ['G3', ['VinaPhone'], 1],
      ['G4', ['Viettel'], 2],
    ]);
    const report = validateTowerFile(result);
    expect(report.towers_by_operator).toEqual({ Viettel: 2, VinaPhone: 1, MobiFone: 1 });
    expect(report.shared_masts).toBe(3); // G1, G2, G4
  });

  it('cosite validate on a GeoJSON file with counts: every row accepted, exit 0', async () => {
    const path = write('counts.geojson', GEOJSON);
    const run = await runCliInProcess(['validate', '--towers', path, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.accepted).toBe(4);
    expect(report.rejected).toEqual([]);
    expect(report.towers_by_operator).toEqual({ Viettel: 2, VinaPhone: 1, MobiFone: 1 });
    expect(report.shared_masts).toBe(3);
  });

  it('warns about a count of 0 or 9 and keeps the row without a count', () => {
    const result = parseTowersCsv(
      ['id,operator,lon,lat,tenants', 'Z1,Viettel,108.2000,16.0500,0', 'Z2,MobiFone,108.2100,16.0600,9'].join('\n'),
    );
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((tower) => [tower.id, tower.tenants, tower.tenantCount])).toEqual([
      ['Z1', ['Viettel'], undefined],
      ['Z2', ['MobiFone'], undefined],
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 1, field: 'tenants', code: 'badTenantCount', params: { value: '0' } }),
      expect.objectContaining({ row: 2, field: 'tenants', code: 'badTenantCount', params: { value: '9' } }),
    ]);
    expect(validateTowerFile(result).shared_masts).toBe(0);
  });

  it("warns about numbers inside a list ('1;2') and adds no operator '1' or '2'", () => {
    const result = parseTowersCsv(['id,operator,lon,lat,tenants', 'L1,Viettel,108.2000,16.0500,1;2'].join('\n'));
    expect(result.rejected).toEqual([]);
    expect(result.towers[0].tenants).toEqual(['Viettel']);
    expect(result.towers[0].tenantCount).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 1, field: 'tenants', code: 'tenantNumberInList', params: { value: '1' } }),
      expect.objectContaining({ row: 1, field: 'tenants', code: 'tenantNumberInList', params: { value: '2' } }),
    ]);
    expect(validateTowerFile(result).towers_by_operator).toEqual({ Viettel: 1 });
  });

  it('reads full operator codes inside a list (452-01, 45202)', () => {
    const result = parseTowersCsv(
      ['id,operator,lon,lat,tenants', 'L1,Viettel,108.2000,16.0500,452-01;45202'].join('\n'),
    );
    expect(result.warnings).toEqual([]);
    expect(result.towers[0].tenants).toEqual(['Viettel', 'MobiFone', 'VinaPhone']);
  });

  // A lone five-digit MCC-MNC code is an operator (one of the full forms operators.ts recognises), not a count.
  it('reads a lone full code without a dash (45201) as an operator, not as a count', () => {
    const result = parseTowersCsv(['id,operator,lon,lat,tenants', 'L1,Viettel,108.2000,16.0500,45201'].join('\n'));
    expect(result.towers[0].tenants).toEqual(['Viettel', 'MobiFone']);
    expect(result.warnings).toEqual([]);
  });
});

// ---- Coverage per operator counts the owner of a counted mast only --------------------------------------------------

// tests/fixtures/coverage/population.tif: 8 x 6 cells of 0.01°, north-west corner 108.00°E 16.06°N (values in its
// generate.ts). Cell (row r, column c) has its centre at 108.005 + 0.01 c, 16.055 - 0.01 r.
// Mast A at the centre of cell (1, 1), mast B at the centre of cell (5, 6), both with radius_m 1200. Neighbour centres
// are 0.01° away: 1.069 km east-west (cos 16.05° x 1.112 km) and 1.112 km north-south, inside 1200 m; diagonal ones
// 1.54 km away, outside. A and B are 5.4 km apart, so their discs share no cell.
// A covers (1,1) 950 + (1,0) 200 + (1,2) 400 + (0,1) 80 + (2,1) 640 = 2270.
// B covers (5,6) 19 + (5,5) 70 + (5,7) 6 + (4,6) 0 = 95.
const POPULATION = repositoryPath('tests/fixtures/coverage/population.tif');
const COVERAGE_HEADER = 'id,operator,lon,lat,radius_m,tenants';
const mastA = (tenants: string) => `A,Viettel,108.015,16.045,1200,${tenants}`;
const MAST_B = 'B,MobiFone,108.065,16.005,1200,';

async function coverage(name: string, rows: string[]) {
  const path = write(name, [COVERAGE_HEADER, ...rows].join('\n'));
  const run = await runCliInProcess(['coverage', '--towers', path, '--population', POPULATION, '--json']);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as {
    population_covered: number;
    population_covered_by_operator: Record<string, number>;
    rejected_rows: number;
  };
}

describe('cosite coverage with a tenant count', () => {
  it("counts the owner of a counted mast only: each operator's figure is that of its own mast alone", async () => {
    const both = await coverage('both.csv', [mastA('3'), MAST_B]);
    const aAlone = await coverage('a.csv', [mastA('3')]);
    const bAlone = await coverage('b.csv', [MAST_B]);
    expect(both.rejected_rows).toBe(0);
    expect(both.population_covered).toBeCloseTo(2270 + 95, 6);
    expect(both.population_covered_by_operator.Viettel).toBeCloseTo(2270, 6);
    expect(both.population_covered_by_operator.MobiFone).toBeCloseTo(95, 6);
    expect(both.population_covered_by_operator.Viettel).toBe(aAlone.population_covered_by_operator.Viettel);
    expect(both.population_covered_by_operator.MobiFone).toBe(bAlone.population_covered_by_operator.MobiFone);
    expect(aAlone.population_covered_by_operator.MobiFone ?? 0).toBe(0);
  });

  it('gives MobiFone more when the mast names it as a tenant', async () => {
    const counted = await coverage('counted.csv', [mastA('3'), MAST_B]);
    const named = await coverage('named.csv', [mastA('Viettel;MobiFone'), MAST_B]);
    expect(named.population_covered_by_operator.MobiFone).toBeCloseTo(2270 + 95, 6);
    expect(named.population_covered_by_operator.MobiFone).toBeGreaterThan(
      counted.population_covered_by_operator.MobiFone,
    );
    expect(named.population_covered_by_operator.Viettel).toBeCloseTo(2270, 6);
    expect(named.population_covered).toBeCloseTo(counted.population_covered, 6);
  });
});
