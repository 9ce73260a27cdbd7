import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mergeTwoRowHeader } from '../../../src/core/io/mergeTwoRowHeader';
import { previewTableFile } from '../../../src/core/io/previewTableFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

describe('mergeTwoRowHeader', () => {
  it('reads a group cell over its columns with their names below, other names in either row', () => {
    expect(mergeTwoRowHeader(['STT', 'Mã trạm', 'Tọa độ', '', 'Nhà mạng'], ['', '', 'Kinh độ', 'Vĩ độ', ''])).toEqual([
      'STT',
      'Mã trạm',
      'Kinh độ',
      'Vĩ độ',
      'Nhà mạng',
    ]);
    // Excel's merged cells come as null beside their first cell.
    expect(mergeTwoRowHeader(['Mã trạm', 'Nhà mạng', 'Tọa độ', null], [null, null, 'Kinh độ', 'Vĩ độ'])).toEqual([
      'Mã trạm',
      'Nhà mạng',
      'Kinh độ',
      'Vĩ độ',
    ]);
  });

  it('does not merge a whole header with its first data row, nor a title with the header', () => {
    expect(mergeTwoRowHeader(['id', 'operator', 'lon', 'lat'], ['T1', 'Viettel', '108.2', '16.05'])).toBeNull();
    expect(mergeTwoRowHeader(['DANH SÁCH TRẠM', '', '', ''], ['Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ'])).toBeNull();
    // A header missing its latitude is not completed by a data row under it.
    expect(mergeTwoRowHeader(['id', 'operator', 'lon', ''], ['T1', 'Viettel', '108.2', '16.05'])).toBeNull();
  });
});

describe('a tower table whose header is written over two rows', () => {
  // Title 1, blank 2, header lines 3 and 4 ("Tọa độ" merged over Kinh độ / Vĩ độ), T1 5, T2 6 (no latitude), T3 7.
  const csv =
    '\uFEFFDANH SÁCH TRẠM BTS;;;;\r\n;;;;\r\nSTT;Mã trạm;Nhà mạng;Tọa độ;\r\n;;;Kinh độ;Vĩ độ\r\n' +
    '1;T1;Viettel;108,2;16,05\r\n2;T2;Viettel;108,3;\r\n3;T3;VinaPhone;108,25;16,06\r\n';

  it('reads a CSV with the two rows as one header, lines as the file has them, and says so', async () => {
    const result = await readTowerFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(result.towers.map((tower) => [tower.id, tower.operator, tower.lon, tower.lat])).toEqual([
      ['T1', 'Viettel', 108.2, 16.05],
      ['T3', 'VinaPhone', 108.25, 16.06],
    ]);
    expect(result.towerLines).toEqual([5, 7]);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 2, line: 6, field: 'lat', code: 'empty' })]);
    const codes = result.warnings.map((warning) => warning.code);
    expect(codes).toContain('titleLinesSkipped');
    expect(result.warnings.find((warning) => warning.code === 'twoRowHeader')).toMatchObject({
      line: 3,
      params: { line: 3, names: 'STT, Mã trạm, Nhà mạng, Kinh độ, Vĩ độ' },
    });
  });

  it('previews the same header and rows', async () => {
    const preview = await previewTableFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(preview.headers).toEqual(['STT', 'Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ']);
    expect(preview.rows.map((row) => row[1])).toEqual(['T1', 'T2', 'T3']);
    expect(preview.rowLines).toEqual([5, 6, 7]);
    expect(preview.warnings.map((warning) => warning.code)).toContain('twoRowHeader');
  });

  async function workbook(merge: boolean): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Trạm');
    sheet.addRow(['DANH SÁCH TRẠM BTS']);
    sheet.addRow(['STT', 'Mã trạm', 'Nhà mạng', 'Tọa độ', null]);
    sheet.addRow([null, null, null, 'Kinh độ', 'Vĩ độ']);
    if (merge) for (const range of ['D2:E2', 'A2:A3', 'B2:B3', 'C2:C3']) sheet.mergeCells(range);
    sheet.addRow([1, 'T1', 'Viettel', 108.2, 16.05]);
    sheet.addRow([2, 'T2', 'MobiFone', 108.3, null]);
    sheet.addRow([3, 'T3', 'VinaPhone', 108.25, 16.06]);
    return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('reads a workbook whose two header rows leave blanks (no merged cells), as the preview shows it', async () => {
    const bytes = await workbook(false);
    const result = await readTowerFile(bytes, 'tram.xlsx');
    expect(result.towers.map((tower) => [tower.id, tower.operator, tower.lon, tower.lat])).toEqual([
      ['T1', 'Viettel', 108.2, 16.05],
      ['T3', 'VinaPhone', 108.25, 16.06],
    ]);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 2, line: 5, field: 'lat' })]);
    expect(result.warnings.find((warning) => warning.code === 'twoRowHeader')).toMatchObject({ line: 2 });
    const preview = await previewTableFile(bytes, 'tram.xlsx');
    expect(preview.headers).toEqual(['STT', 'Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ']);
    expect(preview.rowLines).toEqual([4, 5, 6]);
  });

  it('reads the same workbook with its header cells merged (each merged cell reads as its first cell)', async () => {
    const result = await readTowerFile(await workbook(true), 'tram.xlsx');
    expect(result.towers.map((tower) => [tower.id, tower.operator, tower.lon, tower.lat])).toEqual([
      ['T1', 'Viettel', 108.2, 16.05],
      ['T3', 'VinaPhone', 108.25, 16.06],
    ]);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 2, line: 5, field: 'lat' })]);
  });
});
