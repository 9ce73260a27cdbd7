import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTextFileWithReport } from '../../../src/core/io/decodeTextFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { decodeTcvn3Bytes, tcvn3TextToUnicode } from '../../../src/core/io/tcvn3ToUnicode';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));

describe('text encodings of tower tables', () => {
  it('reads Windows-1258 (Vietnamese ANSI) with composed letters and a warning', async () => {
    const decoded = decodeTextFileWithReport(fixture('towers_windows1258.csv'));
    expect(decoded.encoding).toBe('windows-1258');
    expect(decoded.text).toContain('Trạm Ngũ Hành Sơn');
    expect(decoded.text).toBe(decoded.text.normalize('NFC'));
    const result = await readTowerFile(fixture('towers_windows1258.csv'), 'towers.csv');
    expect(result.towers.map((t) => [t.id, t.operator, t.lon])).toEqual([
      ['DNG-001', 'Viettel', 108.2208],
      ['DNG-002', 'VinaPhone', 108.245],
      ['DNG-003', 'MobiFone', 108.2502],
    ]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 4, line: 5, field: 'lat', reason: 'lat is empty' }),
    ]);
    expect(result.warnings[0]).toEqual({
      row: 0,
      reason: expect.stringContaining('read as Windows-1258'),
      code: 'encoding',
      params: { encoding: 'windows-1258', inside: 0 },
    });
  });

  it('reads Windows-1252 (Western ANSI) and says so', async () => {
    const decoded = decodeTextFileWithReport(fixture('towers_windows1252.csv'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Près du marché');
    const result = await readTowerFile(fixture('towers_windows1252.csv'), 'towers.csv');
    expect(result.towers).toHaveLength(2);
    expect(result.warnings[0].reason).toContain('Windows-1252');
  });

  it('converts TCVN3 (ABC) bytes to Unicode and reads the file, with a warning to check the names', async () => {
    const decoded = decodeTextFileWithReport(fixture('towers_tcvn3.csv'));
    expect(decoded.encoding).toBe('tcvn3');
    // The fixture's bytes are the TCVN3 spelling of Đà Nẵng's districts ("Tr\xb9m H\xb6i Ch\xa9u" ...).
    expect(decoded.text.split('\r\n').slice(0, 5)).toEqual([
      'Mã trạm;Tên trạm;Nhà mạng;Kinh độ;Vĩ độ',
      'DNG-001;Trạm Hải Châu;Viettel;108,2208;16,0678',
      'DNG-002;Trạm Sơn Trà;VNPT;108,2450;16,0710',
      'DNG-003;Trạm Ngũ Hành Sơn;MobiFone;108,2502;16,0005',
      'DNG-004;Trạm Liên Chiểu;Viettel;108,1500;',
    ]);
    expect(decoded.warning?.reason).toMatch(/TCVN3 \(ABC, .Vn fonts\): converted to Unicode/);
    expect(decoded.warning?.params).toEqual({ encoding: 'tcvn3', inside: 0 });
    const result = await readTowerFile(fixture('towers_tcvn3.csv'), 'towers_tcvn3.csv');
    // The Vietnamese headers (Mã trạm, Nhà mạng, Kinh độ, Vĩ độ) are recognised once converted.
    expect(result.towers.map((t) => [t.id, t.operator, t.lon, t.lat])).toEqual([
      ['DNG-001', 'Viettel', 108.2208, 16.0678],
      ['DNG-002', 'VinaPhone', 108.245, 16.071],
      ['DNG-003', 'MobiFone', 108.2502, 16.0005],
    ]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 4, line: 5, field: 'lat', reason: 'lat is empty' }),
    ]);
    expect(result.warnings[0].reason).toMatch(/TCVN3/);
  });

  it('converts every TCVN3 letter: the 134 Vietnamese letters of the ABC table, and text typed in a .Vn font', () => {
    // Lower-case letters and the 7 capitals of the ABC font, at the byte each has in TCVN 5712:1993 (VN3), as listed by
    // Vietnamese converters' tables, not by the code under test.
    const abc: Array<[number, string]> = [
      [0xb5, 'à'],
      [0xb8, 'á'],
      [0xb6, 'ả'],
      [0xb7, 'ã'],
      [0xb9, 'ạ'],
      [0xa8, 'ă'],
      [0xbb, 'ằ'],
      [0xbe, 'ắ'],
      [0xbc, 'ẳ'],
      [0xbd, 'ẵ'],
      [0xc6, 'ặ'],
      [0xa9, 'â'],
      [0xc7, 'ầ'],
      [0xca, 'ấ'],
      [0xc8, 'ẩ'],
      [0xc9, 'ẫ'],
      [0xcb, 'ậ'],
      [0xae, 'đ'],
      [0xcc, 'è'],
      [0xd0, 'é'],
      [0xce, 'ẻ'],
      [0xcf, 'ẽ'],
      [0xd1, 'ẹ'],
      [0xaa, 'ê'],
      [0xd2, 'ề'],
      [0xd5, 'ế'],
      [0xd3, 'ể'],
      [0xd4, 'ễ'],
      [0xd6, 'ệ'],
      [0xd7, 'ì'],
      [0xdd, 'í'],
      [0xd8, 'ỉ'],
      [0xdc, 'ĩ'],
      [0xde, 'ị'],
      [0xdf, 'ò'],
      [0xe3, 'ó'],
      [0xe1, 'ỏ'],
      [0xe2, 'õ'],
      [0xe4, 'ọ'],
      [0xab, 'ô'],
      [0xe5, 'ồ'],
      [0xe8, 'ố'],
      [0xe6, 'ổ'],
      [0xe7, 'ỗ'],
      [0xe9, 'ộ'],
      [0xac, 'ơ'],
      [0xea, 'ờ'],
      [0xed, 'ớ'],
      [0xeb, 'ở'],
      [0xec, 'ỡ'],
      [0xee, 'ợ'],
      [0xef, 'ù'],
      [0xf3, 'ú'],
      [0xf1, 'ủ'],
      [0xf2, 'ũ'],
      [0xf4, 'ụ'],
      [0xad, 'ư'],
      [0xf5, 'ừ'],
      [0xf8, 'ứ'],
      [0xf6, 'ử'],
      [0xf7, 'ữ'],
      [0xf9, 'ự'],
      [0xfa, 'ỳ'],
      [0xfd, 'ý'],
      [0xfb, 'ỷ'],
      [0xfc, 'ỹ'],
      [0xfe, 'ỵ'],
      [0xa1, 'Ă'],
      [0xa2, 'Â'],
      [0xa7, 'Đ'],
      [0xa3, 'Ê'],
      [0xa4, 'Ô'],
      [0xa5, 'Ơ'],
      [0xa6, 'Ư'],
    ];
    const bytes = Uint8Array.from(abc.map(([byte]) => byte));
    expect(decodeTcvn3Bytes(bytes)).toBe(abc.map(([, letter]) => letter).join(''));
    // The same text typed in a .VnTime font and saved as Unicode: its code points are the bytes' Latin-1 characters.
    expect(tcvn3TextToUnicode('TiÕng ViÖt - §µ N½ng - Th\u00adêng')).toBe('Tiếng Việt - Đà Nẵng - Thường');
  });

  it('still names VNI, which it does not convert, when the garbled headers cannot be read', async () => {
    expect(decodeTextFileWithReport(fixture('towers_vni.csv')).encoding).toBe('vni');
    await expect(readTowerFile(fixture('towers_vni.csv'), 'towers_vni.csv')).rejects.toThrow(
      /VNI \(VNI-Windows fonts\)/,
    );
  });

  it('converts a UTF-8 file holding text typed in a TCVN3 font', async () => {
    // Headers and names typed with a .VnTime font in Excel, saved as "CSV UTF-8".
    const typed = 'M· tr¹m,Tªn tr¹m,Nh\u00b5 m¹ng,Kinh \u00aeé,V\u00dc \u00aeé\nA,Tr¹m H¶i Ch©u,Viettel,108.2,16.05\n';
    const bytes = new TextEncoder().encode(typed);
    expect(decodeTextFileWithReport(bytes).text).toBe(
      'Mã trạm,Tên trạm,Nhà mạng,Kinh độ,Vĩ độ\nA,Trạm Hải Châu,Viettel,108.2,16.05\n',
    );
    const result = await readTowerFile(bytes, 'typed.csv');
    expect(result.towers.map((t) => [t.id, t.operator, t.lon, t.lat])).toEqual([['A', 'Viettel', 108.2, 16.05]]);
    expect(result.warnings[0].reason).toMatch(/text typed in TCVN3/);
  });

  it('reads UTF-8 with and without BOM, and UTF-16 with BOM, the same', async () => {
    const text = 'Mã trạm,Nhà mạng,Kinh độ,Vĩ độ\nA,Viettel,108.2,16.05\n';
    const utf8 = new TextEncoder().encode(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    for (const bytes of [utf8, withBom, utf16]) {
      const result = await readTowerFile(bytes, 'a.csv');
      expect(result.towers).toEqual([
        expect.objectContaining({ id: 'A', operator: 'Viettel', lon: 108.2, lat: 16.05 }),
      ]);
      expect(result.warnings).toEqual([]);
    }
  });
});
