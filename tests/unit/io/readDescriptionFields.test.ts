import { describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_FIELDS, readDescriptionFields } from '../../../src/core/io/readDescriptionFields';

/** The fields as [name, value] pairs, for short expectations. */
const pairs = (description: string) => readDescriptionFields(description).map(({ name, value }) => [name, value]);

describe('readDescriptionFields: HTML tables', () => {
  it('reads the two-cell rows of an ArcGIS popup: nested table, title row, styles and head skipped', () => {
    const description =
      '<html xmlns:fo="http://www.w3.org/1999/XSL/Format"><head><META http-equiv="Content-Type" content="text/html">' +
      '<style>td { font: 12px Arial }</style><title>DNG001</title></head><body style="margin:0px">' +
      '<table style="width:100%"><tr style="text-align:center;font-weight:bold;background:#9CBCE2"><td>DNG001</td></tr>' +
      '<tr><td><table style="border-collapse:collapse">' +
      '<tr><td>FID</td><td>0</td></tr>' +
      '<tr bgcolor="#D4E4F3"><td>Mã trạm</td><td>DNG001</td></tr>' +
      '<tr><td>Nhà mạng</td><td>Viettel</td></tr>' +
      '<tr bgcolor="#D4E4F3"><td>Độ cao (m)</td><td>42</td></tr>' +
      '</table></td></tr></table></body></html>';
    expect(pairs(description)).toEqual([
      ['FID', '0'],
      ['Mã trạm', 'DNG001'],
      ['Nhà mạng', 'Viettel'],
      ['Độ cao (m)', '42'],
    ]);
  });

  it('takes th names, strips tags, decodes entities, collapses white space and drops a trailing colon', () => {
    const description =
      '<table>\n  <tr><th colspan="2">Trạm BTS</th></tr>\n' +
      '  <tr><th>M&#227; tr&#x1EA1;m:</th><td>\n  <b>QNM&nbsp;01</b> </td></tr>\n' +
      '  <tr><th><font color="red">Nhà   mạng</font></th><td>Viettel &amp; VNPT</td></tr>\n' +
      '  <tr><td>Ghi chú</td><td>Dòng 1<br>Dòng 2 &lt;cũ&gt; &Atilde;&atilde; 30&deg;</td></tr>\n' +
      '  <tr><td>Ô trống</td><td></td></tr>\n' +
      '  <tr><td>Chưa rõ</td><td>&unknown; &amp</td></tr>\n' +
      '</table>';
    expect(pairs(description)).toEqual([
      ['Mã trạm', 'QNM 01'],
      ['Nhà mạng', 'Viettel & VNPT'],
      ['Ghi chú', 'Dòng 1 Dòng 2 <cũ> Ãã 30°'],
      ['Ô trống', ''],
      ['Chưa rõ', '&unknown; &amp'],
    ]);
  });

  it('skips rows that span columns or rows, have another number of cells, hold a table or have no name', () => {
    const description =
      '<table>' +
      '<tr><td colspan="2">Tiêu đề</td><td>x</td></tr>' +
      "<tr><td colspan = '2'>A</td><td>B</td></tr>" +
      '<tr><td rowspan=3>C</td><td>D</td></tr>' +
      '<tr><td>E</td><td>F</td><td>G</td></tr>' +
      '<tr><td>H</td></tr>' +
      '<tr><td>I</td><td><table><tr><td>J</td><td>K</td></tr></table></td></tr>' +
      '<tr><td> </td><td>L</td></tr>' +
      '<tr><td colspan="1">M</td><td>N</td></tr>' +
      '</table>';
    // J/K is a two-cell row of the nested table; the row around it is skipped.
    expect(pairs(description)).toEqual([
      ['J', 'K'],
      ['M', 'N'],
    ]);
  });

  it('closes cells and rows left open as HTML does, keeps a name first given, reads ArcGIS <Null> as empty', () => {
    const description =
      '<table><tr><td>Mã trạm<td>HUE01<tr><td>Mã trạm<td>HUE02<tr><td>Độ cao (m)<td>&lt;Null&gt;</table>';
    expect(pairs(description)).toEqual([
      ['Mã trạm', 'HUE01'],
      ['Độ cao (m)', ''],
    ]);
  });

  it('reads HTML escaped a second time (no tag, "&lt;table&gt;")', () => {
    const description =
      '&lt;table&gt;&lt;tr&gt;&lt;td&gt;Nhà mạng&lt;/td&gt;&lt;td&gt;MobiFone&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;';
    expect(pairs(description)).toEqual([['Nhà mạng', 'MobiFone']]);
  });

  it(`stops at ${MAX_DESCRIPTION_FIELDS} fields`, () => {
    let rows = '';
    for (let i = 0; i < MAX_DESCRIPTION_FIELDS + 5; i++) rows += `<tr><td>f${i}</td><td>${i}</td></tr>`;
    const fields = readDescriptionFields(`<table>${rows}</table>`);
    expect(fields).toHaveLength(MAX_DESCRIPTION_FIELDS);
    expect(fields.at(-1)).toEqual({ name: `f${MAX_DESCRIPTION_FIELDS - 1}`, value: `${MAX_DESCRIPTION_FIELDS - 1}` });
  });
});

