import { describe, expect, it } from 'vitest';
import { describeInputProblem } from '../../../src/app/import/describeInputProblem';
import { parseJsonText } from '../../../src/core/io/parseJsonText';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { shortColumnList } from '../../../src/core/io/shortColumnList';

describe('parseJsonText on hostile nesting (a 5 KB file crashed the readers with "Maximum call stack size exceeded")', () => {
  it('text that stops inside 5,000 open arrays breaks at its end: line 1, column 5,001', () => {
    expect(parseJsonText('['.repeat(5000))).toEqual({
      error: 'Unexpected end of JSON input (line 1, column 5001)',
      line: 1,
      column: 5001,
    });
  });

  it('an error deeper than the scanner can recurse keeps the engine message, without a position', () => {
    const parsed = parseJsonText(`${'['.repeat(100_000)}}`);
    expect(parsed).toHaveProperty('error');
    expect(parsed).not.toHaveProperty('line');
    expect((parsed as { error: string }).error).toMatch(/not valid JSON/);
  });

  it('a shallow error still has its line and column (the scanner finds it)', () => {
    expect(parseJsonText('{\n  "a": 1,\n  }')).toMatchObject({ line: 3, column: 3 });
  });
});

describe('column lists in one-line messages (a 250,000-column header made a 750 KB stderr line)', () => {
  it('names the first 20 columns, each cut to 40 characters, then counts the rest', () => {
    expect(shortColumnList(['id', 'operator'])).toBe('id, operator');
    const many = Array.from({ length: 25 }, (_, k) => `c${k + 1}`);
    expect(shortColumnList(many)).toBe(`${many.slice(0, 20).join(', ')} … (+5)`);
    expect(shortColumnList(['x'.repeat(3_000_000)])).toBe(`${'x'.repeat(40)}…`);
  });

  it('a tower file whose header lacks the columns says so in a line of bounded length', async () => {
    const header = Array.from({ length: 250_000 }, () => 'A').join(',');
    const error = await readTowerFile(new TextEncoder().encode(`${header}\n1,2\n`), 'wide.csv').catch((e) => e);
    expect(String(error)).toContain('missing column(s) id, operator, lon, lat (found: A, A,');
    expect(String(error)).toContain('… (+249,980))');
    expect(String(error).length).toBeLessThan(300);
  });
});

describe('line numbers in notes are the file’s own, title lines above the header counted', () => {
  it('a totals row on line 7 under two title lines and a blank line is named on line 7 (it was counted from the header)', async () => {
    const csv = [
      'BÁO CÁO DANH SÁCH TRẠM;;;',
      'Đơn vị: Sở TT&TT Đà Nẵng;;;',
      ';;;',
      'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ',
      'DNG001;Viettel;108,2215;16,0544',
      'DNG002;VNPT;108,2315;16,0644',
      'Tổng cộng: 2 trạm;;;',
    ].join('\r\n');
    const result = await readTowerFile(new TextEncoder().encode(csv), 'bao-cao.csv');
    expect(result.towers.map((tower) => tower.id)).toEqual(['DNG001', 'DNG002']);
    const totals = result.warnings.find((warning) => warning.code === 'summaryRows');
    expect(totals?.params?.lines).toBe('7');
    expect(totals?.reason).toBe('1 totals row(s) without a position left out (line(s) 7)');
  });
});

describe("a KML's geometry problems are worded in the UI's language (they were English in the Vietnamese UI)", () => {
  it('a latitude of 95 is rejected with its code, in Vietnamese', async () => {
    const placemark = (id: string, coordinates: string) =>
      `<Placemark><name>${id}</name><ExtendedData><Data name="operator"><value>Viettel</value></Data></ExtendedData>` +
      `<Point><coordinates>${coordinates}</coordinates></Point></Placemark>`;
    const kml =
      '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
      `${placemark('K1', '108.2,16.05')}${placemark('K2', '108.1,95')}</Document></kml>`;
    const result = await readTowerFile(new TextEncoder().encode(kml), 'tram.kml');
    expect(result.towers.map((tower) => tower.id)).toEqual(['K1']);
    expect(result.rejected.map((problem) => [problem.row, problem.code])).toEqual([[2, 'positionNotDegrees']]);
    expect(describeInputProblem(result.rejected[0], 'vi')).toBe('vị trí [108.1, 95] không phải kinh độ/vĩ độ');
    expect(describeInputProblem(result.rejected[0], 'en')).toBe('position [108.1, 95] is not longitude/latitude');
  });
});
