import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTowers } from '../../../src/core/io/parseTowers';
import { TowerFileError } from '../../../src/core/io/towerFileError';

const fixtureBytes = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/towers/${name}`, import.meta.url)));

describe('parseTowers', () => {
  it('chooses the reader from the extension', () => {
    expect(parseTowers(fixtureBytes('good.csv'), 'good.csv').towers).toHaveLength(6);
    expect(parseTowers(fixtureBytes('towers.geojson'), 'towers.geojson').towers).toHaveLength(3);
  });

  it('sniffs the content when the extension says nothing', () => {
    expect(parseTowers(fixtureBytes('towers.geojson'), 'towers.dat').towers).toHaveLength(3);
    expect(parseTowers(fixtureBytes('good.csv')).towers).toHaveLength(6);
  });

  it('decodes UTF-16 files with a byte-order mark, as Excel writes "Unicode Text"', () => {
    const text = 'Tên trạm\tNhà mạng\tKinh độ\tVĩ độ\nTrạm 1\tViettel\t108,2\t16,05\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(parseTowers(bytes, 'towers.txt').towers).toEqual([
      expect.objectContaining({ id: 'Trạm 1', operator: 'Viettel', lon: 108.2, lat: 16.05 }),
    ]);
  });

  it('throws TowerFileError for binary content', () => {
    expect(() => parseTowers(fixtureBytes('binary_garbage.dat'), 'binary_garbage.dat')).toThrow(
      new TowerFileError('not a CSV or GeoJSON tower file: looks like binary data (NUL bytes)', {
        code: 'notText',
        params: { looksLike: 'binary data (NUL bytes)', kind: 'binaryNul' },
      }),
    );
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(() => parseTowers(xlsx, 'towers.xlsx')).toThrow(/Excel .xlsx workbook/);
  });
});

describe('parseTowers on text in a legacy encoding', () => {
  it('reads Windows-1258 bytes (invalid UTF-8) as Vietnamese ANSI and says so', () => {
    // "Đà ơă" in Windows-1258 bytes is invalid UTF-8: read as Windows-1258, with a warning naming it.
    const header = new TextEncoder().encode('id,operator,lon,lat,ten\n');
    const row = [0x54, 0x31, 0x2c, 0x56, 0x54, 0x4c, 0x2c, 0x31, 0x30, 0x38, 0x2c, 0x31, 0x36, 0x2c];
    const name = new Array(20).fill([0xd0, 0xe0, 0x20, 0xf5, 0xe3]).flat();
    const bytes = new Uint8Array([...header, ...row, ...name, 0x0a]);
    const result = parseTowers(bytes, 'legacy.csv');
    expect(result.towers).toEqual([expect.objectContaining({ id: 'T1', operator: 'Viettel', lon: 108, lat: 16 })]);
    expect(result.warnings[0]).toEqual({
      row: 0,
      reason: expect.stringContaining('Windows-1258'),
      code: 'encoding',
      params: { encoding: 'windows-1258', inside: 0 },
    });
  });
});
