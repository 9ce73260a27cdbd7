import { describe, expect, it } from 'vitest';
import { previewTableFile } from '../../../src/core/io/previewTableFile';
import { proposeColumnMapping } from '../../../src/core/io/proposeColumnMapping';
import { readKml } from '../../../src/core/io/readKml';
import { readLayerFile } from '../../../src/core/io/readLayerFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

const kmlOf = (placemarks: string) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
  `${placemarks}</Document></kml>`;

/** A placemark as ArcGIS "Layer To KML" writes one: attributes in a table nested in the description, in CDATA. */
function arcGisPlacemark(id: string, name: string, rows: [string, string][], lonLat: string): string {
  const table = rows
    .map(([key, value], index) => `<tr${index % 2 ? ' bgcolor="#D4E4F3"' : ''}><td>${key}</td><td>${value}</td></tr>`)
    .join('\n');
  return (
    `<Placemark id="${id}"><name>${name}</name><styleUrl>#IconStyle00</styleUrl>` +
    '<description><![CDATA[<html xmlns:fo="http://www.w3.org/1999/XSL/Format"><head>' +
    '<META http-equiv="Content-Type" content="text/html"></head><body style="margin:0px 0px 0px 0px">' +
    `<table><tr style="text-align:center;font-weight:bold"><td colspan="2">${name}</td></tr>` +
    `<tr><td><table>\n${table}\n</table></td></tr></table></body></html>]]></description>` +
    `<Point><coordinates>${lonLat},0</coordinates></Point></Placemark>`
  );
}

