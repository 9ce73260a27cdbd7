import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTextFileWithReport } from '../../../src/core/io/decodeTextFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

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
    expect(result.rejected).toEqual([{ row: 4, line: 5, field: 'lat', reason: 'lat is empty' }]);
    expect(result.warnings[0]).toEqual({ row: 0, reason: expect.stringContaining('read as Windows-1258') });
  });

  it('reads Windows-1252 (Western ANSI) and says so', async () => {
    const decoded = decodeTextFileWithReport(fixture('towers_windows1252.csv'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Près du marché');
    const result = await readTowerFile(fixture('towers_windows1252.csv'), 'towers.csv');
    expect(result.towers).toHaveLength(2);
    expect(result.warnings[0].reason).toContain('Windows-1252');
  });

  it.each([
    ['towers_tcvn3.csv', 'tcvn3', /TCVN3 \(ABC, .Vn fonts\)/],
    ['towers_vni.csv', 'vni', /VNI \(VNI-Windows fonts\)/],
  ])('recognises %s as %s and names it when the garbled headers cannot be read', async (name, encoding, named) => {
    expect(decodeTextFileWithReport(fixture(name)).encoding).toBe(encoding);
    await expect(readTowerFile(fixture(name), name)).rejects.toThrow(named);
  });

  it('still reads TCVN3 files whose headers are ASCII, with the warning', async () => {
    const bytes = fixture('towers_tcvn3.csv');
    const text = new TextDecoder('windows-1252').decode(bytes).split('\r\n');
    const ascii = ['id;name;operator;lon;lat', ...text.slice(1)].join('\r\n');
    const latin1 = Uint8Array.from(ascii, (c) => c.charCodeAt(0));
    const result = await readTowerFile(latin1, 'tcvn3.csv');
    expect(result.towers.map((t) => t.id)).toEqual(['DNG-001', 'DNG-002', 'DNG-003']);
    expect(result.warnings[0].reason).toMatch(/TCVN3/);
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
