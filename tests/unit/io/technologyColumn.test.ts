import { describe, expect, it } from 'vitest';
import { parseRadioGenerations } from '../../../src/core/io/parseRadioGenerations';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

describe('a technology column (2G/3G/4G/5G), as operators mark their 5G stations', () => {
  it.each([
    ['2G/3G/4G', ['2g', '3g', '4g']],
    ['4G, 5G', ['4g', '5g']],
    ['LTE + NR', ['4g', '5g']],
    ['GSM-UMTS-LTE', ['2g', '3g', '4g']],
    ['4G và 5G', ['4g', '5g']],
    ['5G-NR', ['5g']],
  ])('%s', (text, expected) => {
    expect([...(parseRadioGenerations(text) ?? [])].sort()).toEqual(expected);
  });

  it('refuses words that are no generation', () => {
    expect(parseRadioGenerations('BTS')).toBeNull();
    expect(parseRadioGenerations('4G/wifi')).toBeNull();
  });

  it('gives 4G and 5G flags to the rows (a has_5g column would win), and warns of a cell it cannot read', async () => {
    const csv = [
      'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ;Công nghệ;Dùng chung',
      'VNM-1;Vietnamobile;108,21;16,05;2G/3G/4G;',
      'VNM-2;Vietnamobile;108,22;16,06;4G/5G;Viettel',
      'VNM-3;Vietnamobile;108,23;16,07;;',
      'VNM-4;Vietnamobile;108,24;16,08;vi ba;',
    ].join('\r\n');
    const read = await readTowerFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(read.towers.map((tower) => [tower.id, tower.has4g, tower.tenants5g])).toEqual([
      ['VNM-1', true, []],
      ['VNM-2', true, ['Vietnamobile', 'Viettel']],
      ['VNM-3', undefined, undefined],
      ['VNM-4', undefined, undefined],
    ]);
    expect(read.warnings.map((warning) => [warning.row, warning.field, warning.code])).toEqual([
      [4, 'technology', 'badValue'],
    ]);
  });
});
