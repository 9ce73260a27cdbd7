import { describe, expect, it } from 'vitest';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

describe('a coordinate in metres beside one in degrees', () => {
  const csv = [
    'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ',
    'VNM-1;Vietnamobile;1081,1502;16,0755', // a digit typed twice
    'VNM-2;Vietnamobile;108,1502;16,0755',
    'VNM-3;Vietnamobile;108,1502;160755', // the decimal mark forgotten
  ].join('\r\n');

  it.each([undefined, 'vn2000:107.75'])('is a typing error, not VN-2000 metres (CRS chosen: %s)', async (crs) => {
    const read = await readTowerFile(new TextEncoder().encode(csv), 'tram.csv', crs ? { crs } : {});
    expect(read.towers.map((tower) => tower.id)).toEqual(['VNM-2']);
    expect(read.rejected.map((problem) => [problem.row, problem.field, problem.code])).toEqual([
      [1, 'lon', 'degreesBesideMetres'],
      [3, 'lat', 'degreesBesideMetres'],
    ]);
  });

  it('leaves a VN-2000 row (both in metres) to the coordinate system', async () => {
    // E 547954.58, N 1775163.95 in zone 107°45′: about 108.2, 16.05.
    const read = await readTowerFile(
      new TextEncoder().encode('id;operator;lon;lat\r\nA;Viettel;547954,58;1775163,95'),
      'tram.csv',
      { crs: 'vn2000:107.75' },
    );
    expect(read.rejected).toEqual([]);
    expect(read.towers[0].lon).toBeCloseTo(108.2, 4);
    expect(read.towers[0].lat).toBeCloseTo(16.05, 4);
  });
});
