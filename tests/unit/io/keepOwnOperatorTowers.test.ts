import { describe, expect, it } from 'vitest';
import { keepOwnOperatorTowers } from '../../../src/core/io/keepOwnOperatorTowers';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

// An operator's export: its own stations, two of the neighbours' masts, and a row with no latitude. Records are
// numbered from the first data row (the header is not one).
const EXPORT = [
  'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ',
  'VTL-001;Viettel;108,201;16,051', // row 1
  'VNP-777;VinaPhone;108,202;16,052', // row 2: another operator's
  'VTL-002;Viettel;108,203;', // row 3: no latitude
  'VTL-003;Viettel;108,204;16,054', // row 4
  'MBF-101;MobiFone;108,205;16,055', // row 5: another operator's
  'VTL-004;Viettel;108,206;16,056', // row 6
].join('\r\n');

describe("keepOwnOperatorTowers: an operator's import keeps its own masts and lists the others' rows", () => {
  it('keeps the own masts, rejects each other mast by its row with its owner, in file order', async () => {
    const read = await readTowerFile(new TextEncoder().encode(EXPORT), 'tram-viettel.csv');
    expect(read.towers.map((tower) => tower.id)).toEqual(['VTL-001', 'VNP-777', 'VTL-003', 'MBF-101', 'VTL-004']);
    expect(read.towerRows).toEqual([1, 2, 4, 5, 6]);
    const own = keepOwnOperatorTowers(read, 'Viettel');
    expect(own.towers.map((tower) => tower.id)).toEqual(['VTL-001', 'VTL-003', 'VTL-004']);
    expect(own.towerRows).toEqual([1, 4, 6]);
    expect(own.rejected.map((problem) => [problem.row, problem.code ?? problem.field])).toEqual([
      [2, 'notOwnOperator'],
      [3, read.rejected[0].code ?? read.rejected[0].field],
      [5, 'notOwnOperator'],
    ]);
    expect(own.rejected[0]).toMatchObject({
      field: 'operator',
      params: { operator: 'VinaPhone', own: 'Viettel', id: 'VNP-777' },
    });
    // Nothing lost: every record is kept or rejected.
    expect(own.towers.length + own.rejected.length).toBe(6);
  });

  it('returns the read as it is when every mast is the operator’s', async () => {
    const ownOnly = EXPORT.split('\r\n')
      .filter((line) => !/VinaPhone|MobiFone/.test(line))
      .join('\r\n');
    const read = await readTowerFile(new TextEncoder().encode(ownOnly), 'tram.csv');
    expect(keepOwnOperatorTowers(read, 'Viettel')).toBe(read);
  });
});
