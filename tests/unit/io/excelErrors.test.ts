import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { describeInputProblem } from '../../../src/app/import/describeInputProblem';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

describe("a cell holding an Excel error (a VLOOKUP's #N/A)", () => {
  it('is named as the error in a workbook: a required field rejects the row, an optional one is a warning', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Trạm');
    sheet.addRow(['Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ', 'Độ cao cột (m)']);
    sheet.addRow(['T1', 'Viettel', { formula: 'VLOOKUP(A2,X!A:B,2,0)', result: { error: '#N/A' } }, 16.05, 30]);
    sheet.addRow(['T2', 'Viettel', 108.2, 16.06, { error: '#VALUE!' }]);
    sheet.addRow(['T3', 'Viettel', 108.3, 16.07, 30]);
    const read = await readTowerFile(new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer), 'tram.xlsx');
    // T2 is kept without a height, and says why (it was kept silently, its height gone); T1 is not "empty".
    expect(read.towers.map((tower) => [tower.id, tower.heightM])).toEqual([
      ['T2', null],
      ['T3', 30],
    ]);
    expect(read.rejected).toEqual([
      expect.objectContaining({
        row: 1,
        line: 2,
        field: 'lon',
        code: 'excelError',
        params: { field: 'lon', value: '#N/A' },
      }),
    ]);
    expect(read.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        line: 3,
        field: 'height_m',
        code: 'excelError',
        params: { field: 'height_m', value: '#VALUE!' },
      }),
    ]);
    expect(describeInputProblem(read.rejected[0], 'vi')).toContain(
      'ô chứa lỗi Excel #N/A (công thức không cho giá trị; sửa công thức hoặc dán giá trị)',
    );
    expect(describeInputProblem(read.rejected[0], 'en')).toContain('the cell holds the Excel error #N/A');
  });

  it('is named the same in the CSV Excel saves', async () => {
    const csv = 'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ\r\nT1;Viettel;#N/A;16,05\r\nT2;Viettel;108,2;16,06\r\n';
    const read = await readTowerFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(read.towers.map((tower) => tower.id)).toEqual(['T2']);
    expect(read.rejected).toEqual([expect.objectContaining({ row: 1, line: 2, field: 'lon', code: 'excelError' })]);
  });
});
