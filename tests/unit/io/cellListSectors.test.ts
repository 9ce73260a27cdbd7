import { describe, expect, it } from 'vitest';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';

const HEADER = 'id,operator,lon,lat,azimuth_deg,band';

// 1° of latitude on the sphere of R = 6,371,008.8 m is 111,195 m: 0.00018° is 20.0 m, 0.0045° is 500.4 m.
const CELL_LIST = [
  HEADER,
  'S1,Viettel,108.2208,16.0678,0,1800',
  'S1,Viettel,108.2208,16.0678,120,1800',
  'S1,Viettel,108.2208,16.06798,240,2100', // 20 m north of the first row
  'S2,MobiFone,108.2500,16.0500,30,900',
  'S2,MobiFone,108.2500,16.0500,150,900',
].join('\n');

describe('cell lists: one row per sector of a site', () => {
  it('gives one mast per site with every azimuth and band, and counts the merged rows', () => {
    const result = parseTowersCsv(CELL_LIST);
    expect(result.rejected).toEqual([]);
    expect(result.towers).toHaveLength(2);
    expect(result.towers[0]).toMatchObject({
      id: 'S1',
      operator: 'Viettel',
      lon: 108.2208,
      lat: 16.0678, // the first row's position
      azimuthsDeg: [0, 120, 240],
      bands: ['1800', '2100'],
      tenants: ['Viettel'],
    });
    expect(result.towers[1]).toMatchObject({
      id: 'S2',
      operator: 'MobiFone',
      azimuthsDeg: [30, 150],
      bands: ['900'],
    });
    // 5 rows, 2 sites: 3 rows merged.
    expect(result.sectorRowsMerged).toBe(3);
    const fileWarnings = result.warnings.filter((warning) => warning.row === 0);
    expect(fileWarnings).toHaveLength(1);
    expect(fileWarnings[0].reason).toMatch(/^3 row\(s\)/);
    expect(result.warnings.filter((warning) => warning.row > 0)).toEqual([]);
    expect(result.crsCounts).toEqual({ wgs84: 5, projected: 0 });
  });

  it('rejects the same id 500 m away as a duplicate', () => {
    const result = parseTowersCsv(
      [HEADER, 'S1,Viettel,108.2208,16.0678,0,1800', 'S1,Viettel,108.2208,16.0723,120,1800'].join('\n'),
    );
    expect(result.towers).toHaveLength(1);
    expect(result.towers[0].azimuthsDeg).toEqual([0]);
    expect(result.sectorRowsMerged).toBeUndefined();
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'id', code: 'duplicateId', params: { id: 'S1', row: 1, line: 2 } }),
    ]);
  });

  it('rejects the same id at the same place with another operator as a duplicate', () => {
    const result = parseTowersCsv(
      [HEADER, 'S1,Viettel,108.2208,16.0678,0,1800', 'S1,MobiFone,108.2208,16.0678,120,1800'].join('\n'),
    );
    expect(result.towers).toHaveLength(1);
    expect(result.towers[0]).toMatchObject({ operator: 'Viettel', azimuthsDeg: [0], tenants: ['Viettel'] });
    expect(result.sectorRowsMerged).toBeUndefined();
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'id', code: 'duplicateId', params: { id: 'S1', row: 1, line: 2 } }),
    ]);
  });

  it('rejects a repeated id without sector data (no azimuth, tilt or band) as a duplicate', () => {
    const result = parseTowersCsv(
      ['id,operator,lon,lat,height_m', 'S1,Viettel,108.2208,16.0678,30', 'S1,Viettel,108.2208,16.0678,35'].join('\n'),
    );
    expect(result.towers).toHaveLength(1);
    expect(result.towers[0].heightM).toBe(30);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 2, code: 'duplicateId' })]);
  });
});
