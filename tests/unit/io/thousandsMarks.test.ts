import { describe, expect, it } from 'vitest';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

const read = (text: string, name = 'tram.csv') => readTowerFile(new TextEncoder().encode(text), name);

describe('heights and reaches with thousands marks', () => {
  it('reads "1.200" as 1200 in a file with decimal commas, and warns of a mast 1.234 km tall', async () => {
    const result = await read(
      [
        'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ;Độ cao cột (m);Bán kính (m)',
        'A;Viettel;108,1655;16,0698;36,5;1.200',
        'B;Viettel;108,1755;16,0798;1.234;2.500,5',
        'C;Viettel;108,1855;16,0898;45;800',
      ].join('\r\n'),
    );
    expect(result.towers.map((tower) => [tower.id, tower.heightM, tower.radiusM])).toEqual([
      ['A', 36.5, 1200],
      ['B', null, 2500.5],
      ['C', 45, 800],
    ]);
    expect(result.warnings.map((warning) => [warning.row, warning.code, warning.params?.value])).toEqual([
      [2, 'implausibleSize', 1234],
    ]);
  });

  it('reads "1,200" as 1200 in a file with decimal points (a quoted cell)', async () => {
    const result = await read(['id,operator,lon,lat,radius_m', 'A,Viettel,108.1655,16.0698,"1,200"'].join('\r\n'));
    expect(result.towers[0].radiusM).toBe(1200);
  });

  it('warns of a reach under 10 m (no cell reaches so little), and reads 0 as not known, with a warning', async () => {
    const result = await read(
      ['id,operator,lon,lat,radius_m', 'A,Viettel,108.1655,16.0698,1.2', 'B,Viettel,108.17,16.07,0'].join('\r\n'),
    );
    // 0 is how files say "not known": empty, so the default radius applies (kept as 0 it covered nothing).
    expect(result.towers.map((tower) => tower.radiusM)).toEqual([null, null]);
    expect(result.warnings.map((warning) => [warning.row, warning.code, warning.params?.min])).toEqual([
      [1, 'implausibleSize', 10],
      [2, 'zeroRadius', undefined],
    ]);
  });
});
