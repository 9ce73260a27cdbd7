import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import { validateTowerFile } from '../../../src/core/validation/validateTowerFile';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/towers/${name}`, import.meta.url), 'utf8');

describe('validateTowerFile', () => {
  it('counts towers by owner and shared masts', () => {
    const report = validateTowerFile(parseTowersCsv(fixture('good.csv')));
    expect(report).toEqual({
      accepted: 6,
      rejected: [],
      // DN-005's radius 0: read as not known, said.
      warnings: [
        { row: 5, line: 6, field: 'radius_m', reason: 'radius_m 0 read as not known: the default radius applies' },
      ],
      // DN-001 and DN-005 are Viettel's (the second as MCC-MNC 45204).
      towers_by_operator: { Viettel: 2, VinaPhone: 1, MobiFone: 1, Vietnamobile: 1, Gmobile: 1 },
      // DN-001 (Viettel + MobiFone), DN-003 (MobiFone + VNPT), DN-005 (Viettel + VNM).
      shared_masts: 3,
    });
    expect(Object.keys(report.towers_by_operator)).toEqual([
      'Viettel',
      'VinaPhone',
      'MobiFone',
      'Vietnamobile',
      'Gmobile',
    ]);
    expect('population_total' in report).toBe(false);
  });

  it('counts owners named "constructor" or "__proto__" like any other', () => {
    const text = [
      'id,operator,lon,lat',
      'T1,constructor,108.2,16.05',
      'T2,constructor,108.21,16.05',
      'T3,__proto__,108.22,16.05',
    ].join('\n');
    const report = validateTowerFile(parseTowersCsv(text));
    // Counted on Object.prototype's members they gave "function Object() { [native code] }1" and lost __proto__.
    expect(JSON.parse(JSON.stringify(report.towers_by_operator))).toEqual(
      JSON.parse('{"constructor":2,"__proto__":1}'),
    );
  });

  it('keeps rejected rows and warnings, and lists unknown owners after the known ones', () => {
    const report = validateTowerFile(parseTowersCsv(fixture('bad_rows.csv')));
    expect(report.accepted).toBe(7);
    expect(report.rejected).toHaveLength(12);
    // B-12's radius 0 among them (read as not known).
    expect(report.warnings).toHaveLength(7);
    expect(report.towers_by_operator).toEqual({ Viettel: 6, 'Telco X': 1 });
    expect(Object.keys(report.towers_by_operator)).toEqual(['Viettel', 'Telco X']);
    expect(report.shared_masts).toBe(1);
  });

  it('adds the population within the mask when a raster is given', () => {
    const grid: PopulationGrid = {
      width: 2,
      height: 2,
      originLon: 108,
      originLat: 16.1,
      cellSizeLonDeg: 0.05,
      cellSizeLatDeg: 0.05,
      nodata: -1,
      values: new Float32Array([100, -1, 0, 250.5]),
    };
    const parsed = parseTowersCsv(fixture('good.csv'));
    expect(validateTowerFile(parsed, { grid })).toMatchObject({ population_total: 350.5, population_cells: 2 });
    const mask = new Uint8Array([0, 1, 1, 1]);
    expect(validateTowerFile(parsed, { grid, mask })).toMatchObject({ population_total: 250.5, population_cells: 1 });
  });
});
