import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

describe("a sheet's totals rows", () => {
  it('are left out and named in a note, not rejected as stations; a station without a position still is', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Trạm');
    sheet.addRow(['STT', 'Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ', 'Độ cao cột (m)']);
    sheet.addRow([1, 'VNM-1', 'Vietnamobile', 108.21, 16.05, 36]);
    sheet.addRow([2, 'VNM-2', 'Vietnamobile', null, null, 40]); // a station with no position: rejected
    sheet.addRow([3, 'VNM-3', 'Vietnamobile', 108.23, 16.07, 42]);
    sheet.addRow(['Tổng cộng', 'Tổng cộng', 'Tổng cộng', null, null, { formula: 'SUM(F2:F4)', result: 118 }]);
    sheet.addRow(['Số trạm: 3']);
    const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const read = await readTowerFile(bytes, 'tram.xlsx');
    expect(read.towers.map((tower) => tower.id)).toEqual(['VNM-1', 'VNM-3']);
    expect(read.rejected.map((problem) => [problem.line, problem.field])).toEqual([[3, 'lon']]);
    expect(read.warnings.find((warning) => warning.code === 'summaryRows')?.params).toEqual({
      count: 2,
      lines: '5, 6',
    });
  });
});
