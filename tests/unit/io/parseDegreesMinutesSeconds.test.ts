import { describe, expect, it } from 'vitest';
import { parseDegreesMinutesSeconds } from '../../../src/core/io/parseDegreesMinutesSeconds';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

describe('parseDegreesMinutesSeconds', () => {
  it.each([
    // Degrees + minutes / 60 + seconds / 3600, by hand.
    [`108°14'45.6"E`, 108 + 14 / 60 + 45.6 / 3600], // 108.246
    [`16°05'24"B`, 16 + 5 / 60 + 24 / 3600], // 16.09 (B: Bắc, north)
    [`107° 58' 30" Đ`, 107 + 58 / 60 + 30 / 3600], // 107.975 (Đ: Đông, east)
    [`108°12.5'E`, 108 + 12.5 / 60],
    [`16°3.75'N`, 16 + 3.75 / 60],
    ['N 16:03:45', 16 + 3 / 60 + 45 / 3600],
    ['E108°14′45,6″', 108 + 14 / 60 + 45.6 / 3600], // primes and a decimal comma
    [`16° 0' 0" B`, 16],
    [`105°50'W`, -(105 + 50 / 60)],
    [`-33°51'35"`, -(33 + 51 / 60 + 35 / 3600)],
  ])('%s', (text, expected) => {
    expect(parseDegreesMinutesSeconds(text)).toBeCloseTo(expected, 12);
  });

  it.each([
    '108.2', // a plain number is parseDecimal's
    '108',
    "16°65'", // minutes past 59
    `16°05'61"`, // seconds past 59
    "16.5°30'", // decimals before a further part
    'X 108°',
    `-108°14'E`, // a sign and a hemisphere
    `E108°N`,
    '',
  ])('refuses %s', (text) => {
    expect(parseDegreesMinutesSeconds(text)).toBeNull();
  });

  it('reads a station list written in degrees, minutes and seconds, beside decimal rows', async () => {
    const csv = [
      'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ',
      `VNM-1;Vietnamobile;108°14'45.6"E;16°05'24"B`,
      'VNM-2;Vietnamobile;108,2;16,05',
      `VNM-3;Vietnamobile;107° 58' 30" Đ;16° 0' 0" B`,
    ].join('\r\n');
    const read = await readTowerFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(read.rejected).toEqual([]);
    expect(read.towers.map((tower) => [tower.id, tower.lon, tower.lat])).toEqual([
      ['VNM-1', 108 + 14 / 60 + 45.6 / 3600, 16 + 5 / 60 + 24 / 3600],
      ['VNM-2', 108.2, 16.05],
      ['VNM-3', 107 + 58 / 60 + 30 / 3600, 16],
    ]);
  });
});
