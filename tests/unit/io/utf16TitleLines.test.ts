import { describe, expect, it } from 'vitest';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

/** Text as Excel's "Unicode Text" saves it: UTF-16 with a byte-order mark, tab-separated, CR LF. */
function utf16(text: string, bigEndian = false): Uint8Array {
  const bytes = new Uint8Array(2 + 2 * text.length);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + 2 * i + (bigEndian ? 1 : 0)] = code & 0xff;
    bytes[2 + 2 * i + (bigEndian ? 0 : 1)] = code >> 8;
  }
  return bytes;
}

describe('a UTF-16 station list with a title above the header', () => {
  const text = [
    'Danh sách trạm BTS Vietnamobile — TP Đà Nẵng',
    '',
    'Mã trạm\tNhà mạng\tKinh độ\tVĩ độ\tĐộ cao cột (m)',
    'VNM-1\tVietnamobile\t108,2111\t16,0511\t36,5',
    'VNM-2\tVietnamobile\tkhông rõ\t16,0522\t40',
    'VNM-3\tVietnamobile\t108,2133\t16,0533\t42',
  ].join('\r\n');

  it.each([false, true])('is read from its header on, lines as in the file (big-endian: %s)', async (bigEndian) => {
    const read = await readTowerFile(utf16(text, bigEndian), 'tram.txt');
    expect(read.towers.map((tower) => [tower.id, tower.lon, tower.lat, tower.heightM])).toEqual([
      ['VNM-1', 108.2111, 16.0511, 36.5],
      ['VNM-3', 108.2133, 16.0533, 42],
    ]);
    // The bad longitude is on the file's 5th line (title, blank line, header, then the rows).
    expect(read.rejected.map((problem) => [problem.line, problem.field])).toEqual([[5, 'lon']]);
  });
});