// Three stations exported from ArcGIS: the id in "Mã trạm" (not <name>, not the placemark's id attribute), one height
// written with a decimal comma, one ArcGIS null, one name in numeric entities.
const ARCGIS_KML = kmlOf(
  arcGisPlacemark(
    'ID_00000',
    'Trạm Hải Châu',
    [
      ['FID', '0'],
      ['Mã trạm', 'DNG001'],
      ['Nhà mạng', 'Viettel'],
      ['Độ cao (m)', '42'],
      ['Kinh độ', '108.2208'],
      ['Vĩ độ', '16.0678'],
      ['Ghi chú', 'Cột &amp; nhà&nbsp;trạm'],
    ],
    '108.2208,16.0678',
  ) +
    arcGisPlacemark(
      'ID_00001',
      'Trạm Thanh Khê',
      [
        ['FID', '1'],
        ['M&#227; tr&#7841;m', 'DNG002'],
        ['Nhà mạng', 'VinaPhone'],
        ['Độ cao (m)', '&lt;Null&gt;'],
        ['Kinh độ', '108.2022'],
        ['Vĩ độ', '16.0544'],
        ['Ghi chú', ''],
      ],
      '108.2022,16.0544',
    ) +
    arcGisPlacemark(
      'ID_00002',
      'Trạm Sơn Trà',
      [
        ['FID', '2'],
        ['Mã trạm', 'DNG003'],
        ['Nhà mạng', '<b>MobiFone</b>'],
        ['Độ cao (m)', '45,5'],
        ['Kinh độ', '108.245'],
        ['Vĩ độ', '16.0471'],
        ['Ghi chú', 'Dòng 1<br>Dòng 2'],
      ],
      '108.245,16.0471',
    ),
);

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('readKml: attributes in the description', () => {
  it('reads an ArcGIS KML of description tables to towers with id, operator and height', async () => {
    const result = await readTowerFile(bytesOf(ARCGIS_KML), 'tram.kml');
    expect(result.towers.map((t) => [t.id, t.operator, t.heightM, t.lon, t.lat])).toEqual([
      ['DNG001', 'Viettel', 42, 108.2208, 16.0678],
      ['DNG002', 'VinaPhone', null, 108.2022, 16.0544],
      ['DNG003', 'MobiFone', 45.5, 108.245, 16.0471],
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('keeps the description and <name>, and adds the table rows as text properties', () => {
    const [first, second, third] = readKml(ARCGIS_KML).features;
    expect(first.properties).toMatchObject({
      name: 'Trạm Hải Châu',
      FID: '0',
      'Mã trạm': 'DNG001',
      'Nhà mạng': 'Viettel',
      'Độ cao (m)': '42',
      'Kinh độ': '108.2208',
      'Vĩ độ': '16.0678',
      'Ghi chú': 'Cột & nhà trạm',
    });
    expect(first.properties?.description).toMatch(/^<html xmlns:fo=.*<td>Ghi chú<\/td><td>Cột &amp; nhà&nbsp;trạm/s);
    expect(second.properties).toMatchObject({ 'Mã trạm': 'DNG002', 'Độ cao (m)': '', 'Ghi chú': '' });
    expect(third.properties).toMatchObject({ 'Nhà mạng': 'MobiFone', 'Ghi chú': 'Dòng 1 Dòng 2' });
  });

  it('previews the table rows as columns, which the column matcher maps as a CSV header', async () => {
    const preview = await previewTableFile(bytesOf(ARCGIS_KML), 'tram.kml');
    expect(preview.geometryFromFile).toBe(true);
    expect(preview.headers).toEqual([
      'name',
      'description',
      'styleUrl',
      'FID',
      'Mã trạm',
      'Nhà mạng',
      'Độ cao (m)',
      'Kinh độ',
      'Vĩ độ',
      'Ghi chú',
    ]);
    const column = (name: string) => preview.headers.indexOf(name);
    expect(
      preview.rows.map((row) => [row[column('Mã trạm')], row[column('Nhà mạng')], row[column('Độ cao (m)')]]),
    ).toEqual([
      ['DNG001', 'Viettel', '42'],
      ['DNG002', 'VinaPhone', ''],
      ['DNG003', 'MobiFone', '45,5'],
    ]);
    const proposal = proposeColumnMapping(preview.headers, { sampleRows: preview.rows as string[][] });
    expect(proposal.mapping).toMatchObject({
      id: 'Mã trạm',
      operator: 'Nhà mạng',
      height_m: 'Độ cao (m)',
      lon: 'Kinh độ',
      lat: 'Vĩ độ',
    });
  });

  it('reads an entity-escaped description (HTML as XML text, not CDATA)', () => {
    const kml = kmlOf(
      '<Placemark><name>QNM01</name><description>&lt;table&gt;&lt;tr&gt;&lt;th&gt;Mã trạm&lt;/th&gt;' +
        '&lt;td&gt;QNM01&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;th&gt;Nhà mạng&lt;/th&gt;&lt;td&gt;Viettel &amp;amp; VNPT' +
        '&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</description><Point><coordinates>108.3,15.6</coordinates></Point>' +
        '</Placemark>',
    );
    const [feature] = readKml(kml).features;
    expect(feature.properties).toMatchObject({ 'Mã trạm': 'QNM01', 'Nhà mạng': 'Viettel & VNPT' });
  });

  it('lets ExtendedData win over the description for the same name, as written or as columns compare', async () => {
    const kml = kmlOf(
      '<Placemark><name>T1</name><description><![CDATA[<table><tr><td>Mã trạm</td><td>DNG009</td></tr>' +
        '<tr><td>Nhà mạng</td><td>Viettel</td></tr><tr><td>Độ cao (m)</td><td>42</td></tr>' +
        '<tr><td>name</td><td>Tên khác</td></tr></table>]]></description>' +
        '<ExtendedData><Data name="Độ cao (m)"><value>50</value></Data>' +
        '<Data name="nha mang"><value>MobiFone</value></Data></ExtendedData>' +
        '<Point><coordinates>108.2,16.0</coordinates></Point></Placemark>',
    );
    const [feature] = readKml(kml).features;
    expect(feature.properties).toMatchObject({
      name: 'T1',
      'Độ cao (m)': '50',
      'nha mang': 'MobiFone',
      'Mã trạm': 'DNG009',
    });
    expect(feature.properties).not.toHaveProperty('Nhà mạng');
    const result = await readTowerFile(bytesOf(kml), 't.kml');
    expect(result.towers.map((t) => [t.id, t.operator, t.heightM])).toEqual([['DNG009', 'MobiFone', 50]]);
  });

  it('reads Google Earth "name: value<br>" lines', async () => {
    const kml = kmlOf(
      '<Placemark><name>Huế 1</name><description><![CDATA[<b>Mã trạm:</b> HUE01<br><b>Nhà mạng:</b> MobiFone<br>' +
        'Độ cao (m): 36<br>Cập nhật: 10:30 12/3/2024<br>]]></description>' +
        '<Point><coordinates>107.59,16.46</coordinates></Point></Placemark>',
    );
    const [feature] = readKml(kml).features;
    expect(feature.properties).toMatchObject({
      'Mã trạm': 'HUE01',
      'Nhà mạng': 'MobiFone',
      'Độ cao (m)': '36',
      'Cập nhật': '10:30 12/3/2024',
    });
    const result = await readTowerFile(bytesOf(kml), 'hue.kml');
    expect(result.towers.map((t) => [t.id, t.operator, t.heightM])).toEqual([['HUE01', 'MobiFone', 36]]);
  });

  it('takes no field from a description in prose, and reads the rest as before', async () => {
    const prose = 'Trạm xây dựng năm 2019 và cải tạo vào tháng 5 năm 2022 theo quyết định số 12: xem hồ sơ kèm theo.';
    const kml = kmlOf(
      `<Placemark><name>T2</name><description>${prose}</description>` +
        '<ExtendedData><Data name="Nhà mạng"><value>Viettel</value></Data></ExtendedData>' +
        '<Point><coordinates>108.2,16.0</coordinates></Point></Placemark>',
    );
    const layer = await readLayerFile(bytesOf(kml), 't2.kml');
    expect(layer.features[0].properties).toEqual({ name: 'T2', description: prose, 'Nhà mạng': 'Viettel' });
    expect(layer.rejected).toEqual([]);
  });

  it('reads a placemark whose description is 1 MB of unclosed cells', () => {
    const kml = kmlOf(
      `<Placemark><name>X</name><description><![CDATA[${'<tr><td>'.repeat(131_072)}]]></description>` +
        '<Point><coordinates>108.2,16.0</coordinates></Point></Placemark>',
    );
    const layer = readKml(kml);
    expect(Object.keys(layer.features[0].properties ?? {})).toEqual(['name', 'description']);
  });
});
