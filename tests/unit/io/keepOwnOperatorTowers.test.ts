import { describe, expect, it } from 'vitest';
import { buildProblemsCsv } from '../../../src/app/import/buildProblemsCsv';
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

  it('writes the other operators’ rows whole in the rows to fix, with their lines, and neutralises formulas', async () => {
    const text = `${EXPORT}\r\n-2+3+cmd;VinaPhone;108,207;16,057\r\n＝1+1;MobiFone;108,208;16,058`;
    const read = await readTowerFile(new TextEncoder().encode(text), 'tram-viettel.csv', { ownOperator: 'Viettel' });
    const own = keepOwnOperatorTowers(read, 'Viettel');
    const csv = buildProblemsCsv(own, 'vi', ';')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('Mã trạm;Nhà mạng;Kinh độ;Vĩ độ;Tình trạng;Dòng;Vấn đề');
    const cells = (id: string) =>
      csv
        .find((line) => line.startsWith(id))
        ?.split(';')
        .slice(0, 6);
    expect(cells('VNP-777')).toEqual(['VNP-777', 'VinaPhone', '108,202', '16,052', 'bị loại', '3']);
    expect(cells('MBF-101')).toEqual(['MBF-101', 'MobiFone', '108,205', '16,055', 'bị loại', '6']);
    // Cells a spreadsheet would run as a formula, in ASCII or full width, get an apostrophe.
    expect(cells("'-2+3+cmd")?.[0]).toBe("'-2+3+cmd");
    expect(cells("'＝1+1")?.[0]).toBe("'＝1+1");
    // Without an operator account the same reading keeps no cells for rows it accepts.
    expect((await readTowerFile(new TextEncoder().encode(EXPORT), 'tram.csv')).problemRecords?.rows).toHaveLength(1);
  });

  it('returns the read as it is when every mast is the operator’s', async () => {
    const ownOnly = EXPORT.split('\r\n')
      .filter((line) => !/VinaPhone|MobiFone/.test(line))
      .join('\r\n');
    const read = await readTowerFile(new TextEncoder().encode(ownOnly), 'tram.csv');
    expect(keepOwnOperatorTowers(read, 'Viettel')).toBe(read);
  });
});
