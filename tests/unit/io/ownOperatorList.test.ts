import { describe, expect, it } from 'vitest';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { TowerFileError } from '../../../src/core/io/towerFileError';

const bytes = (text: string) => new TextEncoder().encode(text);

// An operator's own export names no operator: every station is the operator's.
const OWN_LIST = ['Mã trạm;Tên trạm;Kinh độ;Vĩ độ', 'VTL-1;Hải Châu 1;108,21;16,05', 'VTL-2;Sơn Trà;108,24;16,07'].join(
  '\r\n',
);

describe("an operator account's own list without an operator column", () => {
  it("reads every row as the account's operator, and says so once", async () => {
    const read = await readTowerFile(bytes(OWN_LIST), 'tram.csv', { ownOperator: 'Viettel' });
    expect(read.rejected).toEqual([]);
    expect(read.towers.map((tower) => [tower.id, tower.operator, tower.tenants])).toEqual([
      ['VTL-1', 'Viettel', ['Viettel']],
      ['VTL-2', 'Viettel', ['Viettel']],
    ]);
    expect(read.warnings.filter((warning) => warning.code === 'operatorFromAccount')).toHaveLength(1);
  });

  it('is still refused for missing its operator column without an operator account (the province)', async () => {
    await expect(readTowerFile(bytes(OWN_LIST), 'tram.csv')).rejects.toThrow(TowerFileError);
    await expect(readTowerFile(bytes(OWN_LIST), 'tram.csv')).rejects.toThrow(/missing column\(s\) operator/);
  });

  it('fills an empty operator cell with the account operator, and keeps a named one (another operator is rejected later)', async () => {
    const text = ['Mã trạm;Nhà mạng;Kinh độ;Vĩ độ', 'VTL-1;;108,21;16,05', 'VNP-9;VinaPhone;108,22;16,06'].join('\r\n');
    const read = await readTowerFile(bytes(text), 'tram.csv', { ownOperator: 'Viettel' });
    expect(read.towers.map((tower) => [tower.id, tower.operator])).toEqual([
      ['VTL-1', 'Viettel'],
      ['VNP-9', 'VinaPhone'],
    ]);
  });

  it("takes a KML placemark without an operator as the account's", async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>VNM_DNG_201</name><Point><coordinates>108.2101,16.0612,0</coordinates></Point></Placemark>
</Document></kml>`;
    const read = await readTowerFile(bytes(kml), 'tram.kml', { ownOperator: 'Vietnamobile' });
    expect(read.towers.map((tower) => [tower.id, tower.operator])).toEqual([['VNM_DNG_201', 'Vietnamobile']]);
  });
});