describe('readDescriptionFields: "name: value" lines', () => {
  it('reads lines separated by <br> when no table row is found, the value split at the first colon', () => {
    const description =
      '<b>Mã trạm:</b> HUE01<br><b>Nhà mạng:</b> MobiFone<BR/>Độ cao (m): 36<br />Cập nhật: 10:30 12/3/2024<br>' +
      'http://example.vn<br>10:30<br>Trạm được xây năm 2019 và cải tạo vào tháng 5 năm 2022: xem hồ sơ<br>' +
      '<p>Ghi chú:</p>';
    expect(pairs(description)).toEqual([
      ['Mã trạm', 'HUE01'],
      ['Nhà mạng', 'MobiFone'],
      ['Độ cao (m)', '36'],
      ['Cập nhật', '10:30 12/3/2024'],
      ['Ghi chú', ''],
    ]);
  });

  it('prefers table rows to lines', () => {
    expect(pairs('Nguồn: ArcGIS<br><table><tr><td>Mã trạm</td><td>T1</td></tr></table>')).toEqual([['Mã trạm', 'T1']]);
  });

  it('takes nothing from prose, an empty description or a table of one-cell rows', () => {
    expect(pairs('Trạm được xây dựng năm 2019, cột cao, gần chợ Hàn. Liên hệ anh Nam để biết thêm.')).toEqual([]);
    expect(pairs('<b>Trạm Hải Châu</b><img src="x" onerror="alert(1)">')).toEqual([]);
    expect(pairs('')).toEqual([]);
    // A colon with no line break tag anywhere: a plain-text note, not a list of fields.
    expect(pairs('Ghi chú: cột cao 42 m, gần chợ')).toEqual([]);
    expect(pairs('a < b and c > d, 3 <4')).toEqual([]);
    expect(pairs('<table><tr><td>Trạm cũ</td></tr><tr><td>Đã dời</td></tr></table>')).toEqual([]);
  });
});

describe('readDescriptionFields: hostile descriptions (1 MB each) return', () => {
  const MB = 1024 * 1024;
  const hostile: Record<string, string> = {
    'unclosed <td>': '<td>'.repeat(MB / 4),
    'unclosed <tr><td>': '<tr><td>'.repeat(MB / 8),
    'nested <table><tr><td>': '<table><tr><td>'.repeat(MB / 15),
    '<td with no >': '<td'.repeat(MB / 3),
    '<td colspan= and spaces': `<td colspan=${' '.repeat(MB)}x`,
    'colspan attributes': `<td${' colspan'.repeat(MB / 8)}>`,
    'lone <': '<'.repeat(MB),
    'unclosed comments': '<!--'.repeat(MB / 4),
    'entity starts': '&#x'.repeat(MB / 3),
    'long entity names': `&${'a'.repeat(MB)}`,
    'escaped HTML, unclosed': '&lt;td&gt;'.repeat(MB / 10),
    'colons and breaks': 'a:<br>'.repeat(MB / 6),
    'unclosed <style>': `<style>${'<td>a</td>'.repeat(MB / 10)}`,
  };
  for (const [name, description] of Object.entries(hostile)) {
    it(name, () => {
      const fields = readDescriptionFields(description);
      expect(Array.isArray(fields)).toBe(true);
    });
  }

  it('two-cell rows by the hundred thousand stop at the field limit', () => {
    const fields = readDescriptionFields('<tr><td>a</td><td>b</td></tr>'.repeat(MB / 29));
    expect(fields).toEqual([{ name: 'a', value: 'b' }]);
  });
});
