import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { TowerFileError } from '../../../src/core/io/towerFileError';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/towers/${name}`, import.meta.url), 'utf8');

describe('parseTowersCsv', () => {
  it('reads a height or reach written with its unit, as sheets do ("33,5 m", "2500m")', () => {
    const result = parseTowersCsv(
      [
        'id;operator;lon;lat;height_m;radius_m',
        'A1;Viettel;108,2;16,05;33,5 m;2500m',
        'A2;Viettel;108,21;16,05;40 M;',
      ].join('\n'),
    );
    expect(result.warnings).toEqual([]);
    expect(result.towers.map((tower) => [tower.heightM, tower.radiusM])).toEqual([
      [33.5, 2500],
      [40, null],
    ]);
  });

  it('leaves a height or reach past any mast’s empty with a warning naming its line, and keeps the row (0 is kept)', () => {
    const result = parseTowersCsv(
      [
        'id,operator,lon,lat,height_m,radius_m',
        'A1,Viettel,108.2,16.05,99999999999999999999,2000',
        'A2,Viettel,108.21,16.05,0,2000',
        'A3,Viettel,108.22,16.05,300,100000',
        'A4,Viettel,108.23,16.05,35,100001',
      ].join('\n'),
    );
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((tower) => [tower.id, tower.heightM, tower.radiusM])).toEqual([
      ['A1', null, 2000],
      ['A2', 0, 2000],
      ['A3', 300, 100000],
      ['A4', 35, null],
    ]);
    expect(result.warnings.map((warning) => [warning.row, warning.field, warning.code])).toEqual([
      [1, 'height_m', 'implausibleSize'],
      [4, 'radius_m', 'implausibleSize'],
    ]);
  });

  it('reads a comma-separated file with all optional columns', () => {
    const result = parseTowersCsv(fixture('good.csv'));
    expect(result.rejected).toEqual([]);
    // DN-005's radius 0: read as not known (the default radius applies), said.
    expect(result.warnings.map((warning) => [warning.row, warning.field, warning.code])).toEqual([
      [5, 'radius_m', 'zeroRadius'],
    ]);
    expect(result.towers.map((tower) => tower.id)).toEqual([
      'DN-001',
      'DN-002',
      'DN-003',
      'DN-004',
      'DN-005',
      'DN-006',
    ]);
    expect(result.towers[0]).toEqual({
      id: 'DN-001',
      operator: 'Viettel',
      lon: 108.2208,
      lat: 16.0678,
      heightM: 42,
      radiusM: 1500,
      mastType: 'A2a',
      tenants: ['Viettel', 'MobiFone'],
    });
    // "a2b" normalised; "MobiFone|VNPT" split on | and VNPT mapped to VinaPhone.
    expect(result.towers[2]).toMatchObject({ mastType: 'A2b', heightM: 36.5, tenants: ['MobiFone', 'VinaPhone'] });
    // Empty optional cells are null, not 0; radius 0 is "not known", read as empty.
    expect(result.towers[5]).toMatchObject({ heightM: null, radiusM: null, mastType: null, tenants: ['Gmobile'] });
    expect(result.towers[4].radiusM).toBeNull();
  });

  it('maps MCC-MNC codes and aliases to canonical operator names', () => {
    const result = parseTowersCsv(fixture('good.csv'));
    expect(result.towers[3].operator).toBe('Vietnamobile'); // 452-05
    expect(result.towers[4].operator).toBe('Viettel'); // 45204
    expect(result.towers[4].tenants).toEqual(['Viettel', 'Vietnamobile']); // VNM
    const mnc = parseTowersCsv('id,mnc,lon,lat\nA,45204,108,16\nB,452-02,108,16\nC,452 01,108,16\n');
    expect(mnc.towers.map((tower) => tower.operator)).toEqual(['Viettel', 'VinaPhone', 'MobiFone']);
    // Codes only in their full forms: a bare "4" or "02" is far more often a count or a row number.
    const bare = parseTowersCsv('id,mnc,lon,lat\nA,4,108,16\nB,02,108,16\n');
    expect(bare.towers.map((tower) => tower.operator)).toEqual(['4', '02']);
    expect(bare.warnings.map((warning) => warning.code)).toEqual(['unknownOperator', 'unknownOperator']);
  });

  it('reads semicolons with decimal commas, a BOM, CRLF and Vietnamese headers', () => {
    const text = fixture('semicolon_decimal_comma.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const result = parseTowersCsv(text);
    expect(result.rejected).toEqual([]);
    expect(result.towers).toEqual([
      {
        id: 'DNG0001',
        operator: 'Viettel',
        lon: 108.2208,
        lat: 16.0678,
        heightM: 42.5,
        radiusM: null,
        mastType: 'A2a',
        tenants: ['Viettel', 'VinaPhone'],
      },
      {
        id: 'DNG0002',
        operator: 'VinaPhone',
        lon: 108.2022,
        lat: 16.0544,
        heightM: 30,
        radiusM: null,
        mastType: 'A1',
        tenants: ['VinaPhone'],
      },
      {
        id: 'DNG0003',
        operator: 'MobiFone',
        lon: 108.245,
        lat: 16.0471,
        heightM: null,
        radiusM: null,
        mastType: null,
        tenants: ['MobiFone'],
      },
    ]);
  });

  it('reads tab-separated files and a BOM before the header', () => {
    const result = parseTowersCsv('\uFEFFid\toperator\tlongitude\tlatitude\nT1\tviettel\t105,85\t21,03\n');
    expect(result.towers).toEqual([
      expect.objectContaining({ id: 'T1', operator: 'Viettel', lon: 105.85, lat: 21.03 }),
    ]);
  });

  it('rejects a row only for its id, operator or position; an optional field that does not parse is a warning', () => {
    const result = parseTowersCsv(fixture('bad_rows.csv'));
    expect(result.towers.map((tower) => tower.id)).toEqual(['B-01', 'B-09', 'B-10', 'B-11', 'B-12', 'B-13', 'B-16']);
    const byRow = Object.fromEntries(result.rejected.map((problem) => [problem.row, problem]));
    expect(Object.keys(byRow).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 14, 15, 17, 18, 19]);
    expect(byRow[2]).toMatchObject({ row: 2, line: 3, field: 'id', reason: 'id is empty', code: 'empty' });
    expect(byRow[3]).toMatchObject({
      row: 3,
      line: 4,
      field: 'id',
      reason: "id 'B-01' duplicates the tower accepted at row 1",
      code: 'duplicateId',
    });
    expect(byRow[4]).toMatchObject({ line: 5, field: 'operator', reason: 'operator is empty' });
    expect(byRow[5]).toMatchObject({ line: 6, field: 'lon', reason: 'lon is empty' });
    expect(byRow[6]).toMatchObject({ line: 7, field: 'lon', reason: "lon is not a number: 'abc'" });
    expect(byRow[7]).toMatchObject({ line: 8, field: 'lon', reason: 'lon 181 is outside [-180, 180]' });
    expect(byRow[8]).toMatchObject({ line: 9, field: 'lat', reason: 'lat -91 is outside [-90, 90]' });
    expect(byRow[14]).toMatchObject({ line: 15 });
    expect(byRow[14].reason).toMatch(/^expected 8 fields, found 9/);
    expect(byRow[15]).toEqual({
      row: 15,
      line: 16,
      reason: 'expected 8 fields, found 4',
      code: 'fieldCount',
      params: { expected: 8, found: 4 },
    });
    // Line 17 is blank: row 16 is on line 18 and everything after is one line further down.
    expect(byRow[17]).toMatchObject({ line: 19, field: 'lon' });
    expect(byRow[17].reason).toContain("'108,2'");
    expect(byRow[17].reason).toContain('decimal comma');
    // The same id again with no sector data (azimuth, tilt, band) is a duplicate, even at the same place.
    expect(byRow[18]).toMatchObject({ line: 20, field: 'id', code: 'duplicateId' });
    expect(byRow[19]).toMatchObject({ line: 21, field: 'lat', code: 'swapped' });
    expect(byRow[19].reason).toContain('swapped');
    // Optional fields that do not parse: the row is kept, the field left empty, a warning names field and value.
    const warningsByRow = (row: number) => result.warnings.filter((warning) => warning.row === row);
    expect(warningsByRow(9)).toEqual([
      expect.objectContaining({
        line: 10,
        field: 'height_m',
        code: 'notNumber',
        params: { field: 'height_m', value: 'tall' },
      }),
    ]);
    expect(warningsByRow(10)).toEqual([expect.objectContaining({ field: 'height_m', code: 'negative' })]);
    expect(warningsByRow(11)).toEqual([expect.objectContaining({ field: 'radius_m', code: 'negative' })]);
    expect(warningsByRow(13)).toEqual([
      expect.objectContaining({ field: 'mast_type', code: 'unknownMastType', params: { value: 'B1' } }),
    ]);
    const kept = (id: string) => result.towers.find((tower) => tower.id === id);
    expect(kept('B-09')).toMatchObject({ heightM: null });
    expect(kept('B-10')).toMatchObject({ heightM: null });
    expect(kept('B-11')).toMatchObject({ radiusM: null });
    expect(kept('B-13')).toMatchObject({ mastType: null });
  });

  it('accepts an unknown operator with its spelling and warns, also for unknown tenants', () => {
    const result = parseTowersCsv(fixture('bad_rows.csv'));
    const tower = result.towers.find((candidate) => candidate.id === 'B-16');
    expect(tower).toMatchObject({ operator: 'Telco X', tenants: ['Telco X', 'Viettel', 'Acme'] });
    expect(result.warnings.filter((warning) => warning.row === 16)).toEqual([
      expect.objectContaining({
        row: 16,
        line: 18,
        field: 'operator',
        reason: expect.stringContaining("unknown operator 'Telco X'"),
      }),
      expect.objectContaining({
        row: 16,
        line: 18,
        field: 'tenants',
        reason: "unknown tenant 'Acme', kept as written",
      }),
    ]);
  });

  it('accounts for every non-empty row exactly once', () => {
    const text = fixture('bad_rows.csv');
    const nonEmptyDataLines = text
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '').length;
    const result = parseTowersCsv(text);
    expect(result.towers.length + result.rejected.length + (result.stationRowsMerged ?? 0)).toBe(nonEmptyDataLines);
  });

  it('puts the owner first in tenants and removes duplicates after mapping aliases', () => {
    const result = parseTowersCsv('id,operator,lon,lat,tenants\nT,MobiFone,108,16,"vtl;Viettel;45204|mobi"\n');
    expect(result.towers[0].tenants).toEqual(['MobiFone', 'Viettel']);
  });

  it('rejects the line of an unterminated quote alone and reads the lines after it (issue 17)', () => {
    const result = parseTowersCsv('id;operator;lon;lat\nA;Viettel;108;16\nB;"Viettel;108;16\nC;Viettel;108,5;16\n');
    expect(result.towers.map((tower) => tower.id)).toEqual(['A', 'C']);
    expect(result.rejected).toEqual([
      { row: 2, line: 3, reason: 'unterminated quoted value (a " is never closed)', code: 'unterminatedQuote' },
    ]);
  });

  it('rejects alone the line of a stray quote that swallows the next lines into a record that does not fit', () => {
    const result = parseTowersCsv('id,operator,lon,lat\nA,"Viettel,108,16\nB,Viettel,108,16\nC,Viett"el,108,16\n');
    expect(result.towers.map((tower) => tower.id)).toEqual(['B', 'C']);
    expect(result.rejected).toEqual([
      {
        row: 1,
        line: 2,
        reason:
          'a quoted value runs past the end of the line and the record does not fit the header (a stray "?): ' +
          'this line is rejected, the next lines are read on their own',
        code: 'strayQuote',
      },
    ]);
  });

  it('numbers a record that spans lines by its first line', () => {
    const result = parseTowersCsv('id,operator,lon,lat\n"A\nsecond line",Viettel,108,16\nB,Viettel,x,16\n');
    expect(result.towers[0].id).toBe('A\nsecond line');
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 2, line: 4, field: 'lon', reason: "lon is not a number: 'x'" }),
    ]);
  });

  it('warns once about columns it does not use', () => {
    const result = parseTowersCsv('id,operator,lon,lat,address,heigth_m\nA,Viettel,108,16,x,30\n');
    expect(result.warnings).toEqual([
      {
        row: 0,
        line: 1,
        reason: 'column(s) not used: address, heigth_m',
        code: 'unusedColumns',
        params: { names: 'address, heigth_m' },
      },
    ]);
  });

  it('prefers the most specific column when several could be the id', () => {
    const result = parseTowersCsv('name,site_id,operator,lon,lat\nNice name,S-1,Viettel,108,16\n');
    expect(result.towers[0].id).toBe('S-1');
  });

  it('throws TowerFileError naming the missing and found columns', () => {
    expect(() => parseTowersCsv(fixture('missing_columns.csv'))).toThrow(
      new TowerFileError('missing column(s) lon, lat (found: site, owner, x_coord, y_coord)', {
        code: 'missingColumns',
        params: { missing: 'lon, lat', found: 'site, owner, x_coord, y_coord', noHeader: 0 },
      }),
    );
    expect(() => parseTowersCsv('1,Viettel,108,16\n')).toThrow(/first line holds data, not a header row/);
    expect(() => parseTowersCsv('  \n\n')).toThrow(/empty/);
    expect(() => parseTowersCsv('PK\u0003\u0004 some zip bytes')).toThrow(/Excel/);
  });
});

describe('parseTowersCsv with a second operator column', () => {
  it('uses the operator column, checks mcc_mnc against it, and does not call mcc_mnc unused', () => {
    const text =
      'id,operator,mcc_mnc,lon,lat\nA,Viettel,452-04,108,16\nB,Viettel,452-02,108.5,16\nC,Acme,452-02,108,16\n';
    const result = parseTowersCsv(text);
    expect(result.towers.map((tower) => tower.operator)).toEqual(['Viettel', 'Viettel', 'Acme']);
    expect(result.warnings).toEqual([
      {
        row: 2,
        line: 3,
        field: 'operator',
        reason: "operator 'Viettel' (Viettel) disagrees with mcc_mnc '452-02' (VinaPhone)",
        code: 'operatorDisagrees',
        params: {
          value: 'Viettel',
          operator: 'Viettel',
          column: 'mcc_mnc',
          other: '452-02',
          otherOperator: 'VinaPhone',
        },
      },
      expect.objectContaining({
        row: 3,
        line: 4,
        field: 'operator',
        reason: expect.stringContaining("unknown operator 'Acme'"),
      }),
    ]);
  });
});
