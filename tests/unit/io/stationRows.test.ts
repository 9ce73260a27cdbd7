/**
 * An operator's station list: one row per station (2G, 4G, 5G, each with its own code) at one site. The rows of one
 * operator within 5 m of a mast listed before are that mast's further stations: one mast, its radios added, and a
 * note naming them. Distances by hand: 1° of latitude on the sphere of R = 6,371,008.8 m is 111,195 m, so 0.000036°
 * is 4.0 m and 0.000054° is 6.0 m.
 */
import { describe, expect, it } from 'vitest';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

const STATION_LIST = [
  'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ;Công nghệ;Độ cao (m)',
  'DNG001_2G;Viettel;108,2100;16,0600;2G;30',
  'DNG001_4G;Viettel;108,2100;16,0600;4G;36',
  'DNG001_5G;Viettel;108,2100;16,060036;5G;30', // 4.0 m north
  'DNG002;Viettel;108,2200;16,0700;4G;30',
  'DNG003;Viettel;108,2200;16,070054;4G;30', // 6.0 m north of DNG002: another mast
  'MBF001;MobiFone;108,2100;16,0600;4G;30', // another operator at DNG001's place: its own mast
].join('\r\n');

describe('station lists: further stations of one mast', () => {
  it('merges one operator’s stations within 5 m into the mast listed first, and says which', () => {
    const result = parseTowersCsv(STATION_LIST);
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((tower) => tower.id)).toEqual(['DNG001_2G', 'DNG002', 'DNG003', 'MBF001']);
    // The site carries what its stations say: 4G (from DNG001_4G), 5G for Viettel (DNG001_5G), the taller height.
    expect(result.towers[0]).toMatchObject({
      operator: 'Viettel',
      lon: 108.21,
      lat: 16.06,
      heightM: 36,
      has4g: true,
      tenants5g: ['Viettel'],
      tenants: ['Viettel'],
    });
    expect(result.stationRowsMerged).toBe(2);
    // Every row is somewhere: 6 rows = 4 masts + 2 merged stations.
    expect(result.towers.length + result.rejected.length + (result.stationRowsMerged ?? 0)).toBe(6);
    const note = result.warnings.find((warning) => warning.code === 'stationRowsMerged');
    expect(note?.params).toMatchObject({
      count: 2,
      distanceM: 5,
      ids: 'DNG001_4G\nDNG001_5G',
      lines: '3\n4',
      sites: 'DNG001_2G\nDNG001_2G',
    });
    expect(note?.reason).toMatch(/: DNG001_4G \(line 3\) → DNG001_2G, DNG001_5G \(line 4\) → DNG001_2G$/);
    expect(result.towerLines).toEqual([2, 5, 6, 7]);
  });

  it('joins a later sector row of a merged station to the mast; a repeated station row is a duplicate', () => {
    const result = parseTowersCsv(
      [
        'id,operator,lon,lat,azimuth_deg',
        'S1-2G,Viettel,108.2100,16.0600,0',
        'S1-4G,Viettel,108.2100,16.0600,120',
        'S1-4G,Viettel,108.2100,16.0600,240',
      ].join('\n'),
    );
    expect(result.towers).toHaveLength(1);
    expect(result.towers[0].azimuthsDeg).toEqual([0, 120, 240]);
    expect(result.stationRowsMerged).toBe(1);
    expect(result.sectorRowsMerged).toBe(1);
    const repeated = parseTowersCsv(
      [
        'id,operator,lon,lat',
        'S1-2G,Viettel,108.21,16.06',
        'S1-4G,Viettel,108.21,16.06',
        'S1-4G,Viettel,108.3,16.1',
      ].join('\n'),
    );
    expect(repeated.rejected).toEqual([
      expect.objectContaining({ row: 3, code: 'duplicateId', params: { id: 'S1-4G', row: 2, line: 3 } }),
    ]);
  });

  it('keeps each row a mast of its own when asked (a register with approximate positions)', async () => {
    const kept = parseTowersCsv(STATION_LIST, { keepStationRows: true });
    expect(kept.towers).toHaveLength(6);
    expect(kept.stationRowsMerged).toBeUndefined();
    const clean = 'id,operator,lon,lat\nA1,Viettel,108.21,16.06\nA2,Viettel,108.21,16.06\n';
    const fast = await readTowerFile(new TextEncoder().encode(clean), 'clean.csv', { keepStationRows: true });
    expect(fast.towers.map((tower) => tower.id)).toEqual(['A1', 'A2']);
    expect(fast.warnings).toEqual([]);
  });

  it('reads 50,000 masts on one parallel (a latitude column filled with one value) without merging any', async () => {
    // 0.0001° of longitude apart: 10.7 m at 16° N, more than 5 m. The fast path's check would be quadratic here: it
    // hands over to the full reader, whose grid of cells is not.
    const rows = Array.from({ length: 50_000 }, (_, i) => `P${i},Viettel,${(105 + i * 1e-4).toFixed(4)},16.05`);
    const result = await readTowerFile(new TextEncoder().encode(`id,operator,lon,lat\n${rows.join('\n')}\n`), 'p.csv');
    expect(result.towers).toHaveLength(50_000);
    expect(result.stationRowsMerged).toBeUndefined();
  });

  it('keeps apart the rows of a place with more than 12 of them (approximate positions, not one site)', () => {
    // 13 Viettel rows at one commune centre, 2 MobiFone stations at another place.
    const crowded = Array.from({ length: 13 }, (_, i) => `V${i},Viettel,108.2,16.05`);
    const result = parseTowersCsv(
      ['id,operator,lon,lat', ...crowded, 'M1,MobiFone,108.3,16.1', 'M1-5G,MobiFone,108.3,16.1'].join('\n'),
    );
    expect(result.towers.map((tower) => tower.id)).toEqual([...crowded.map((row) => row.split(',')[0]), 'M1']);
    expect(result.stationRowsMerged).toBe(1);
    expect(result.warnings.find((warning) => warning.code === 'crowdedStationRows')?.params).toEqual({
      count: 13,
      places: 1,
      max: 12,
      distanceM: 5,
    });
    expect(result.towerLines).toEqual([...crowded.map((_, i) => i + 2), 15]);
  });

  it('the fast path for clean files gives the full reader’s result', async () => {
    const clean = [
      'id,operator,lon,lat,height_m',
      'A1,Viettel,108.21,16.06,30',
      'A2,Viettel,108.21,16.06,40',
      'B1,MobiFone,108.25,16.05,30',
    ].join('\n');
    const fast = await readTowerFile(new TextEncoder().encode(clean), 'clean.csv');
    const full = parseTowersCsv(clean);
    expect(fast.towers).toEqual(full.towers);
    expect(fast.towers.map((tower) => [tower.id, tower.heightM])).toEqual([
      ['A1', 40],
      ['B1', 30],
    ]);
    expect(fast.stationRowsMerged).toBe(1);
    expect(fast.warnings.map((warning) => warning.code)).toContain('stationRowsMerged');
  });
});
