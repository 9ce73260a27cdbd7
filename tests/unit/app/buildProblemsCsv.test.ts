import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildProblemsCsv } from '../../../src/app/import/buildProblemsCsv';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

/** An operator's workbook: the last column (radius) empty on most rows, so Excel stores those rows shorter. */
async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Trạm');
  sheet.addRow(['Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ', 'Bán kính (m)']);
  sheet.addRow(['VNM-1', 'Vietnamobile', 108.21, 16.05, 1500]);
  sheet.addRow(['VNM-2', 'Vietnamobile', `108°14'45.6"X`, 16.06]); // a longitude that does not read; no radius
  sheet.addRow(['VNM-3', 'Vietnamobile', 108.23, 16.07]);
  sheet.addRow(['VNM-4', '', 108.24, 16.08]); // no operator; no radius
  sheet.addRow(['VNM-5', 'Vietnamobile', 108.25, 16.09, 'xa']); // a radius that does not read: a warning
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('buildProblemsCsv', () => {
  it('writes every row as wide as the header (rows Excel stores short included), so the file reads back', async () => {
    const read = await readTowerFile(await workbook(), 'tram.xlsx');
    expect(read.rejected.map((problem) => problem.row).sort()).toEqual([2, 4]);
    const csv = buildProblemsCsv(read, 'vi', ';');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Mã trạm;Nhà mạng;Kinh độ;Vĩ độ;Bán kính (m);Tình trạng;Dòng;Vấn đề');
    expect(lines).toHaveLength(4);
    const cells = lines.slice(1).map((line) => line.split(';').slice(0, 7));
    expect(cells.map((row) => [row[0], row[4], row[5], row[6]])).toEqual([
      ['VNM-2', '', 'bị loại', '3'],
      ['VNM-4', '', 'bị loại', '5'],
      ['VNM-5', 'xa', 'cảnh báo', '6'],
    ]);
    // Read again as a tower list: no row is refused for its width; the fixed rows would import.
    const back = await readTowerFile(new TextEncoder().encode(csv), 'tram-can-sua.csv');
    expect(back.rejected.every((problem) => problem.code !== 'fieldCount')).toBe(true);
    expect(back.towers.map((tower) => tower.id)).toEqual(['VNM-5']);
    expect(back.rejected.map((problem) => problem.row).sort()).toEqual([1, 2]);
  });
});
